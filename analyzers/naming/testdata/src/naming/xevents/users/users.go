// Package users declares events that only usersimpl publishes, Grafana's
// usual layout: here they are plain structs.
package users

type CreateUser struct{ ID int64 }

type UserDeleted struct{ ID int64 }

type SendWelcome struct{ ID int64 }

type OrgJoin struct{}

// GetUserQuery is a query: the events rule reports its publishing.
type GetUserQuery struct{}

// LegacyAudit's name is the wire format's.
//
//cqlint:ignore naming the audit log consumers match this name
type LegacyAudit struct{}

// StartImport is an event by its directive, and judged here.
//
//cq:event
type StartImport struct{} // want `naming: event StartImport is in the imperative, not the past tense: .*; rename it to ImportStarted`
