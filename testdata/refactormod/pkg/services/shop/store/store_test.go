package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"example.com/shop/pkg/services/shop"
)

func newTestDB() *DB {
	db := New()
	db.Seed(
		[]shop.Product{
			{ID: 1, SKU: "T-001", Name: "Sencha Green Tea", Category: "tea", PriceCents: 1200, Stock: 10},
			{ID: 2, SKU: "T-002", Name: "Earl Grey Tea", Category: "tea", PriceCents: 900, Stock: 0},
			{ID: 3, SKU: "C-001", Name: "Porcelain Cup", Category: "cups", PriceCents: 2500, Stock: 5},
		},
		[]shop.Customer{{ID: 10, Name: "Ada", Email: "ada@example.com"}},
		[]shop.Price{
			{ProductID: 1, Currency: "EUR", AmountCents: 1200},
			{ProductID: 1, Currency: "USD", AmountCents: 1300},
		},
		nil,
	)
	return db
}

func TestListProductsByCategory(t *testing.T) {
	db := newTestDB()
	q := shop.ListProductsQuery{Category: "tea"}
	if err := db.ListProducts(context.Background(), &q); err != nil {
		t.Fatal(err)
	}
	if len(q.Result) != 2 || q.Result[0].Name != "Sencha Green Tea" || q.Result[1].Name != "Earl Grey Tea" {
		t.Fatalf("got %+v, want the two teas in ID order", q.Result)
	}
}

func TestListProductsEmptyEncodesAsArray(t *testing.T) {
	db := newTestDB()
	q := shop.ListProductsQuery{Category: "spoons"}
	if err := db.ListProducts(context.Background(), &q); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(q.Result)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "[]" {
		t.Errorf("empty list encodes as %s, want []", b)
	}
}

func TestSearchProductsLimit(t *testing.T) {
	db := newTestDB()
	q := shop.SearchProductsQuery{Term: "TEA", Limit: 1}
	if err := db.SearchProducts(context.Background(), &q); err != nil {
		t.Fatal(err)
	}
	if len(q.Result) != 1 || q.Result[0].ID != 1 {
		t.Fatalf("got %+v, want only product 1", q.Result)
	}
}

func TestCreateProductDuplicateSKURollsBack(t *testing.T) {
	db := newTestDB()
	ctx := context.Background()
	dup := shop.CreateProductCommand{SKU: "T-001", Name: "Again"}
	if err := db.CreateProduct(ctx, &dup); !errors.Is(err, shop.ErrInvalidProduct) {
		t.Fatalf("err = %v, want ErrInvalidProduct", err)
	}
	cmd := shop.CreateProductCommand{SKU: "C-002", Name: "Saucer", Category: "cups", PriceCents: 800}
	if err := db.CreateProduct(ctx, &cmd); err != nil {
		t.Fatal(err)
	}
	// Seeding used IDs up to 12 (products, customer 10, then two prices).
	if cmd.Result.ID != 13 {
		t.Errorf("new product ID = %d, want 13", cmd.Result.ID)
	}
}

func TestPlaceOrderOutOfStockRollsBack(t *testing.T) {
	db := newTestDB()
	ctx := context.Background()
	add := shop.AddCartItemCommand{CartID: 7, CustomerID: 10, ProductID: 1, Quantity: 3}
	if err := db.AddCartItem(ctx, &add); err != nil {
		t.Fatal(err)
	}
	add = shop.AddCartItemCommand{CartID: 7, ProductID: 3, Quantity: 6}
	if err := db.AddCartItem(ctx, &add); err != nil {
		t.Fatal(err)
	}
	if add.Result != 9 {
		t.Errorf("items in cart = %d, want 9", add.Result)
	}
	order := shop.PlaceOrderCommand{CartID: 7}
	if err := db.PlaceOrder(ctx, &order); !errors.Is(err, shop.ErrOutOfStock) {
		t.Fatalf("err = %v, want ErrOutOfStock", err)
	}
	levels := shop.GetStockLevelsQuery{ProductIDs: []int64{1, 3}}
	if err := db.GetStockLevels(ctx, &levels); err != nil {
		t.Fatal(err)
	}
	if levels.Result[1] != 10 || levels.Result[3] != 5 {
		t.Errorf("stock after rollback = %v, want 1:10 3:5", levels.Result)
	}
}

func TestFindUnsupportedDestination(t *testing.T) {
	err := New().WithTx(context.Background(), func(tx *Tx) error {
		var names []string
		return tx.Find(&names)
	})
	if err == nil || err.Error() != "store: Find: unsupported destination *[]string" {
		t.Fatalf("err = %v", err)
	}
}
