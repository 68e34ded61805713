// Package events holds events: every struct here is one.
package events

type UserCreated struct{ ID int64 }

type OrgUpdated struct{}
