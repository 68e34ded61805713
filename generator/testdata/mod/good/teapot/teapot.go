// Package teapot exercises every output shape of cqgen generate.
package teapot

import (
	"time"

	"example.com/gen/a/models"
)

type Teapot struct {
	ID   int64
	Name string
}

// Page is a generic result type.
type Page[T any] struct {
	Items []T
	Next  string
}

// GetTeapotQuery asks for one teapot by ID.
//
// It fails with ErrNotFound when there is none.
//
//cq:query result=*Teapot
type GetTeapotQuery struct {
	ID int64
}

//cq:query result=Page[*Teapot]
type ListTeapotsQuery struct {
	After string
}

// CountTeapotsQuery cannot fail: (int, bool).
//
//cq:query result=int ok=true
type CountTeapotsQuery struct{}

// DeleteTeapotCommand returns only an error.
//
//cq:command
type DeleteTeapotCommand struct {
	ID int64
}

// GetTeamsQuery returns teams from a package named models.
//
//cq:query result=map[string][]*models.Team
type GetTeamsQuery struct {
	Since time.Time
	Owner models.Team
}

// GetLegacyTeapotQuery still has its Result field.
//
//cq:query
type GetLegacyTeapotQuery struct {
	ID     int64
	Result *Teapot
}

//cq:command method=Brew service=Kitchen result="chan<- time.Duration"
type BrewTeaCommand struct {
	Strong bool
}

// TeapotBrokenEvent carries a directive but makes no method.
//
//cq:event
type TeapotBrokenEvent struct{}
