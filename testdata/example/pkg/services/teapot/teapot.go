// Package teapot is the root package of the teapot service: its model,
// commands, queries and the Service interface.
package teapot

import (
	"context"
	"errors"
)

var ErrTeapotNotFound = errors.New("teapot not found")

type Teapot struct {
	ID       int64
	OrgID    int64
	Name     string
	Capacity int
}

type CreateTeapotCommand struct {
	OrgID    int64
	Name     string
	Capacity int
}

type GetTeapotQuery struct {
	OrgID int64
	ID    int64
}

type DeleteTeapotCommand struct {
	OrgID int64
	ID    int64
}

// TeapotCreated is published after a teapot is created.
type TeapotCreated struct {
	ID int64
}

type Service interface {
	CreateTeapot(ctx context.Context, cmd *CreateTeapotCommand) (*Teapot, error)
	GetTeapot(ctx context.Context, q *GetTeapotQuery) (*Teapot, error)
	DeleteTeapot(ctx context.Context, cmd *DeleteTeapotCommand) error
	// GetByName takes its arguments one by one: cqlint asks for a query.
	GetByName(ctx context.Context, orgID int64, name string) (*Teapot, error)
	// Count forgets the context and returns the error first.
	Count(q *GetTeapotQuery) (error, int)
}
