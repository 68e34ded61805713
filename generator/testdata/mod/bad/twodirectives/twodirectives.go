package twodirectives

//cq:query
//cq:command
type GetTeapotQuery struct{}
