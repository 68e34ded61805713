package shoptest

import (
	"context"

	"example.com/shop/pkg/mockrec"
	"example.com/shop/pkg/services/shop"
)

// MockLoyaltyService records calls; configure it with
// m.On("GetLoyaltyPoints", points, err).
type MockLoyaltyService struct {
	mockrec.Mock
}

var _ shop.LoyaltyService = (*MockLoyaltyService)(nil)

func (m *MockLoyaltyService) GetLoyaltyPoints(ctx context.Context, query *shop.GetLoyaltyPointsQuery) error {
	ret := m.Called("GetLoyaltyPoints", ctx, query)
	if points, ok := ret[0].(int64); ok {
		query.Result = points
	}
	err, _ := ret[1].(error)
	return err
}
