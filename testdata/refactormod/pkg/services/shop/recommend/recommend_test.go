package recommend_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/mock"

	"example.com/shop/pkg/services/shop"
	"example.com/shop/pkg/services/shop/recommend"
	"example.com/shop/pkg/services/shop/shoptest"
)

func TestBannerWished(t *testing.T) {
	ws := shoptest.NewMockWishlistService(t)
	ws.EXPECT().CountWishes(mock.Anything, mock.AnythingOfType("*shop.CountWishesQuery")).Run(func(ctx context.Context, q *shop.CountWishesQuery) {
		q.Result = 3
	}).Return(nil).Once()
	ws.EXPECT().IsWished(mock.Anything, mock.MatchedBy(func(q *shop.IsWishedQuery) bool { return q.ProductID == 9 })).RunAndReturn(func(ctx context.Context, q *shop.IsWishedQuery) error {
		q.Result = q.CustomerID == 1
		return nil
	}).Times(2)
	for _, tc := range []struct {
		customer int64
		want     string
	}{{1, "on your wish list (3 wishes)"}, {2, "3 wishes"}} {
		if tc.customer == 2 {
			ws.EXPECT().CountWishes(mock.Anything, mock.Anything).Run(func(ctx context.Context, q *shop.CountWishesQuery) {
				q.Result = q.CustomerID + 1
			}).Return(nil).Once()
		}
		got, err := recommend.Banner(context.Background(), ws, tc.customer, 9)
		if err != nil || got != tc.want {
			t.Errorf("Banner(%d) = %q, %v; want %q", tc.customer, got, err, tc.want)
		}
	}
}

func TestBannerErrors(t *testing.T) {
	ws := shoptest.NewMockWishlistService(t)
	ws.EXPECT().CountWishes(mock.Anything, mock.Anything).Return(shop.ErrCustomerNotFound).Once()
	if got, err := recommend.Banner(context.Background(), ws, 1, 9); !errors.Is(err, shop.ErrCustomerNotFound) || got != "" {
		t.Errorf("Banner = %q, %v; want ErrCustomerNotFound", got, err)
	}
	ws.EXPECT().CountWishes(mock.Anything, mock.Anything).Return(nil).Once()
	ws.EXPECT().IsWished(mock.Anything, mock.Anything).Return(nil).Once()
	if got, err := recommend.Banner(context.Background(), ws, 1, 9); err != nil || got != "0 wishes" {
		t.Errorf("Banner with zero values = %q, %v; want \"0 wishes\"", got, err)
	}
}

func TestBannerFake(t *testing.T) {
	f := &shoptest.FakeWishlistService{ExpectedCount: 5, ExpectedWished: true}
	if got, err := recommend.Banner(context.Background(), f, 1, 2); err != nil || got != "on your wish list (5 wishes)" {
		t.Errorf("Banner = %q, %v", got, err)
	}
}
