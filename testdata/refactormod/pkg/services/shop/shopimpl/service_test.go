package shopimpl

import (
	"context"
	"errors"
	"testing"

	"example.com/shop/pkg/services/shop"
)

// getProduct is a test helper that reads the query's Result.
func getProduct(t *testing.T, s *Service, id int64) *shop.Product {
	t.Helper()
	q := shop.GetProductQuery{ID: id}
	if err := s.GetProduct(context.Background(), &q); err != nil {
		t.Fatalf("GetProduct(%d): %v", id, err)
	}
	return q.Result
}

// fillCart puts two Sencha teas and one cup (4900 cents) in cart 100.
func fillCart(t *testing.T, s *Service) {
	t.Helper()
	ctx := context.Background()
	for _, item := range []shop.AddCartItemCommand{
		{CartID: 100, CustomerID: 10, ProductID: 1, Quantity: 2},
		{CartID: 100, CustomerID: 10, ProductID: 3, Quantity: 1},
	} {
		if err := s.AddCartItem(ctx, &item); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGetProduct(t *testing.T) {
	s, _ := newSeededService()
	if p := getProduct(t, s, 3); p.Name != "Porcelain Cup" || p.PriceCents != 2500 {
		t.Errorf("got %+v", p)
	}
	q := shop.GetProductQuery{ID: 42}
	if err := s.GetProduct(context.Background(), &q); !errors.Is(err, shop.ErrProductNotFound) {
		t.Errorf("err = %v, want ErrProductNotFound", err)
	}
}

func TestCreateProductValidates(t *testing.T) {
	s, _ := newSeededService()
	ctx := context.Background()
	bad := shop.CreateProductCommand{SKU: "X-1", Name: "Broken", PriceCents: -1}
	err := s.CreateProduct(ctx, &bad)
	if !errors.Is(err, shop.ErrInvalidProduct) || err.Error() != "invalid product: negative price or stock" {
		t.Fatalf("err = %v", err)
	}
	cmd := shop.CreateProductCommand{SKU: "T-003", Name: "Rooibos", Category: "tea", PriceCents: 700, Stock: 3}
	if err := s.CreateProduct(ctx, &cmd); err != nil {
		t.Fatal(err)
	}
	if got := getProduct(t, s, cmd.Result.ID); got.SKU != "T-003" || got.Stock != 3 {
		t.Errorf("stored %+v", got)
	}
}

func TestCountProductsBothChannels(t *testing.T) {
	s, _ := newSeededService()
	q := shop.CountProductsQuery{Category: "tea"}
	n, err := s.CountProducts(context.Background(), &q)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || q.Result != 2 {
		t.Errorf("returned %d, Result %d; want 2 and 2", n, q.Result)
	}
}

func TestIsInStock(t *testing.T) {
	s, _ := newSeededService()
	for _, tc := range []struct {
		id, qty int64
		want    bool
	}{
		{1, 10, true},
		{1, 11, false},
		{2, 1, false},
		{2, 0, true},
	} {
		q := shop.IsInStockQuery{ProductID: tc.id, Quantity: tc.qty}
		if err := s.IsInStock(context.Background(), &q); err != nil {
			t.Fatal(err)
		}
		if q.Result != tc.want {
			t.Errorf("IsInStock(%d, %d) = %v, want %v", tc.id, tc.qty, q.Result, tc.want)
		}
	}
}

func TestAddCartItemOutOfStock(t *testing.T) {
	s, _ := newSeededService()
	cmd := shop.AddCartItemCommand{CartID: 1, ProductID: 2, Quantity: 1}
	if err := s.AddCartItem(context.Background(), &cmd); !errors.Is(err, shop.ErrOutOfStock) {
		t.Fatalf("err = %v, want ErrOutOfStock", err)
	}
}

func TestApplyDiscount(t *testing.T) {
	s, _ := newSeededService()
	fillCart(t, s)
	cmd := shop.ApplyDiscountCommand{CartID: 100, Codes: []string{"TEA10", "HALF"}}
	if err := s.ApplyDiscount(context.Background(), &cmd); err != nil {
		t.Fatal(err)
	}
	// 4900 - 10% = 4410, then - 50% = 2205.
	if cmd.Result != 2205 {
		t.Errorf("total = %d, want 2205", cmd.Result)
	}
	bad := shop.ApplyDiscountCommand{CartID: 100, Codes: []string{"FREE"}}
	if err := s.ApplyDiscount(context.Background(), &bad); !errors.Is(err, shop.ErrUnknownCoupon) {
		t.Errorf("err = %v, want ErrUnknownCoupon", err)
	}
}

func TestApplyTax(t *testing.T) {
	s, _ := newSeededService()
	fillCart(t, s)
	ctx := context.Background()
	rates := shop.GetTaxRatesQuery{Region: "EU"}
	if err := s.GetTaxRates(ctx, &rates); err != nil {
		t.Fatal(err)
	}
	cmd := shop.ApplyTaxCommand{CartID: 100, Result: rates.Result}
	if err := s.ApplyTax(ctx, &cmd); err != nil {
		t.Fatal(err)
	}
	if len(cmd.Result) != 2 || cmd.Result["tea"] != 168 || cmd.Result["cups"] != 500 {
		t.Errorf("tax = %v, want tea:168 cups:500", cmd.Result)
	}
}

func TestGetShippingQuote(t *testing.T) {
	s, _ := newSeededService()
	fillCart(t, s)
	q := shop.GetShippingQuoteQuery{CartID: 100, Express: true}
	base, err := s.GetShippingQuote(context.Background(), &q)
	if err != nil {
		t.Fatal(err)
	}
	if base != 499 || q.Result != 1499 {
		t.Errorf("base = %d, Result = %d; want 499 and 1499", base, q.Result)
	}
}

func TestNotifyCustomerOverBus(t *testing.T) {
	s, b := newSeededService()
	ctx := context.Background()
	ada := shop.NotifyCustomerCommand{CustomerID: 10, Message: "hello"}
	if err := b.Dispatch(ctx, &ada); err != nil {
		t.Fatal(err)
	}
	bob := shop.NotifyCustomerCommand{CustomerID: 11, Message: "hello"}
	if err := b.Dispatch(ctx, &bob); err != nil {
		t.Fatal(err)
	}
	if !ada.Result || bob.Result {
		t.Errorf("notified Ada %v, Bob %v; want true, false", ada.Result, bob.Result)
	}
	if got := s.Outbox(); len(got) != 1 || got[0] != "ada@example.com: hello" {
		t.Errorf("outbox = %q", got)
	}
}

func TestImportProductsPartial(t *testing.T) {
	s, _ := newSeededService()
	cmd := shop.ImportProductsCommand{Products: []shop.Product{
		{SKU: "T-010", Name: "Oolong", Category: "tea", PriceCents: 1500},
		{SKU: "T-001", Name: "Duplicate Sencha"},
		{SKU: "T-011", Name: "Matcha", Category: "tea", PriceCents: 2200},
		{SKU: "", Name: "No SKU"},
	}}
	err := s.ImportProducts(context.Background(), &cmd)
	if !errors.Is(err, shop.ErrPartial) {
		t.Fatalf("err = %v, want ErrPartial", err)
	}
	if cmd.Result != 2 {
		t.Errorf("imported %d, want 2 despite the error", cmd.Result)
	}
	if want := `partially done: rejected ["T-001" ""]`; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

func TestGetLegacyPriceListIsEuros(t *testing.T) {
	s, _ := newSeededService()
	q := shop.GetLegacyPriceListQuery{}
	if err := s.GetLegacyPriceList(context.Background(), &q); err != nil {
		t.Fatal(err)
	}
	if len(q.Result) != 2 || q.Result[0].AmountCents != 1200 || q.Result[1].ProductID != 3 {
		t.Errorf("got %+v, want the two EUR prices", q.Result)
	}
}
