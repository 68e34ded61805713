// Package buses has two bus-shaped Publish methods; with
// -cqmodel.bus-types=buses.Bus only the Bus's carry events: what goes
// through the Relay is not judged.
package buses

import "context"

type Bus interface {
	Publish(ctx context.Context, msg any) error
}

type Relay struct{}

func (Relay) Publish(ctx context.Context, msg any) error { return nil }

type CreateUser struct{} // want `naming: event CreateUser`

type SyncTick struct{}

func run(ctx context.Context, b Bus, r Relay) {
	_ = b.Publish(ctx, &CreateUser{})
	_ = r.Publish(ctx, &SyncTick{})
}
