package legacy

//cq:query result=string
type GetNameQuery struct {
	Result int
}

//cq:query result=int ok=true
type CountQuery struct {
	Result int
}
