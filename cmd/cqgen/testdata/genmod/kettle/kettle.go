// Package kettle is a second service root, with its interface named Store.
package kettle

//go:generate cqgen generate

import (
	"example.com/genmod/legacy/models"
	tmodels "example.com/genmod/models"
)

// BoilWaterCommand boils the kettle and returns the temperature reached.
//
//cq:command service=Store method=Boil result=int
type BoilWaterCommand struct {
	KettleID int64
}

// GetUsersQuery returns users and teams, from two packages named models.
//
//cq:query service=Store result=map[string]models.User
type GetUsersQuery struct {
	Team  tmodels.Team
	Since *models.User
}
