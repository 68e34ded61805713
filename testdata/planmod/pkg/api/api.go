// Package api is the HTTP-less front: handlers that build queries, call
// the services and read their Result.
package api

import (
	"context"
	"fmt"

	"example.com/planmod/pkg/bus"
	"example.com/planmod/pkg/services/dashboards"
	"example.com/planmod/pkg/services/org"
)

// API serves dashboards and organisations.
type API struct {
	Dashboards dashboards.Service
	Store      *dashboards.Store
	Orgs       *org.Service
	Bus        *bus.Bus
	audit      []any
}

// New wires an API and registers the counting handler on the bus.
func New(store *dashboards.Store, orgs *org.Service) *API {
	a := &API{Dashboards: store, Store: store, Orgs: orgs, Bus: bus.New()}
	a.Bus.AddHandler(store.CountDashboards)
	return a
}

// DashboardTitle returns the title of dashboard id.
func (a *API) DashboardTitle(ctx context.Context, id int64) (string, error) {
	q := dashboards.GetDashboardQuery{ID: id}
	if err := a.Dashboards.GetDashboard(ctx, &q); err != nil {
		return "", err
	}
	return q.Result.Title, nil
}

// CountDashboards counts the dashboards and records the query.
func (a *API) CountDashboards(ctx context.Context) (int64, error) {
	q := dashboards.CountDashboardsQuery{}
	if err := a.Store.CountDashboards(ctx, &q); err != nil {
		return 0, err
	}
	a.record(&q)
	return q.Result, nil
}

func (a *API) record(q any) { a.audit = append(a.audit, q) }

// OrgName returns the name of organisation id.
func (a *API) OrgName(ctx context.Context, id int64) (string, error) {
	q := org.GetOrgQuery{ID: id}
	if err := a.Orgs.GetOrg(ctx, &q); err != nil {
		return "", err
	}
	return q.Result.Name, nil
}

// OrgNames lists the names of the organisations with a prefix.
func (a *API) OrgNames(ctx context.Context, prefix string) ([]string, error) {
	q := &org.SearchOrgsQuery{Prefix: prefix}
	if err := a.Orgs.SearchOrgs(ctx, q); err != nil {
		return nil, fmt.Errorf("searching %q: %w", prefix, err)
	}
	var names []string
	for _, o := range q.Result {
		names = append(names, o.Name)
	}
	return names, nil
}
