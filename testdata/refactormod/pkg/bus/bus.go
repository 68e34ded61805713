// Package bus is a tiny in-process message bus in the style of Grafana's
// legacy bus: handlers are registered by the type of message they take,
// and Dispatch hands a message to its one handler.
package bus

import (
	"context"
	"fmt"
	"reflect"
	"sync"
)

var (
	ctxType = reflect.TypeFor[context.Context]()
	errType = reflect.TypeFor[error]()
)

// Bus routes commands and queries to the handler registered for their type.
type Bus struct {
	mu       sync.RWMutex
	handlers map[reflect.Type]reflect.Value
}

// New returns an empty bus.
func New() *Bus {
	return &Bus{handlers: make(map[reflect.Type]reflect.Value)}
}

// AddHandler registers handler, which must have the shape
// func(context.Context, *T) error, as the handler for *T messages.
func (b *Bus) AddHandler(handler any) {
	v := reflect.ValueOf(handler)
	t := v.Type()
	if t.Kind() != reflect.Func || t.NumIn() != 2 || t.In(0) != ctxType ||
		t.NumOut() != 1 || t.Out(0) != errType {
		panic(fmt.Sprintf("bus: handler must be func(context.Context, *T) error, got %s", t))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.handlers[t.In(1)] = v
}

// Dispatch calls the handler registered for msg's type.
func (b *Bus) Dispatch(ctx context.Context, msg any) error {
	b.mu.RLock()
	h, ok := b.handlers[reflect.TypeOf(msg)]
	b.mu.RUnlock()
	if !ok {
		return fmt.Errorf("bus: no handler for %T", msg)
	}
	out := h.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(msg)})
	err, _ := out[0].Interface().(error)
	return err
}
