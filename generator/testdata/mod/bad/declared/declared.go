package declared

// Service is written by hand, so cqgen must not write one.
type Service interface{}

//cq:query
type GetTeapotQuery struct{}
