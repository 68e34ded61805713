// Package notify publishes events.
package notify

import (
	"context"

	"example.com/fixmod/bus"
)

//cq:event
type userCreation struct {
	ID int64
}

//cq:event
type sendReport struct{}

// reportSent would collide with the suggested name of sendReport: that
// one is reported without a fix.
func reportSent() {}

func Notify(ctx context.Context, b *bus.Bus, id int64) error {
	reportSent()
	if err := b.Publish(ctx, sendReport{}); err != nil {
		return err
	}
	return b.Publish(ctx, &userCreation{ID: id})
}
