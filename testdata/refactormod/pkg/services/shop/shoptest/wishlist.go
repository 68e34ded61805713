package shoptest

import (
	"context"

	"example.com/shop/pkg/services/shop"
)

// FakeWishlistService answers with its Expected* fields; ListWishes
// appends the customer's Wishes one by one.
type FakeWishlistService struct {
	ExpectedWishlist *shop.Wishlist
	ExpectedCount    int64
	ExpectedWished   bool
	ExpectedError    error
	Wishes           map[int64][]int64
}

var _ shop.WishlistService = (*FakeWishlistService)(nil)

func (f *FakeWishlistService) GetWishlist(ctx context.Context, query *shop.GetWishlistQuery) error {
	if f.ExpectedError != nil {
		return f.ExpectedError
	}
	query.Result = f.ExpectedWishlist
	return nil
}

func (f *FakeWishlistService) ListWishes(ctx context.Context, query *shop.ListWishesQuery) error {
	for _, id := range f.Wishes[query.CustomerID] {
		query.Result = append(query.Result, id)
	}
	return f.ExpectedError
}

func (f *FakeWishlistService) CountWishes(ctx context.Context, query *shop.CountWishesQuery) error {
	query.Result = f.ExpectedCount
	return f.ExpectedError
}

func (f *FakeWishlistService) IsWished(ctx context.Context, query *shop.IsWishedQuery) error {
	query.Result = f.ExpectedWished
	return f.ExpectedError
}

// AddWish never sets Result: callers read 0.
func (f *FakeWishlistService) AddWish(ctx context.Context, cmd *shop.AddWishCommand) error {
	return f.ExpectedError
}

// FakeWishlistStore is a store for wishlistimpl whose methods call the
// function each test sets.
type FakeWishlistStore struct {
	GetWishlistFunc func(ctx context.Context, query *shop.GetWishlistQuery) error
	AddWishFunc     func(ctx context.Context, cmd *shop.AddWishCommand) error
	// Added records the commands AddWish got with no AddWishFunc set.
	Added []*shop.AddWishCommand
}

func (f *FakeWishlistStore) GetWishlist(ctx context.Context, query *shop.GetWishlistQuery) error {
	if f.GetWishlistFunc != nil {
		return f.GetWishlistFunc(ctx, query)
	}
	return nil
}

func (f *FakeWishlistStore) AddWish(ctx context.Context, cmd *shop.AddWishCommand) error {
	if f.AddWishFunc != nil {
		return f.AddWishFunc(ctx, cmd)
	}
	f.Added = append(f.Added, cmd)
	return nil
}
