// Package bus is a minimal in-process event bus.
package bus

import "context"

type Bus struct {
	handlers []func(context.Context, any) error
}

func (b *Bus) Publish(ctx context.Context, msg any) error {
	for _, h := range b.handlers {
		if err := h(ctx, msg); err != nil {
			return err
		}
	}
	return nil
}
