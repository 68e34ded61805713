// Package sqlstore is the legacy store: handlers that fill in Result.
package sqlstore

import (
	"context"
	"strings"
	"sync"

	"example.com/example/pkg/models"
)

type SQLStore struct {
	mu         sync.Mutex
	dashboards []*models.Dashboard
}

func (ss *SQLStore) withTx(ctx context.Context, fn func() error) error {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return fn()
}

func (ss *SQLStore) GetDashboard(ctx context.Context, query *models.GetDashboardQuery) error {
	return ss.withTx(ctx, func() error {
		for _, d := range ss.dashboards {
			if d.UID == query.UID && d.OrgID == query.OrgID {
				query.Result = d
				return nil
			}
		}
		return models.ErrDashboardNotFound
	})
}

func (ss *SQLStore) SearchDashboards(ctx context.Context, query *models.SearchDashboardsQuery) error {
	query.Result = make([]*models.Dashboard, 0)
	for _, d := range ss.dashboards {
		if d.OrgID == query.OrgID && strings.Contains(d.Title, query.Title) {
			query.Result = append(query.Result, d)
		}
	}
	return nil
}

// Dashboard returns a dashboard by id: not a service method (it takes no
// command or query), so not checked.
func (ss *SQLStore) Dashboard(id int64) *models.Dashboard { return nil }
