package handmethodtest

import (
	"context"

	"example.com/gen/bad/handmethod"
)

// GetTeapot is written by hand; cqgen writes FakeService.GetTeapot too.
func (f *FakeService) GetTeapot(ctx context.Context, query handmethod.GetTeapotQuery) (int, error) {
	return 42, nil
}

// Reset is a method cqgen does not write: extending the fake is fine.
func (f *FakeService) Reset() {}
