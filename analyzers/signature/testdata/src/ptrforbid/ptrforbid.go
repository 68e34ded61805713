package ptrforbid

import "context"

type GetThingQuery struct{}

type SaveThingCommand struct{}

type Service interface {
	GetThing(ctx context.Context, q GetThingQuery) error
	SaveThing(ctx context.Context, cmd *SaveThingCommand) error // want `Service.SaveThing .*: it takes SaveThingCommand by pointer \(take SaveThingCommand by value\)$`
}
