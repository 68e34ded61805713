package models

import "context"

type Dashboard struct {
	ID  int64
	UID string
}

type DashboardStats struct{ Count int64 }

type GetDashboardQuery struct {
	UID    string
	Result *Dashboard // want `resultfield: GetDashboardQuery.Result \(\*Dashboard\) is filled in by the query's handler: delete the field and have GetDashboard return \(\*Dashboard, error\); .cqgen refactor --types=GetDashboardQuery. converts`
}

type SearchDashboardsQuery struct {
	Title  string
	Result []*Dashboard // want `SearchDashboardsQuery.Result \(\[\]\*Dashboard\)`
}

type GetDashboardStatsQuery struct {
	Result DashboardStats // want `GetDashboardStatsQuery.Result \(DashboardStats\)`
}

type GetDashboardTagsQuery struct {
	Result map[string]int64 // want `GetDashboardTagsQuery.Result`
}

type CountDashboardsQuery struct {
	Result int64 // want `CountDashboardsQuery.Result \(int64\)`
}

//cq:command method=Save result=*Dashboard
type SaveDashboardCommand struct {
	Dashboard *Dashboard
	Result    *Dashboard // want `SaveDashboardCommand.Result \(\*Dashboard\) is filled in by the command's handler: delete the field and have Save return`
}

type LegacyQuery struct {
	//cqlint:ignore resultfield removed in the next release, with its callers
	Result bool
}

// DashboardResponse is an HTTP response body, not a query: its Result is
// what the client reads.
type DashboardResponse struct {
	Result *Dashboard `json:"result"`
}

// CloudWatchQuery is a data-source query model: never given to a service,
// no Result field.
type CloudWatchQuery struct {
	RefID      string
	Expression string
}

type Service interface {
	GetDashboard(ctx context.Context, q *GetDashboardQuery) error
}
