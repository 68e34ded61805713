package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"example.com/shop/pkg/services/shop"
)

// AddCartItem answers 204: clients fetch the cart to see its contents.
func (hs *HTTPServer) AddCartItem(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	var cmd shop.AddCartItemCommand
	if err := json.NewDecoder(r.Body).Decode(&cmd); err != nil {
		writeError(w, errors.Join(errBadRequest, err))
		return
	}
	cmd.CartID = id
	if err := hs.shop.AddCartItem(r.Context(), &cmd); err != nil {
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

type cartResponse struct {
	Summary      shop.CartSummary `json:"summary"`
	FreeShipping bool             `json:"freeShipping"`
}

func (hs *HTTPServer) GetCart(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	res := cartResponse{}
	q := shop.GetCartSummaryQuery{CartID: id}
	if err := hs.shop.GetCartSummary(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	res.Summary = q.Result
	res.FreeShipping = q.Result.TotalCents >= 5000
	writeJSON(w, http.StatusOK, res)
}

type checkoutResponse struct {
	SubtotalCents int64            `json:"subtotalCents"`
	TaxCents      map[string]int64 `json:"taxCents"`
	ShippingCents int64            `json:"shippingCents"`
	TotalCents    int64            `json:"totalCents"`
}

// GetCheckout prices a cart: ?codes=TEA10,HALF&region=EU&express=true.
func (hs *HTTPServer) GetCheckout(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	ctx := r.Context()
	params := r.URL.Query()

	discount := shop.ApplyDiscountCommand{CartID: id}
	if codes := params.Get("codes"); codes != "" {
		discount.Codes = strings.Split(codes, ",")
	}
	if err := hs.shop.ApplyDiscount(ctx, &discount); err != nil {
		writeError(w, err)
		return
	}

	rates := shop.GetTaxRatesQuery{Region: params.Get("region")}
	if err := hs.shop.GetTaxRates(ctx, &rates); err != nil {
		writeError(w, errors.Join(errBadRequest, err))
		return
	}
	tax := shop.ApplyTaxCommand{CartID: id}
	tax.Result = rates.Result
	if err := hs.shop.ApplyTax(ctx, &tax); err != nil {
		writeError(w, err)
		return
	}

	shipping := shop.GetShippingQuoteQuery{CartID: id, Express: params.Get("express") == "true"}
	if _, err := hs.shop.GetShippingQuote(ctx, &shipping); err != nil {
		writeError(w, err)
		return
	}

	resp := checkoutResponse{
		SubtotalCents: discount.Result,
		TaxCents:      tax.Result,
		ShippingCents: shipping.Result,
	}
	resp.TotalCents = resp.SubtotalCents + resp.ShippingCents
	for _, cents := range resp.TaxCents {
		resp.TotalCents += cents
	}
	writeJSON(w, http.StatusOK, resp)
}

type placedOrder struct {
	Order    *shop.Order `json:"order"`
	Notified bool        `json:"notified"`
}

// PlaceOrder places the order, then notifies the customer over the bus.
func (hs *HTTPServer) PlaceOrder(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	cmd := shop.PlaceOrderCommand{CartID: id}
	if err := hs.shop.PlaceOrder(r.Context(), &cmd); err != nil {
		writeError(w, err)
		return
	}
	notify := shop.NotifyCustomerCommand{
		CustomerID: cmd.Result.CustomerID,
		Message:    fmt.Sprintf("order %d placed", cmd.Result.ID),
	}
	if err := hs.bus.Dispatch(r.Context(), &notify); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, placedOrder{Order: cmd.Result, Notified: notify.Result})
}

// GetOrders fetches ?ids=1,2,3 one by one, reusing one query.
func (hs *HTTPServer) GetOrders(w http.ResponseWriter, r *http.Request) {
	ids, err := queryIDs(r, "ids")
	if writeError(w, err) {
		return
	}
	orders := make([]*shop.Order, 0, len(ids))
	q := shop.GetOrderQuery{}
	for _, id := range ids {
		q.ID = id
		if err := hs.shop.GetOrder(r.Context(), &q); err != nil {
			writeError(w, err)
			return
		}
		orders = append(orders, q.Result)
	}
	writeJSON(w, http.StatusOK, orders)
}

type customerResponse struct {
	Customer *shop.Customer `json:"customer"`
	Orders   int64          `json:"orders"`
	Points   int64          `json:"points"`
	Label    string         `json:"label"`
}

func (hs *HTTPServer) GetCustomer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	q := shop.GetCustomerQuery{ID: id}
	if err := hs.shop.GetCustomer(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	count := shop.CountOrdersQuery{CustomerID: id}
	if err := hs.shop.CountOrders(r.Context(), &count); err != nil {
		writeError(w, err)
		return
	}
	points := shop.GetLoyaltyPointsQuery{CustomerID: id}
	if err := hs.loyalty.GetLoyaltyPoints(r.Context(), &points); err != nil {
		writeError(w, err)
		return
	}
	label := func() string {
		return fmt.Sprintf("%s (%d orders)", q.Result.Name, count.Result)
	}
	writeJSON(w, http.StatusOK, customerResponse{
		Customer: q.Result,
		Orders:   count.Result,
		Points:   points.Result,
		Label:    label(),
	})
}
