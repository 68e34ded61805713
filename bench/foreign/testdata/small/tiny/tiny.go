// Package tiny is the one module of bench/foreign's small configuration
// (TestScripts): a query with a Result field, a service method of the
// wrong shape and a command not named in the imperative.
package tiny

import "context"

type Thing struct{ ID int64 }

// GetThingQuery has a legacy Result field.
type GetThingQuery struct {
	ID     int64
	Result *Thing
}

// ThingCreationCommand is named by a noun.
type ThingCreationCommand struct{ Name string }

// Service is a service interface.
type Service interface {
	GetThing(ctx context.Context, q *GetThingQuery) error
	CreateThing(ctx context.Context, cmd ThingCreationCommand) (int64, error)
	DeleteThing(ctx context.Context, id int64) error
}
