// Package wishlistimpl implements shop.WishlistService over a Store.
package wishlistimpl

import (
	"context"
	"sync"

	"example.com/shop/pkg/services/shop"
)

// Store is what the service keeps wish lists in.
type Store interface {
	GetWishlist(ctx context.Context, query *shop.GetWishlistQuery) error
	AddWish(ctx context.Context, cmd *shop.AddWishCommand) error
}

// Service implements shop.WishlistService.
type Service struct{ store Store }

var _ shop.WishlistService = (*Service)(nil)

func ProvideService(store Store) *Service { return &Service{store: store} }

func (s *Service) GetWishlist(ctx context.Context, query *shop.GetWishlistQuery) error {
	return s.store.GetWishlist(ctx, query)
}

func (s *Service) ListWishes(ctx context.Context, query *shop.ListWishesQuery) error {
	wl := shop.GetWishlistQuery{CustomerID: query.CustomerID}
	if err := s.store.GetWishlist(ctx, &wl); err != nil {
		return err
	}
	query.Result = wl.Result.ProductIDs
	return nil
}

func (s *Service) CountWishes(ctx context.Context, query *shop.CountWishesQuery) error {
	wl := shop.GetWishlistQuery{CustomerID: query.CustomerID}
	if err := s.store.GetWishlist(ctx, &wl); err != nil {
		return err
	}
	query.Result = int64(len(wl.Result.ProductIDs))
	return nil
}

func (s *Service) IsWished(ctx context.Context, query *shop.IsWishedQuery) error {
	wl := shop.GetWishlistQuery{CustomerID: query.CustomerID}
	if err := s.store.GetWishlist(ctx, &wl); err != nil {
		return err
	}
	for _, id := range wl.Result.ProductIDs {
		if id == query.ProductID {
			query.Result = true
		}
	}
	return nil
}

func (s *Service) AddWish(ctx context.Context, cmd *shop.AddWishCommand) error {
	if cmd.ProductID <= 0 {
		return shop.ErrInvalidProduct
	}
	return s.store.AddWish(ctx, cmd)
}

// MemStore is an in-memory Store.
type MemStore struct {
	mu     sync.Mutex
	wishes map[int64][]int64
}

func NewMemStore() *MemStore { return &MemStore{wishes: map[int64][]int64{}} }

func (m *MemStore) GetWishlist(ctx context.Context, query *shop.GetWishlistQuery) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	query.Result = &shop.Wishlist{CustomerID: query.CustomerID, ProductIDs: append([]int64(nil), m.wishes[query.CustomerID]...)}
	return nil
}

func (m *MemStore) AddWish(ctx context.Context, cmd *shop.AddWishCommand) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.wishes[cmd.CustomerID] = append(m.wishes[cmd.CustomerID], cmd.ProductID)
	cmd.Result = int64(len(m.wishes[cmd.CustomerID]))
	return nil
}
