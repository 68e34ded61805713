package shop

import "context"

// WishlistService keeps customers' wish lists. Its doubles are testify
// mocks: shoptest.MockWishlistService (mockery v2, with its expecter),
// and the hand-written mock of wishlistimpl's store in wishlistimpl's
// tests; shoptest.FakeWishlistStore forwards to functions each test sets.
type WishlistService interface {
	GetWishlist(ctx context.Context, query *GetWishlistQuery) error
	ListWishes(ctx context.Context, query *ListWishesQuery) error
	CountWishes(ctx context.Context, query *CountWishesQuery) error
	IsWished(ctx context.Context, query *IsWishedQuery) error
	AddWish(ctx context.Context, cmd *AddWishCommand) error
}

// Wishlist is a customer's wished-for products, oldest first.
type Wishlist struct {
	CustomerID int64
	ProductIDs []int64
}

type GetWishlistQuery struct {
	CustomerID int64
	Result     *Wishlist
}

type ListWishesQuery struct {
	CustomerID int64
	Result     []int64
}

type CountWishesQuery struct {
	CustomerID int64
	Result     int64
}

type IsWishedQuery struct {
	CustomerID int64
	ProductID  int64
	Result     bool
}

// AddWishCommand adds a product to a wish list; Result is the number of
// wishes after it.
type AddWishCommand struct {
	CustomerID int64
	ProductID  int64
	Result     int64
}
