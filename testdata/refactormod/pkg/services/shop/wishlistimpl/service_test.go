package wishlistimpl

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/mock"

	"example.com/shop/pkg/services/shop"
)

func TestCountWishesRunSetsResult(t *testing.T) {
	st := &mockStore{}
	st.On("GetWishlist", mock.Anything, mock.AnythingOfType("*shop.GetWishlistQuery")).Run(func(args mock.Arguments) {
		q := args.Get(1).(*shop.GetWishlistQuery)
		q.Result = &shop.Wishlist{CustomerID: q.CustomerID, ProductIDs: []int64{3, 4, 5}}
	}).Return(nil).Times(2)
	s := ProvideService(st)
	for range 2 {
		q := shop.CountWishesQuery{CustomerID: 7}
		if err := s.CountWishes(context.Background(), &q); err != nil || q.Result != 3 {
			t.Fatalf("CountWishes = %d, %v; want 3", q.Result, err)
		}
	}
	st.AssertExpectations(t)
}

func TestGetWishlistFixedValue(t *testing.T) {
	want := &shop.Wishlist{CustomerID: 1, ProductIDs: []int64{9}}
	st := &mockStore{}
	st.On("GetWishlist", mock.Anything, mock.MatchedBy(func(q *shop.GetWishlistQuery) bool { return q.CustomerID == 1 })).Run(func(args mock.Arguments) {
		args.Get(1).(*shop.GetWishlistQuery).Result = want
	}).Return(nil).Once()
	st.On("GetWishlist", mock.Anything, mock.Anything).Return(shop.ErrCustomerNotFound)
	s := ProvideService(st)
	q := shop.GetWishlistQuery{CustomerID: 1}
	if err := s.GetWishlist(context.Background(), &q); err != nil || q.Result != want {
		t.Fatalf("GetWishlist = %v, %v; want %v", q.Result, err, want)
	}
	other := shop.GetWishlistQuery{CustomerID: 2}
	if err := s.GetWishlist(context.Background(), &other); !errors.Is(err, shop.ErrCustomerNotFound) || other.Result != nil {
		t.Fatalf("GetWishlist(2) = %v, %v; want nil, ErrCustomerNotFound", other.Result, err)
	}
}

func TestIsWishedReturnFunc(t *testing.T) {
	st := &mockStore{}
	st.On("GetWishlist", mock.Anything, mock.Anything).Return(func(ctx context.Context, q *shop.GetWishlistQuery) error {
		q.Result = &shop.Wishlist{CustomerID: q.CustomerID, ProductIDs: []int64{q.CustomerID * 10}}
		return nil
	})
	s := ProvideService(st)
	yes := shop.IsWishedQuery{CustomerID: 4, ProductID: 40}
	no := shop.IsWishedQuery{CustomerID: 4, ProductID: 41}
	if err := s.IsWished(context.Background(), &yes); err != nil || !yes.Result {
		t.Fatalf("IsWished(40) = %v, %v; want true", yes.Result, err)
	}
	if err := s.IsWished(context.Background(), &no); err != nil || no.Result {
		t.Fatalf("IsWished(41) = %v, %v; want false", no.Result, err)
	}
}

func TestAddWishErrors(t *testing.T) {
	st := &mockStore{}
	errFull := errors.New("wish list full")
	st.On("AddWish", mock.Anything, mock.Anything).Return(errFull).Once()
	st.On("AddWish", mock.Anything, mock.Anything).Run(func(args mock.Arguments) {
		args.Get(1).(*shop.AddWishCommand).Result = 2
	}).Return(nil)
	s := ProvideService(st)
	cmd := shop.AddWishCommand{CustomerID: 1, ProductID: 5}
	if err := s.AddWish(context.Background(), &cmd); !errors.Is(err, errFull) || cmd.Result != 0 {
		t.Fatalf("AddWish = %d, %v; want 0, errFull", cmd.Result, err)
	}
	cmd = shop.AddWishCommand{CustomerID: 1, ProductID: 6}
	if err := s.AddWish(context.Background(), &cmd); err != nil || cmd.Result != 2 {
		t.Fatalf("AddWish = %d, %v; want 2", cmd.Result, err)
	}
	if err := s.AddWish(context.Background(), &shop.AddWishCommand{CustomerID: 1}); !errors.Is(err, shop.ErrInvalidProduct) {
		t.Fatalf("AddWish(no product) = %v", err)
	}
	st.AssertNumberOfCalls(t, "AddWish", 2)
}

func TestMemStore(t *testing.T) {
	m := NewMemStore()
	s := ProvideService(m)
	for i, id := range []int64{11, 12} {
		cmd := shop.AddWishCommand{CustomerID: 3, ProductID: id}
		if err := s.AddWish(context.Background(), &cmd); err != nil || cmd.Result != int64(i+1) {
			t.Fatalf("AddWish(%d) = %d, %v", id, cmd.Result, err)
		}
	}
	q := shop.ListWishesQuery{CustomerID: 3}
	if err := s.ListWishes(context.Background(), &q); err != nil || len(q.Result) != 2 || q.Result[1] != 12 {
		t.Fatalf("ListWishes = %v, %v", q.Result, err)
	}
}
