// Package policy is checked with -cqmodel.query-suffixes=Query,Request and
// -cqmodel.require-use=false: the suggested cqgen command carries both, so
// that cqgen finds the same types.
package policy

type User struct{}

type GetUserRequest struct {
	Result *User // want "`cqgen refactor --cqmodel.query-suffixes=Query,Request --cqmodel.require-use=false --types=GetUserRequest` converts"
}

func GetUser(q *GetUserRequest) error { // want "`cqgen refactor --cqmodel.query-suffixes=Query,Request --cqmodel.require-use=false --types=GetUserRequest` converts"
	q.Result = &User{}
	return nil
}
