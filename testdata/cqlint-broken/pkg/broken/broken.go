package broken

import "context"

type GetThingQuery struct {
	Result int
}

func GetThing(ctx context.Context, q *GetThingQuery) error {
	q.Result = "not an int"
	return undefinedHelper(q)
}
