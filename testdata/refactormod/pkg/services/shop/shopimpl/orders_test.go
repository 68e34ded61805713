package shopimpl_test

import (
	"context"
	"errors"
	"testing"

	"example.com/shop/pkg/services/shop"
	"example.com/shop/pkg/services/shop/shopimpl"
)

// must stops the test on an error, like require.NoError.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestPlaceOrder(t *testing.T) {
	svc, _ := shopimpl.NewSeededService()
	ctx := context.Background()
	must(t, svc.AddCartItem(ctx, &shop.AddCartItemCommand{CartID: 5, CustomerID: 10, ProductID: 1, Quantity: 4}))

	cmd := shop.PlaceOrderCommand{CartID: 5}
	must(t, svc.PlaceOrder(ctx, &cmd))
	if cmd.Result.CustomerID != 10 || cmd.Result.TotalCents != 4800 || len(cmd.Result.Lines) != 1 {
		t.Fatalf("order = %+v", cmd.Result)
	}

	q := shop.GetOrderQuery{ID: cmd.Result.ID}
	must(t, svc.GetOrder(ctx, &q))
	if q.Result.TotalCents != 4800 {
		t.Errorf("stored order total = %d, want 4800", q.Result.TotalCents)
	}

	stock := shop.GetStockLevelsQuery{ProductIDs: []int64{1}}
	must(t, svc.GetStockLevels(ctx, &stock))
	if stock.Result[1] != 6 {
		t.Errorf("stock = %d, want 6", stock.Result[1])
	}
	if orders, revenue := svc.Stats(); orders != 1 || revenue != 4800 {
		t.Errorf("stats = %d orders, %d cents; want 1, 4800", orders, revenue)
	}
}

func TestPlaceOrderUnknownCart(t *testing.T) {
	svc, _ := shopimpl.NewSeededService()
	cmd := shop.PlaceOrderCommand{CartID: 99}
	err := svc.PlaceOrder(context.Background(), &cmd)
	if !errors.Is(err, shop.ErrCartNotFound) || err.Error() != "place order for cart 99: cart not found" {
		t.Fatalf("err = %v", err)
	}
}

func TestCountOrdersAndLoyaltyPoints(t *testing.T) {
	svc, _ := shopimpl.NewSeededService()
	ctx := context.Background()
	for cart := int64(1); cart <= 2; cart++ {
		must(t, svc.AddCartItem(ctx, &shop.AddCartItemCommand{CartID: cart, CustomerID: 10, ProductID: 3, Quantity: 1}))
		must(t, svc.PlaceOrder(ctx, &shop.PlaceOrderCommand{CartID: cart}))
	}
	count := shop.CountOrdersQuery{CustomerID: 10}
	must(t, svc.CountOrders(ctx, &count))
	points := shop.GetLoyaltyPointsQuery{CustomerID: 10}
	must(t, svc.GetLoyaltyPoints(ctx, &points))
	if count.Result != 2 || points.Result != 200 {
		t.Errorf("orders = %d, points = %d; want 2, 200", count.Result, points.Result)
	}
}

func TestCartSummary(t *testing.T) {
	svc, _ := shopimpl.NewSeededService()
	ctx := context.Background()
	add := shop.AddCartItemCommand{CartID: 8, CustomerID: 11, ProductID: 1, Quantity: 1}
	must(t, svc.AddCartItem(ctx, &add))
	add.ProductID, add.Quantity = 3, 2
	must(t, svc.AddCartItem(ctx, &add))
	if add.Result != 3 {
		t.Errorf("items = %d, want 3", add.Result)
	}
	q := shop.GetCartSummaryQuery{CartID: 8}
	must(t, svc.GetCartSummary(ctx, &q))
	if want := (shop.CartSummary{CartID: 8, Items: 3, TotalCents: 6200}); q.Result != want {
		t.Errorf("summary = %+v, want %+v", q.Result, want)
	}
}

func TestGetCouponAndReviews(t *testing.T) {
	svc, _ := shopimpl.NewSeededService()
	ctx := context.Background()
	q := shop.GetCouponQuery{Code: "HALF"}
	must(t, svc.GetCoupon(ctx, &q))
	if q.Result.PercentOff != 50 {
		t.Errorf("HALF = %d%%, want 50%%", q.Result.PercentOff)
	}
	reviews, err := svc.GetReviews(ctx, &shop.GetReviewsQuery{ProductID: 1})
	must(t, err)
	if len(reviews) != 2 || reviews[0].Author != "ada" {
		t.Errorf("reviews = %+v", reviews)
	}
	must(t, svc.DeleteProduct(ctx, &shop.DeleteProductCommand{ID: 2}))
	list := shop.ListProductsQuery{Category: "tea"}
	must(t, svc.ListProducts(ctx, &list))
	if len(list.Result) != 1 || list.Result[0].ID != 1 {
		t.Errorf("teas after delete = %+v", list.Result)
	}
}
