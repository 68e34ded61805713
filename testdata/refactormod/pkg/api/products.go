package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"example.com/shop/pkg/services/shop"
)

// GetProduct shares its name with shop.Service.GetProduct but is an
// http.HandlerFunc.
func (hs *HTTPServer) GetProduct(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	q := shop.GetProductQuery{ID: id}
	if err := hs.shop.GetProduct(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, q.Result)
}

func (hs *HTTPServer) ListProducts(w http.ResponseWriter, r *http.Request) {
	category := r.URL.Query().Get("category")
	q := shop.ListProductsQuery{Category: category}
	if err := hs.shop.ListProducts(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	count := shop.CountProductsQuery{Category: category}
	if _, err := hs.shop.CountProducts(r.Context(), &count); err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("X-Total-Count", strconv.FormatInt(count.Result, 10))
	writeJSON(w, http.StatusOK, q.Result)
}

// SearchProducts retries with the first word alone when the whole term
// finds nothing.
func (hs *HTTPServer) SearchProducts(w http.ResponseWriter, r *http.Request) {
	term := r.URL.Query().Get("q")
	q := shop.SearchProductsQuery{Term: term, Limit: 10}
	if err := hs.shop.SearchProducts(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	if words := strings.Fields(term); len(q.Result) == 0 && len(words) > 1 {
		q.Term = words[0]
		if err := hs.shop.SearchProducts(r.Context(), &q); err != nil {
			writeError(w, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, q.Result)
}

func (hs *HTTPServer) CreateProduct(w http.ResponseWriter, r *http.Request) {
	var cmd shop.CreateProductCommand
	var err error
	if err = json.NewDecoder(r.Body).Decode(&cmd); err != nil {
		writeError(w, errors.Join(errBadRequest, err))
		return
	}
	err = hs.shop.CreateProduct(r.Context(), &cmd)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, cmd.Result)
}

type importResponse struct {
	Imported int64  `json:"imported"`
	Warning  string `json:"warning,omitempty"`
}

// ImportProducts answers 200 with the count even when some products were
// rejected.
func (hs *HTTPServer) ImportProducts(w http.ResponseWriter, r *http.Request) {
	var cmd shop.ImportProductsCommand
	if err := json.NewDecoder(r.Body).Decode(&cmd.Products); err != nil {
		writeError(w, errors.Join(errBadRequest, err))
		return
	}
	resp := importResponse{}
	err := hs.shop.ImportProducts(r.Context(), &cmd)
	if err != nil && !errors.Is(err, shop.ErrPartial) {
		writeError(w, err)
		return
	}
	if err != nil {
		resp.Warning = err.Error()
	}
	resp.Imported = cmd.Result
	writeJSON(w, http.StatusOK, resp)
}

type availability struct {
	ProductID int64 `json:"productId"`
	Quantity  int64 `json:"quantity"`
	Available bool  `json:"available"`
}

func (hs *HTTPServer) GetAvailability(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	result := availability{ProductID: id, Quantity: 1}
	if qty := r.URL.Query().Get("qty"); qty != "" {
		if result.Quantity, err = strconv.ParseInt(qty, 10, 64); err != nil {
			writeError(w, errors.Join(errBadRequest, err))
			return
		}
	}
	q := shop.IsInStockQuery{ProductID: id, Quantity: result.Quantity}
	if err := hs.shop.IsInStock(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	result.Available = q.Result
	writeJSON(w, http.StatusOK, result)
}

// GetStock names its writer res, as some handlers do.
func (hs *HTTPServer) GetStock(res http.ResponseWriter, req *http.Request) {
	ids, err := queryIDs(req, "ids")
	if writeError(res, err) {
		return
	}
	q := shop.GetStockLevelsQuery{ProductIDs: ids}
	if err := hs.shop.GetStockLevels(req.Context(), &q); err != nil {
		writeError(res, err)
		return
	}
	// encoding/json sorts map keys, so the output is deterministic.
	writeJSON(res, http.StatusOK, q.Result)
}

func (hs *HTTPServer) GetReviews(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if writeError(w, err) {
		return
	}
	reviews, err := hs.shop.GetReviews(r.Context(), &shop.GetReviewsQuery{ProductID: id})
	if writeError(w, err) {
		return
	}
	writeJSON(w, http.StatusOK, reviews)
}

func (hs *HTTPServer) GetPriceList(w http.ResponseWriter, r *http.Request) {
	q := shop.GetPriceListQuery{Currency: r.URL.Query().Get("currency")}
	if writeError(w, hs.shop.GetPriceList(r.Context(), &q)) {
		return
	}
	writeJSON(w, http.StatusOK, q.Result)
}

func (hs *HTTPServer) GetLegacyPriceList(w http.ResponseWriter, r *http.Request) {
	var q shop.GetLegacyPriceListQuery
	if err := hs.shop.GetLegacyPriceList(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"version": 1, "prices": q.Result})
}

func (hs *HTTPServer) GetCoupon(w http.ResponseWriter, r *http.Request) {
	q := shop.GetCouponQuery{Code: r.PathValue("code")}
	if err := hs.coupons.GetCoupon(r.Context(), &q); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, q.Result)
}
