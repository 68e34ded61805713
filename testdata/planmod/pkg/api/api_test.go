package api_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"example.com/planmod/pkg/api"
	"example.com/planmod/pkg/services/dashboards"
	"example.com/planmod/pkg/services/org"
)

func newAPI() *api.API {
	return api.New(
		dashboards.NewStore(&dashboards.Dashboard{ID: 1, Title: "Home"}, &dashboards.Dashboard{ID: 2, Title: "Ops"}),
		org.NewService(&org.Org{ID: 1, Name: "Main"}, &org.Org{ID: 2, Name: "Markets"}, &org.Org{ID: 3, Name: "Other"}),
	)
}

func TestDashboards(t *testing.T) {
	a, ctx := newAPI(), context.Background()
	if title, err := a.DashboardTitle(ctx, 2); err != nil || title != "Ops" {
		t.Errorf("DashboardTitle(2) = %q, %v; want Ops", title, err)
	}
	if _, err := a.DashboardTitle(ctx, 9); !errors.Is(err, dashboards.ErrNotFound) {
		t.Errorf("DashboardTitle(9): %v, want ErrNotFound", err)
	}
	if n, err := a.CountDashboards(ctx); err != nil || n != 2 {
		t.Errorf("CountDashboards = %d, %v; want 2", n, err)
	}
	q := &dashboards.CountDashboardsQuery{}
	if err := a.Bus.Dispatch(ctx, q); err != nil || q.Result != 2 {
		t.Errorf("dispatched count = %d, %v; want 2", q.Result, err)
	}
}

func TestOrgs(t *testing.T) {
	a, ctx := newAPI(), context.Background()
	if name, err := a.OrgName(ctx, 3); err != nil || name != "Other" {
		t.Errorf("OrgName(3) = %q, %v; want Other", name, err)
	}
	if _, err := a.OrgName(ctx, 9); !errors.Is(err, org.ErrNotFound) {
		t.Errorf("OrgName(9): %v, want ErrNotFound", err)
	}
	if names, err := a.OrgNames(ctx, "Ma"); err != nil || !slices.Equal(names, []string{"Main", "Markets"}) {
		t.Errorf("OrgNames(Ma) = %v, %v; want [Main Markets]", names, err)
	}
}
