// Package models holds the teams.
package models

type Team struct {
	ID   int64
	Name string
}
