// Package models holds a data source's query models: the panel's JSON,
// decoded, named ...Query by the plugin's own convention.
package models

type IssuesQuery struct {
	Repository string `json:"repository"`
}

type Issue struct{ Title string }

// GetIssueQuery is a query of the app's own: its Result field says so.
type GetIssueQuery struct {
	ID     int64
	Result *Issue
}
