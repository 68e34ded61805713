// Package handler stands for a framework's generic handler contract:
// another module's.
package handler

import "context"

type Meta struct{ Topic string }

type Handler[T any] interface {
	Handle(ctx context.Context, q T, meta Meta) error
}
