// Package api serves the shop over HTTP.
package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"example.com/shop/pkg/bus"
	"example.com/shop/pkg/services/shop"
)

// HTTPServer holds the services the handlers call.
type HTTPServer struct {
	shop    shop.Service
	coupons shop.CouponService
	loyalty shop.LoyaltyService
	bus     *bus.Bus
}

func ProvideHTTPServer(svc shop.Service, coupons shop.CouponService, loyalty shop.LoyaltyService, b *bus.Bus) *HTTPServer {
	return &HTTPServer{shop: svc, coupons: coupons, loyalty: loyalty, bus: b}
}

// Routes returns the API's routes.
func (hs *HTTPServer) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/products", hs.ListProducts)
	mux.HandleFunc("POST /api/products", hs.CreateProduct)
	mux.HandleFunc("POST /api/products/import", hs.ImportProducts)
	mux.HandleFunc("GET /api/products/{id}", hs.GetProduct)
	mux.HandleFunc("GET /api/products/{id}/availability", hs.GetAvailability)
	mux.HandleFunc("GET /api/products/{id}/reviews", hs.GetReviews)
	mux.HandleFunc("GET /api/search", hs.SearchProducts)
	mux.HandleFunc("GET /api/stock", hs.GetStock)
	mux.HandleFunc("GET /api/prices", hs.GetPriceList)
	mux.HandleFunc("GET /api/v1/prices", hs.GetLegacyPriceList)
	mux.HandleFunc("GET /api/coupons/{code}", hs.GetCoupon)
	mux.HandleFunc("POST /api/carts/{id}/items", hs.AddCartItem)
	mux.HandleFunc("GET /api/carts/{id}", hs.GetCart)
	mux.HandleFunc("GET /api/carts/{id}/checkout", hs.GetCheckout)
	mux.HandleFunc("POST /api/carts/{id}/order", hs.PlaceOrder)
	mux.HandleFunc("GET /api/orders", hs.GetOrders)
	mux.HandleFunc("GET /api/customers/{id}", hs.GetCustomer)
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes err, if any, with a status matching its kind, and
// reports whether it did.
func writeError(w http.ResponseWriter, err error) bool {
	if err == nil {
		return false
	}
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, shop.ErrProductNotFound), errors.Is(err, shop.ErrCustomerNotFound),
		errors.Is(err, shop.ErrOrderNotFound), errors.Is(err, shop.ErrCartNotFound):
		status = http.StatusNotFound
	case errors.Is(err, shop.ErrInvalidProduct), errors.Is(err, shop.ErrOutOfStock),
		errors.Is(err, shop.ErrEmptyCart), errors.Is(err, shop.ErrUnknownCoupon),
		errors.Is(err, errBadRequest):
		status = http.StatusBadRequest
	}
	writeJSON(w, status, map[string]string{"message": err.Error()})
	return true
}

var errBadRequest = errors.New("bad request")

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, errors.Join(errBadRequest, err)
	}
	return id, nil
}

// queryIDs parses a comma-separated list of IDs such as ?ids=1,2,3.
func queryIDs(r *http.Request, name string) ([]int64, error) {
	var ids []int64
	for _, field := range strings.Split(r.URL.Query().Get(name), ",") {
		if field == "" {
			continue
		}
		id, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return nil, errors.Join(errBadRequest, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
