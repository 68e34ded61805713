// Package sqlstore has the long names of Grafana's legacy store, for the
// migration report's layout test.
package sqlstore

import "context"

type DashboardAclInfoDTO struct {
	DashboardID int64
	UserID      int64
	Permission  int
}

// GetDashboardAclInfoListQuery is a legacy query: its handler fills in
// Result.
type GetDashboardAclInfoListQuery struct {
	DashboardID int64
	OrgID       int64
	Result      []*DashboardAclInfoDTO
}

type SQLStore struct {
	acl map[int64][]*DashboardAclInfoDTO
}

func (ss *SQLStore) GetDashboardAclInfoList(ctx context.Context, query *GetDashboardAclInfoListQuery) error {
	query.Result = ss.acl[query.DashboardID]
	return nil
}
