package teapottest

import (
	"context"

	"teapot"
)

// FakeService implements only part of teapot.Service, so its methods are
// checked on their own; their root is teapot.
type FakeService struct{}

func (f *FakeService) GetTeapot(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, error) {
	return nil, nil
}

func (f *FakeService) BrewTea(cmd *teapot.BrewTeaCommand) error { return nil } // want `FakeService.BrewTea .*: its first parameter is not context.Context`
