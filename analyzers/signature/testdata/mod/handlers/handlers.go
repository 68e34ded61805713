// Package handlers implements the framework's contract: its signature
// is the framework's to fix, not a service's to reshape. A method of
// the same shape that implements no contract is a service's.
package handlers

import (
	"context"

	"example.com/app/models"
	"example.com/sdk/handler"
)

type IssueHandler struct{}

func (h *IssueHandler) Handle(ctx context.Context, q *models.GetIssueQuery, meta handler.Meta) error {
	return nil
}

var _ handler.Handler[*models.GetIssueQuery] = (*IssueHandler)(nil)

type Issues struct{}

func (s *Issues) Process(ctx context.Context, q *models.GetIssueQuery, meta handler.Meta) error { // want `Issues.Process is not shaped`
	return nil
}
