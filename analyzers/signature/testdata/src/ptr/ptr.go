package ptr

import "context"

type GetThingQuery struct{}

type SaveThingCommand struct{}

type Service interface {
	GetThing(ctx context.Context, q GetThingQuery) error // want `Service.GetThing .*: it takes GetThingQuery by value \(take \*GetThingQuery\)$`
	SaveThing(ctx context.Context, cmd *SaveThingCommand) error
}
