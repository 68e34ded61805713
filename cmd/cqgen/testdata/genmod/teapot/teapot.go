// Package teapot is the root package of the teapot service: it declares
// the commands and queries; cqgen generates the Service interface.
package teapot

//go:generate cqgen generate

import (
	legacymodels "example.com/genmod/legacy/models"
	"example.com/genmod/models"
)

type Teapot struct {
	ID    int64
	Name  string
	Owner legacymodels.User
}

// Page is one page of a listing.
type Page[T any] struct {
	Items []T
	Next  string
}

// GetTeapotQuery looks up one teapot by ID.
//
//cq:query result=*Teapot
type GetTeapotQuery struct {
	ID int64
}

// ListTeapotsQuery lists teapots a page at a time.
//
//cq:query result=Page[*Teapot]
type ListTeapotsQuery struct {
	After string
}

// CountTeapotsQuery counts teapots; it cannot fail.
//
//cq:query result=int ok=true
type CountTeapotsQuery struct{}

// DeleteTeapotCommand deletes a teapot.
//
//cq:command
type DeleteTeapotCommand struct {
	ID int64
}

// GetTeamsQuery returns the teams that own teapots.
//
//cq:query result=map[int64][]*models.Team
type GetTeamsQuery struct {
	Team models.Team
}

// GetOwnerQuery is still served by a legacy bus handler that fills in
// Result.
//
//cq:query
type GetOwnerQuery struct {
	TeapotID int64
	Result   *legacymodels.User
}

// ProvideService hands out the service by its generated interface, as a
// wire provider would; until the first cqgen generate, Service is undefined
// here, which must not stop cqgen.
func ProvideService(s Service) Service { return s }
