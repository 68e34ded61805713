package typeerror

// The hand-written code may use the interface cqgen writes: no error.
var _ Service = nil

//cq:query
type GetOwnerQuery struct {
	Result *Missing
}
