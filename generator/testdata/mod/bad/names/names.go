package names

//cq:query method=EXPECT
type ExpectQuery struct{}

//cq:command
type ErrorCommand struct{}

//cq:query result=int ok=true
type GetQuery struct{}

//cq:query result=bool
type GetOKQuery struct{}
