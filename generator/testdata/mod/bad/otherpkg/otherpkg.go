package otherpkg

//cq:query result=int
type GetTeapotQuery struct{ ID int64 }
