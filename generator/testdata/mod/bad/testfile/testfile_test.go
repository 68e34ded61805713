package testfile

// GetTeapotQuery is a test-only query.
//
//cq:query result=*Teapot colour=blue
type GetTeapotQuery struct{}

//cq:command
type DeleteTeapotCommand struct{}
