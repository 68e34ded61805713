package api_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/shop/pkg/api"
	"example.com/shop/pkg/bus"
	"example.com/shop/pkg/services/shop"
	"example.com/shop/pkg/services/shop/shopimpl"
	"example.com/shop/pkg/services/shop/shoptest"
	"example.com/shop/pkg/services/shop/store"
)

type testEnv struct {
	svc     shop.Service
	coupons *shoptest.FakeCouponService
	loyalty *shoptest.MockLoyaltyService
	handler http.Handler
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	db := store.New()
	db.Seed(
		[]shop.Product{
			{ID: 1, SKU: "T-001", Name: "Sencha Green Tea", Category: "tea", PriceCents: 1200, Stock: 10},
			{ID: 2, SKU: "T-002", Name: "Earl Grey Tea", Category: "tea", PriceCents: 900, Stock: 0},
			{ID: 3, SKU: "C-001", Name: "Porcelain Cup", Category: "cups", PriceCents: 2500, Stock: 5},
		},
		[]shop.Customer{
			{ID: 10, Name: "Ada", Email: "ada@example.com"},
			{ID: 11, Name: "Bob"},
		},
		[]shop.Price{
			{ProductID: 1, Currency: "EUR", AmountCents: 1200},
			{ProductID: 1, Currency: "USD", AmountCents: 1300},
			{ProductID: 3, Currency: "EUR", AmountCents: 2500},
		},
		nil,
	)
	b := bus.New()
	env := &testEnv{
		svc:     shopimpl.ProvideService(db, b),
		coupons: shoptest.NewFakeCouponService(),
		loyalty: &shoptest.MockLoyaltyService{},
	}
	env.handler = api.ProvideHTTPServer(env.svc, env.coupons, env.loyalty, b).Routes()
	return env
}

// do serves one request and returns the status and the body.
func (env *testEnv) do(t *testing.T, method, target, body string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	rec := httptest.NewRecorder()
	env.handler.ServeHTTP(rec, req)
	b, err := io.ReadAll(rec.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Code, strings.TrimSuffix(string(b), "\n")
}

func (env *testEnv) expect(t *testing.T, method, target, body string, wantStatus int, wantBody string) {
	t.Helper()
	status, got := env.do(t, method, target, body)
	if status != wantStatus || got != wantBody {
		t.Errorf("%s %s = %d %s\nwant %d %s", method, target, status, got, wantStatus, wantBody)
	}
}

// addItems puts items in a cart through the service and returns how many
// items the cart then holds.
func addItems(t *testing.T, svc shop.Service, cartID, customerID int64, quantities map[int64]int64) int64 {
	t.Helper()
	var n int64
	for _, productID := range []int64{1, 2, 3} {
		qty, ok := quantities[productID]
		if !ok {
			continue
		}
		cmd := shop.AddCartItemCommand{CartID: cartID, CustomerID: customerID, ProductID: productID, Quantity: qty}
		if err := svc.AddCartItem(context.Background(), &cmd); err != nil {
			t.Fatal(err)
		}
		n = cmd.Result
	}
	return n
}

func TestGetProduct(t *testing.T) {
	env := newTestEnv(t)
	env.expect(t, "GET", "/api/products/3", "", 200,
		`{"id":3,"sku":"C-001","name":"Porcelain Cup","category":"cups","priceCents":2500,"stock":5}`)
	env.expect(t, "GET", "/api/products/42", "", 404, `{"message":"product not found"}`)
	env.expect(t, "GET", "/api/products/x", "", 400,
		`{"message":"bad request\nstrconv.ParseInt: parsing \"x\": invalid syntax"}`)
}

func TestListProducts(t *testing.T) {
	env := newTestEnv(t)
	status, body := env.do(t, "GET", "/api/products?category=tea", "")
	if status != 200 || !strings.HasPrefix(body, `[{"id":1,`) || !strings.Contains(body, `},{"id":2,`) {
		t.Errorf("teas: %d %s", status, body)
	}
	env.expect(t, "GET", "/api/products?category=spoons", "", 200, `[]`)

	rec := httptest.NewRecorder()
	env.handler.ServeHTTP(rec, httptest.NewRequest("GET", "/api/products?category=tea", nil))
	if got := rec.Header().Get("X-Total-Count"); got != "2" {
		t.Errorf("X-Total-Count = %q, want 2", got)
	}
}

func TestSearchProducts(t *testing.T) {
	env := newTestEnv(t)
	// No name contains "sencha oolong", so the handler retries with "sencha".
	env.expect(t, "GET", "/api/search?q=sencha+oolong", "", 200,
		`[{"id":1,"sku":"T-001","name":"Sencha Green Tea","category":"tea","priceCents":1200,"stock":10}]`)
	// SearchProducts leaves an empty result nil; the API has always sent null.
	env.expect(t, "GET", "/api/search?q=coffee", "", 200, `null`)
}

func TestCreateProduct(t *testing.T) {
	env := newTestEnv(t)
	env.expect(t, "POST", "/api/products", `{"SKU":"T-003","Name":"Rooibos","Category":"tea","PriceCents":700,"Stock":3}`, 201,
		`{"id":15,"sku":"T-003","name":"Rooibos","category":"tea","priceCents":700,"stock":3}`)
	env.expect(t, "POST", "/api/products", `{"SKU":"T-003","Name":"Again"}`, 400, `{"message":"invalid product"}`)
}

func TestImportProductsReportsPartialCount(t *testing.T) {
	env := newTestEnv(t)
	env.expect(t, "POST", "/api/products/import", `[{"sku":"T-010","name":"Oolong"},{"sku":"T-001","name":"Dup"}]`, 200,
		`{"imported":1,"warning":"partially done: rejected [\"T-001\"]"}`)
}

func TestAvailabilityAndStock(t *testing.T) {
	env := newTestEnv(t)
	env.expect(t, "GET", "/api/products/1/availability?qty=11", "", 200, `{"productId":1,"quantity":11,"available":false}`)
	env.expect(t, "GET", "/api/products/3/availability", "", 200, `{"productId":3,"quantity":1,"available":true}`)
	env.expect(t, "GET", "/api/stock?ids=3,1,2", "", 200, `{"1":10,"2":0,"3":5}`)
	env.expect(t, "GET", "/api/stock?ids=4", "", 404, `{"message":"product not found"}`)
}

func TestPriceLists(t *testing.T) {
	env := newTestEnv(t)
	env.expect(t, "GET", "/api/prices?currency=USD", "", 200, `[{"productId":1,"currency":"USD","amountCents":1300}]`)
	env.expect(t, "GET", "/api/v1/prices", "", 200,
		`{"prices":[{"productId":1,"currency":"EUR","amountCents":1200},{"productId":3,"currency":"EUR","amountCents":2500}],"version":1}`)
}

func TestCart(t *testing.T) {
	env := newTestEnv(t)
	env.expect(t, "POST", "/api/carts/100/items", `{"CustomerID":10,"ProductID":1,"Quantity":2}`, 204, ``)
	env.expect(t, "POST", "/api/carts/100/items", `{"ProductID":2,"Quantity":1}`, 400, `{"message":"not enough stock"}`)
	if n := addItems(t, env.svc, 100, 10, map[int64]int64{3: 1}); n != 3 {
		t.Errorf("cart holds %d items, want 3", n)
	}
	env.expect(t, "GET", "/api/carts/100", "", 200,
		`{"summary":{"cartId":100,"items":3,"totalCents":4900},"freeShipping":false}`)
	env.expect(t, "GET", "/api/carts/100/checkout?codes=TEA10&region=EU&express=true", "", 200,
		`{"subtotalCents":4410,"taxCents":{"cups":500,"tea":168},"shippingCents":1499,"totalCents":6577}`)
	env.expect(t, "GET", "/api/carts/100/checkout?region=US", "", 200,
		`{"subtotalCents":4900,"taxCents":{"cups":156,"tea":0},"shippingCents":499,"totalCents":5555}`)
	env.expect(t, "GET", "/api/carts/100/checkout?codes=NOPE&region=EU", "", 400, `{"message":"unknown coupon: \"NOPE\""}`)
}

func TestOrders(t *testing.T) {
	env := newTestEnv(t)
	addItems(t, env.svc, 1, 10, map[int64]int64{1: 1})
	addItems(t, env.svc, 2, 11, map[int64]int64{3: 2})
	env.expect(t, "POST", "/api/carts/1/order", "", 201,
		`{"order":{"id":15,"customerId":10,"lines":[{"productId":1,"quantity":1,"priceCents":1200}],"totalCents":1200},"notified":true}`)
	// Bob has no email, so nobody is notified.
	env.expect(t, "POST", "/api/carts/2/order", "", 201,
		`{"order":{"id":16,"customerId":11,"lines":[{"productId":3,"quantity":2,"priceCents":2500}],"totalCents":5000},"notified":false}`)
	env.expect(t, "POST", "/api/carts/2/order", "", 404, `{"message":"place order for cart 2: cart not found"}`)

	status, body := env.do(t, "GET", "/api/orders?ids=16,15", "")
	if status != 200 || !strings.HasPrefix(body, `[{"id":16,"customerId":11,`) || !strings.Contains(body, `},{"id":15,"customerId":10,`) {
		t.Errorf("orders: %d %s", status, body)
	}
	env.expect(t, "GET", "/api/orders?ids=15,99", "", 404, `{"message":"order not found"}`)
	env.expect(t, "GET", "/api/orders", "", 200, `[]`)
}

func TestGetCustomerUsesLoyaltyMock(t *testing.T) {
	env := newTestEnv(t)
	addItems(t, env.svc, 1, 10, map[int64]int64{1: 1})
	env.do(t, "POST", "/api/carts/1/order", "")
	env.loyalty.On("GetLoyaltyPoints", int64(300), nil)
	env.expect(t, "GET", "/api/customers/10", "", 200,
		`{"customer":{"id":10,"name":"Ada","email":"ada@example.com"},"orders":1,"points":300,"label":"Ada (1 orders)"}`)
	calls := env.loyalty.Calls()
	if len(calls) != 1 || calls[0].Args[1].(*shop.GetLoyaltyPointsQuery).CustomerID != 10 {
		t.Errorf("loyalty calls = %+v", calls)
	}
	env.expect(t, "GET", "/api/customers/12", "", 404, `{"message":"customer not found"}`)
}

func TestGetCouponUsesFake(t *testing.T) {
	env := newTestEnv(t)
	env.coupons.ExpectedCoupon = &shop.Coupon{Code: "SPRING", PercentOff: 15}
	env.expect(t, "GET", "/api/coupons/SPRING", "", 200, `{"code":"SPRING","percentOff":15}`)
	env.coupons.ExpectedError = errors.Join(shop.ErrUnknownCoupon)
	env.expect(t, "GET", "/api/coupons/OLD", "", 400, `{"message":"unknown coupon"}`)
	if got := strings.Join(env.coupons.Codes, ","); got != "SPRING,OLD" {
		t.Errorf("codes asked = %s", got)
	}
}
