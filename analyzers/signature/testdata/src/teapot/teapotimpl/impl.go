package teapotimpl

import (
	"context"

	"teapot"
)

type Service struct{}

var _ teapot.Service = (*Service)(nil)

// Methods of teapot.Service are reported at the interface, not here.
func (s *Service) GetTeapot(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, error) {
	return nil, nil
}
func (s *Service) ListTeapots(ctx context.Context, q teapot.ListTeapotsQuery) ([]*teapot.Teapot, error) {
	return nil, nil
}
func (s *Service) BrewTea(ctx context.Context, cmd *teapot.BrewTeaCommand) error { return nil }
func (s *Service) Exists(ctx context.Context, q *teapot.GetTeapotQuery) (bool, error) {
	return false, nil
}
func (s *Service) Lookup(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, bool) {
	return nil, false
}
func (s *Service) Count(ctx context.Context, q teapot.ListTeapotsQuery) int              { return 0 }
func (s *Service) NoContext(q *teapot.GetTeapotQuery) (*teapot.Teapot, error)            { return nil, nil }
func (s *Service) GetByID(ctx context.Context, id int64) (*teapot.Teapot, error)         { return nil, nil }
func (s *Service) Many(ctx context.Context, q *teapot.GetTeapotQuery, orgID int64) error { return nil }
func (s *Service) Ping(ctx context.Context) error                                        { return nil }
func (s *Service) Nothing()                                                              {}
func (s *Service) Three(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, int, error) {
	return nil, 0, nil
}
func (s *Service) IntSecond(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, int) {
	return nil, 0
}
func (s *Service) ErrFirst(ctx context.Context, q *teapot.GetTeapotQuery) (error, bool) {
	return nil, false
}
func (s *Service) Event(ctx context.Context, e *teapot.TeapotBrewed) error { return nil }
func (s *Service) All(q teapot.GetTeapotQuery, a, b int) (error, int, int) { return nil, 0, 0 }
func (s *Service) Suppressed(id int64) error                               { return nil }

// A query declared in the implementation package belongs in the root.
type CleanTeapotsCommand struct{}

// Not in the interface: reported here. Its root is teapot, the parent
// whose name teapotimpl extends.
func (s *Service) CleanTeapots(ctx context.Context, cmd *CleanTeapotsCommand) error { // want `Service.CleanTeapots .*: CleanTeapotsCommand is declared in teapot/teapotimpl, not in the service's root package teapot \(move it there, or run with -signature.root-package=false for a shared models package\)$`
	return nil
}

func (s *Service) Descale(cmd *teapot.BrewTeaCommand) error { // want `Service.Descale .*: its first parameter is not context.Context`
	return nil
}

// Unexported methods and methods of unexported types are no service
// methods.
func (s *Service) warm(cmd *teapot.BrewTeaCommand) {}

type helper struct{}

func (helper) Brew(cmd *teapot.BrewTeaCommand) {}
