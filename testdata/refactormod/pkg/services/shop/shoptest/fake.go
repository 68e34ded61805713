// Package shoptest holds test doubles for the shop services.
package shoptest

import (
	"context"

	"example.com/shop/pkg/services/shop"
)

// FakeCouponService answers every query with its Expected* fields.
type FakeCouponService struct {
	ExpectedCoupon *shop.Coupon
	ExpectedError  error
	// Codes records the codes asked for, in order.
	Codes []string
}

var _ shop.CouponService = (*FakeCouponService)(nil)

func NewFakeCouponService() *FakeCouponService {
	return &FakeCouponService{}
}

func (f *FakeCouponService) GetCoupon(ctx context.Context, query *shop.GetCouponQuery) error {
	f.Codes = append(f.Codes, query.Code)
	if f.ExpectedError != nil {
		return f.ExpectedError
	}
	query.Result = f.ExpectedCoupon
	return nil
}
