// Package teapottest holds test doubles of teapot.Service.
package teapottest

import (
	"context"

	"example.com/example/pkg/services/teapot"
)

type FakeService struct {
	ExpectedTeapot *teapot.Teapot
	ExpectedCount  int
	ExpectedErr    error
}

var _ teapot.Service = (*FakeService)(nil)

func (f *FakeService) CreateTeapot(ctx context.Context, cmd *teapot.CreateTeapotCommand) (*teapot.Teapot, error) {
	return f.ExpectedTeapot, f.ExpectedErr
}

func (f *FakeService) GetTeapot(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, error) {
	return f.ExpectedTeapot, f.ExpectedErr
}

func (f *FakeService) DeleteTeapot(ctx context.Context, cmd *teapot.DeleteTeapotCommand) error {
	return f.ExpectedErr
}

func (f *FakeService) GetByName(ctx context.Context, orgID int64, name string) (*teapot.Teapot, error) {
	return f.ExpectedTeapot, f.ExpectedErr
}

func (f *FakeService) Count(q *teapot.GetTeapotQuery) (error, int) {
	return f.ExpectedErr, f.ExpectedCount
}
