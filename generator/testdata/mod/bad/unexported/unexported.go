package unexported

type teapot struct{}

//cq:query result=[]*teapot
type GetTeapotsQuery struct{}

//cq:query
type getKettleQuery struct{}

//cq:query
type GetPageQuery[T any] struct{ After T }
