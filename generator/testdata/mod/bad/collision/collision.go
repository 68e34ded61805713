package collision

//cq:query method=Get
type GetTeapotQuery struct{}

//cq:query method=Get
type GetKettleQuery struct{}

//cq:command
type GetCommand struct{}

//cq:query service=Other method=Get
type GetOtherQuery struct{}
