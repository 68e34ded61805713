// Package teapotimpl implements teapot.Service.
package teapotimpl

import (
	"context"
	"sync"

	"example.com/example/pkg/services/teapot"
)

type Service struct {
	mu      sync.Mutex
	nextID  int64
	teapots map[int64]*teapot.Teapot
}

var _ teapot.Service = (*Service)(nil)

func ProvideService() *Service { return &Service{teapots: map[int64]*teapot.Teapot{}} }

// The methods of teapot.Service are checked at the interface.

func (s *Service) CreateTeapot(ctx context.Context, cmd *teapot.CreateTeapotCommand) (*teapot.Teapot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	t := &teapot.Teapot{ID: s.nextID, OrgID: cmd.OrgID, Name: cmd.Name, Capacity: cmd.Capacity}
	s.teapots[t.ID] = t
	return t, nil
}

func (s *Service) GetTeapot(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.teapots[q.ID]; ok && t.OrgID == q.OrgID {
		return t, nil
	}
	return nil, teapot.ErrTeapotNotFound
}

func (s *Service) DeleteTeapot(ctx context.Context, cmd *teapot.DeleteTeapotCommand) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.teapots, cmd.ID)
	return nil
}

func (s *Service) GetByName(ctx context.Context, orgID int64, name string) (*teapot.Teapot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.teapots {
		if t.OrgID == orgID && t.Name == name {
			return t, nil
		}
	}
	return nil, teapot.ErrTeapotNotFound
}

func (s *Service) Count(q *teapot.GetTeapotQuery) (error, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return nil, len(s.teapots)
}

// DescaleTeapotCommand belongs in the root package, beside the others.
type DescaleTeapotCommand struct {
	ID int64
}

// Descale is not in the interface, so it is checked here.
func (s *Service) Descale(ctx context.Context, cmd DescaleTeapotCommand) error {
	return nil
}
