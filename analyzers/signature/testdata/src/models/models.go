package models

type Dashboard struct{ ID int64 }

type GetDashboardQuery struct {
	UID    string
	Result *Dashboard
}

type SaveDashboardCommand struct{ Dashboard *Dashboard }
