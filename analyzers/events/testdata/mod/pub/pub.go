// Package pub publishes a struct of another module named like a query:
// that module's data, not a request to one of our services (cqmodel's
// KindAt), as the signature rule sees it too.
package pub

import (
	"context"

	"example.com/sdk/backend"
)

type Bus interface {
	Publish(ctx context.Context, msg any) error
}

type GetThingQuery struct{}

func publish(ctx context.Context, b Bus) {
	_ = b.Publish(ctx, &backend.DataQuery{})
	_ = b.Publish(ctx, &GetThingQuery{}) // want `events: \*GetThingQuery is a query, not an event`
}
