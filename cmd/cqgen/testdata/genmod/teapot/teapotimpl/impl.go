// Package teapotimpl implements teapot.Service.
package teapotimpl

import (
	"context"
	"errors"

	tmodels "example.com/genmod/models"
	"example.com/genmod/teapot"
)

var ErrNotFound = errors.New("teapot not found")

// Service is an in-memory teapot store. The legacy GetOwner handler is
// still bus-style; the generated teapot.LegacyService gives it its
// (U, error) method.
type Service struct {
	teapot.LegacyService
	teapots map[int64]*teapot.Teapot
}

var _ teapot.Service = (*Service)(nil)

func New(teapots ...*teapot.Teapot) *Service {
	s := &Service{teapots: map[int64]*teapot.Teapot{}}
	for _, t := range teapots {
		s.teapots[t.ID] = t
	}
	s.LegacyService = teapot.LegacyService{GetOwnerHandler: s.getOwner}
	return s
}

// getOwner is the legacy handler: it fills in query.Result.
func (s *Service) getOwner(ctx context.Context, query *teapot.GetOwnerQuery) error {
	t, ok := s.teapots[query.TeapotID]
	if !ok {
		return ErrNotFound
	}
	owner := t.Owner
	query.Result = &owner
	return nil
}

func (s *Service) GetTeapot(ctx context.Context, query teapot.GetTeapotQuery) (*teapot.Teapot, error) {
	t, ok := s.teapots[query.ID]
	if !ok {
		return nil, ErrNotFound
	}
	return t, nil
}

func (s *Service) ListTeapots(ctx context.Context, query teapot.ListTeapotsQuery) (teapot.Page[*teapot.Teapot], error) {
	var page teapot.Page[*teapot.Teapot]
	for _, t := range s.teapots {
		page.Items = append(page.Items, t)
	}
	return page, nil
}

func (s *Service) CountTeapots(ctx context.Context, query teapot.CountTeapotsQuery) (int, bool) {
	return len(s.teapots), true
}

func (s *Service) DeleteTeapot(ctx context.Context, cmd teapot.DeleteTeapotCommand) error {
	if _, ok := s.teapots[cmd.ID]; !ok {
		return ErrNotFound
	}
	delete(s.teapots, cmd.ID)
	return nil
}

func (s *Service) GetTeams(ctx context.Context, query teapot.GetTeamsQuery) (map[int64][]*tmodels.Team, error) {
	return map[int64][]*tmodels.Team{}, nil
}
