// Package bus is a tiny message bus: handlers registered as values.
package bus

import (
	"context"
	"fmt"
	"reflect"
)

// Bus dispatches a query to the handler registered for its type.
type Bus struct {
	handlers map[reflect.Type]reflect.Value
}

// New returns an empty bus.
func New() *Bus { return &Bus{handlers: map[reflect.Type]reflect.Value{}} }

// AddHandler registers h, a func(context.Context, *Q) error.
func (b *Bus) AddHandler(h any) {
	v := reflect.ValueOf(h)
	b.handlers[v.Type().In(1)] = v
}

// Dispatch calls the handler of q's type.
func (b *Bus) Dispatch(ctx context.Context, q any) error {
	h, ok := b.handlers[reflect.TypeOf(q)]
	if !ok {
		return fmt.Errorf("no handler for %T", q)
	}
	if err, _ := h.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(q)})[0].Interface().(error); err != nil {
		return err
	}
	return nil
}
