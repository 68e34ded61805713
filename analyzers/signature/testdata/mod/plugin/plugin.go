// Package plugin passes its query models beside the SDK's request: a
// data source's handlers, whose shape the SDK's contract fixes, not
// services to reshape; nor is the health check beside them.
package plugin

import (
	"context"

	"example.com/app/models"
	"example.com/sdk/backend"
)

type Frame struct{}

type Datasource interface {
	HandleIssuesQuery(context.Context, *models.IssuesQuery, backend.DataQuery) (Frame, error)
	CheckHealth(context.Context) error
}

// A query with its own evidence (a Result field) beside the SDK's
// request is still a service's.
type Store interface {
	GetIssue(ctx context.Context, q *models.GetIssueQuery, req backend.DataQuery) error // want `Store.GetIssue is not shaped`
}
