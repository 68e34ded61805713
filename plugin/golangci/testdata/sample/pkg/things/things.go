// Package things has one finding of each kind the plugin test checks.
package things

import "context"

type Thing struct{ ID int64 }

// GetThingQuery is a legacy query.
type GetThingQuery struct {
	ID     int64
	Result *Thing
}

// ListThingsRequest is a query only by the plugin's settings
// (cqmodel.query-suffixes: [Query, Request]).
type ListThingsRequest struct {
	Result []*Thing
}

// CountThingsQuery is legacy too, but the team has said so.
type CountThingsQuery struct {
	Result int64 //nolint:cq // migrated in the next release
}

type Service interface {
	GetThing(ctx context.Context, q *GetThingQuery) error
	Count(q *CountThingsQuery) (error, int64)
}

// ThingCountQuery is named noun first, which naming would report; the
// settings disable naming.
type ThingCountQuery struct{}

type Counter interface {
	CountThings(ctx context.Context, q *ThingCountQuery) (int64, error)
}
