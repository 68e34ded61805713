package unknownkey

//cq:query colour=blue
type GetTeapotQuery struct{}
