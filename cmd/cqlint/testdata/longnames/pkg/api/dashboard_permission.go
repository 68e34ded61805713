// Package api serves dashboard permissions over HTTP.
package api

import (
	"encoding/json"
	"net/http"

	"github.com/grafana/grafana/pkg/services/sqlstore"
)

type HTTPServer struct {
	SQLStore *sqlstore.SQLStore
}

func (hs *HTTPServer) GetDashboardPermissionList(w http.ResponseWriter, r *http.Request) {
	query := sqlstore.GetDashboardAclInfoListQuery{OrgID: 1}
	if err := hs.SQLStore.GetDashboardAclInfoList(r.Context(), &query); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(query.Result)
}
