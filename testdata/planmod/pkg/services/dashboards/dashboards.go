// Package dashboards is a service in the legacy style: handlers fill in
// the Result field of the query they are given.
package dashboards

import (
	"context"
	"errors"
)

// ErrNotFound is returned for an unknown dashboard.
var ErrNotFound = errors.New("dashboard not found")

// Dashboard is a stored dashboard.
type Dashboard struct {
	ID    int64
	Title string
}

// GetDashboardQuery reads one dashboard by ID.
type GetDashboardQuery struct {
	ID     int64
	Result *Dashboard
}

// CountDashboardsQuery counts the dashboards.
type CountDashboardsQuery struct {
	Result int64
}

// Service reads dashboards.
type Service interface {
	GetDashboard(ctx context.Context, q *GetDashboardQuery) error
}

// Store is an in-memory Service.
type Store struct{ byID map[int64]*Dashboard }

// NewStore returns a store holding ds.
func NewStore(ds ...*Dashboard) *Store {
	s := &Store{byID: map[int64]*Dashboard{}}
	for _, d := range ds {
		s.byID[d.ID] = d
	}
	return s
}

// GetDashboard sets q.Result to the dashboard q.ID.
func (s *Store) GetDashboard(ctx context.Context, q *GetDashboardQuery) error {
	d, ok := s.byID[q.ID]
	if !ok {
		return ErrNotFound
	}
	q.Result = d
	return nil
}

// CountDashboards sets q.Result to the number of dashboards.
func (s *Store) CountDashboards(ctx context.Context, q *CountDashboardsQuery) error {
	q.Result = int64(len(s.byID))
	return nil
}
