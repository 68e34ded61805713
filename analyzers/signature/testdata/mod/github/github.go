// Package github implements plugin.Datasource without importing it: the
// same methods, not reported either.
package github

import (
	"context"

	"example.com/app/models"
	"example.com/sdk/backend"
)

type Frame struct{}

type Datasource struct{}

func (d *Datasource) HandleIssuesQuery(ctx context.Context, q *models.IssuesQuery, req backend.DataQuery) (Frame, error) {
	return Frame{}, nil
}

func (d *Datasource) CheckHealth(ctx context.Context) error { return nil }
