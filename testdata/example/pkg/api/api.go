// Package api serves dashboards and teapots over HTTP.
package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"example.com/example/pkg/models"
	"example.com/example/pkg/services/sqlstore"
	"example.com/example/pkg/services/teapot"
)

type HTTPServer struct {
	SQLStore *sqlstore.SQLStore
	Teapots  teapot.Service
}

func orgID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.URL.Query().Get("orgId"), 10, 64)
	return id
}

func (hs *HTTPServer) GetDashboard(w http.ResponseWriter, r *http.Request) {
	query := models.GetDashboardQuery{UID: r.URL.Query().Get("uid"), OrgID: orgID(r)}
	if err := hs.SQLStore.GetDashboard(r.Context(), &query); err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(models.DashboardResponse{Result: query.Result})
}

func (hs *HTTPServer) GetTeapot(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	t, err := hs.Teapots.GetTeapot(r.Context(), &teapot.GetTeapotQuery{OrgID: orgID(r), ID: id})
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(t)
}
