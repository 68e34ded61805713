package wishlistimpl_test

import (
	"context"
	"errors"
	"testing"

	"example.com/shop/pkg/services/shop"
	"example.com/shop/pkg/services/shop/shoptest"
	"example.com/shop/pkg/services/shop/wishlistimpl"
)

// The func-field fake's functions are set here, in another package.
func TestFakeStoreFuncs(t *testing.T) {
	fake := &shoptest.FakeWishlistStore{
		GetWishlistFunc: func(ctx context.Context, q *shop.GetWishlistQuery) error {
			if q.CustomerID == 0 {
				return shop.ErrCustomerNotFound
			}
			q.Result = &shop.Wishlist{CustomerID: q.CustomerID, ProductIDs: []int64{1, 2}}
			return nil
		},
	}
	s := wishlistimpl.ProvideService(fake)
	q := shop.CountWishesQuery{CustomerID: 5}
	if err := s.CountWishes(context.Background(), &q); err != nil || q.Result != 2 {
		t.Fatalf("CountWishes = %d, %v; want 2", q.Result, err)
	}
	if err := s.CountWishes(context.Background(), &shop.CountWishesQuery{}); !errors.Is(err, shop.ErrCustomerNotFound) {
		t.Fatalf("CountWishes(0) = %v", err)
	}
	fake.AddWishFunc = func(ctx context.Context, cmd *shop.AddWishCommand) error {
		cmd.Result = 42
		return nil
	}
	cmd := shop.AddWishCommand{CustomerID: 5, ProductID: 3}
	if err := s.AddWish(context.Background(), &cmd); err != nil || cmd.Result != 42 {
		t.Fatalf("AddWish = %d, %v; want 42", cmd.Result, err)
	}
	fake.AddWishFunc = nil
	cmd = shop.AddWishCommand{CustomerID: 5, ProductID: 3}
	if err := s.AddWish(context.Background(), &cmd); err != nil || cmd.Result != 0 || len(fake.Added) != 1 {
		t.Fatalf("AddWish without a func = %d, %v, %v; want 0 and one recorded", cmd.Result, err, fake.Added)
	}
}

// The appending fake collects every wish list it is given.
func TestFakeWishlistServiceAppends(t *testing.T) {
	f := &shoptest.FakeWishlistService{Wishes: map[int64][]int64{1: {7, 8}}, ExpectedCount: 2}
	var ws shop.WishlistService = f
	q := shop.ListWishesQuery{CustomerID: 1}
	if err := ws.ListWishes(context.Background(), &q); err != nil || len(q.Result) != 2 || q.Result[0] != 7 {
		t.Fatalf("ListWishes = %v, %v", q.Result, err)
	}
	c := shop.CountWishesQuery{CustomerID: 1}
	if err := ws.CountWishes(context.Background(), &c); err != nil || c.Result != 2 {
		t.Fatalf("CountWishes = %d, %v", c.Result, err)
	}
	f.ExpectedError = errors.New("down")
	w := shop.GetWishlistQuery{CustomerID: 1}
	if err := ws.GetWishlist(context.Background(), &w); err == nil || w.Result != nil {
		t.Fatalf("GetWishlist = %v, %v; want nil and an error", w.Result, err)
	}
}
