// Package models holds the legacy shared models, as older Grafana trees
// do.
package models

import "errors"

var ErrDashboardNotFound = errors.New("dashboard not found")

type Dashboard struct {
	ID    int64
	UID   string
	OrgID int64
	Title string
}

// GetDashboardQuery is a legacy query: its handler fills in Result.
type GetDashboardQuery struct {
	UID    string
	OrgID  int64
	Result *Dashboard
}

// SearchDashboardsQuery is a legacy query too.
type SearchDashboardsQuery struct {
	OrgID  int64
	Title  string
	Result []*Dashboard
}

// DashboardResponse is the HTTP body of a read; its Result is what the
// client reads, not a handler's output.
type DashboardResponse struct {
	Result *Dashboard `json:"result"`
}
