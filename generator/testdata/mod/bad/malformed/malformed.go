package malformed

//cq:query result=[]
type GetTeapotQuery struct{}
