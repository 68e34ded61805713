package wishlistimpl

import (
	"context"

	"github.com/stretchr/testify/mock"

	"example.com/shop/pkg/services/shop"
)

// mockStore is a hand-written testify mock of Store, in mockery v2's
// style.
type mockStore struct {
	mock.Mock
}

var _ Store = (*mockStore)(nil)

func (m *mockStore) GetWishlist(ctx context.Context, query *shop.GetWishlistQuery) error {
	ret := m.Called(ctx, query)

	var r0 error
	if rf, ok := ret.Get(0).(func(context.Context, *shop.GetWishlistQuery) error); ok {
		r0 = rf(ctx, query)
	} else {
		r0 = ret.Error(0)
	}

	return r0
}

func (m *mockStore) AddWish(ctx context.Context, cmd *shop.AddWishCommand) error {
	args := m.Called(ctx, cmd)
	return args.Error(0)
}
