package cqmodel

import (
	"go/importer"
	"go/types"
	"testing"
)

// importerFunc resolves test packages first, then the standard library.
type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func TestServices(t *testing.T) {
	std := importer.Default()
	root := check(t, DefaultConfig(), "pkg/services/teapot", std, `package teapot

import "context"

type Teapot struct{}
type GetTeapotQuery struct{}

type Service interface {
	GetTeapot(ctx context.Context, q *GetTeapotQuery) (*Teapot, error)
	Ping() error
}

// No method takes a command or query.
type Renderer interface{ Render(id int64) error }

type service interface {
	GetTeapot(ctx context.Context, q *GetTeapotQuery) (*Teapot, error)
}
`)
	imp := importerFunc(func(path string) (*types.Package, error) {
		if path == root.Pkg.Path() {
			return root.Pkg, nil
		}
		return std.Import(path)
	})
	impl := check(t, DefaultConfig(), "pkg/services/teapot/teapotimpl", imp, `package teapotimpl

import (
	"context"

	"pkg/services/teapot"
)

type Service struct{}

func (s *Service) GetTeapot(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, error) { return nil, nil }
func (s *Service) Ping() error { return nil }
func (s *Service) Brew(ctx context.Context, q *teapot.GetTeapotQuery) error { return nil }
func (s *Service) Clean(ctx context.Context, id int64) error { return nil }
func (s *Service) warm(ctx context.Context, q *teapot.GetTeapotQuery) error { return nil }

type store struct{}

func (s *store) GetTeapot(ctx context.Context, q *teapot.GetTeapotQuery) (*teapot.Teapot, error) { return nil, nil }
`)
	lookup := func(in *Info, name string) *types.TypeName { return in.Pkg.Scope().Lookup(name).(*types.TypeName) }
	for name, want := range map[string]bool{"Service": true, "Renderer": false, "service": false, "Teapot": false} {
		if got := root.IsServiceInterface(lookup(root, name)); got != want {
			t.Errorf("IsServiceInterface(%s) = %v, want %v", name, got, want)
		}
	}
	if got := impl.VisibleServiceInterfaces(); len(got) != 1 || got[0] != lookup(root, "Service") {
		t.Errorf("VisibleServiceInterfaces = %v, want [teapot.Service]", got)
	}
	method := func(recv, name string) *types.Func {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(lookup(impl, recv).Type()), true, impl.Pkg, name)
		return obj.(*types.Func)
	}
	for _, tc := range []struct {
		recv, name string
		service    bool   // IsServiceMethod
		implements bool   // ImplementedService != nil
		root       string // RootPackage
	}{
		{"Service", "GetTeapot", true, true, "pkg/services/teapot"},
		{"Service", "Ping", false, true, "pkg/services/teapot"},
		{"Service", "Brew", true, false, "pkg/services/teapot"},
		{"Service", "Clean", false, false, "pkg/services/teapot"},
		{"Service", "warm", false, false, "pkg/services/teapot"},
		{"store", "GetTeapot", false, false, "pkg/services/teapot"}, // no Ping
	} {
		fn := method(tc.recv, tc.name)
		if got := impl.IsServiceMethod(fn); got != tc.service {
			t.Errorf("IsServiceMethod(%s.%s) = %v, want %v", tc.recv, tc.name, got, tc.service)
		}
		if got := impl.ImplementedService(fn) != nil; got != tc.implements {
			t.Errorf("ImplementedService(%s.%s) = %v, want %v", tc.recv, tc.name, got, tc.implements)
		}
		if got := impl.RootPackage(fn, nil); got != tc.root {
			t.Errorf("RootPackage(%s.%s) = %s, want %s", tc.recv, tc.name, got, tc.root)
		}
	}
}

func TestParentRoot(t *testing.T) {
	for _, tc := range []struct{ path, name, want string }{
		{"pkg/services/teapot/teapotimpl", "teapotimpl", "pkg/services/teapot"},
		{"pkg/services/teapot/teapottest", "teapottest", "pkg/services/teapot"},
		{"pkg/services/teapot/database", "database", "pkg/services/teapot/database"},
		{"pkg/services/teapot/teapot", "teapot", "pkg/services/teapot/teapot"},
		{"teapot", "teapot", "teapot"},
	} {
		if got := ParentRoot(types.NewPackage(tc.path, tc.name)); got != tc.want {
			t.Errorf("ParentRoot(%s) = %s, want %s", tc.path, got, tc.want)
		}
	}
}

func TestIsHTTPHandler(t *testing.T) {
	in := check(t, DefaultConfig(), "api", nil, `package api

import (
	"context"
	"net/http"
)

type ReqContext struct{}
type CreateTeamCommand struct{}

type HTTPServer struct{}

func (hs *HTTPServer) CreateTeam(c *ReqContext, cmd CreateTeamCommand) error { return nil }
func (hs *HTTPServer) Serve(w http.ResponseWriter, r *http.Request, cmd CreateTeamCommand) {}
func (hs *HTTPServer) Create(ctx context.Context, cmd CreateTeamCommand) error { return nil }
`)
	for name, want := range map[string]bool{"CreateTeam": false, "Serve": false, "Create": true} {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(in.Pkg.Scope().Lookup("HTTPServer").Type()), true, in.Pkg, name)
		if got := in.IsServiceMethod(obj.(*types.Func)); got != want {
			t.Errorf("IsServiceMethod(%s) = %v, want %v", name, got, want)
		}
	}
}

func TestIsTestDouble(t *testing.T) {
	named := func(pkgPath, pkgName, name string) *types.Named {
		pkg := types.NewPackage(pkgPath, pkgName)
		return types.NewNamed(types.NewTypeName(0, pkg, name, nil), types.NewStruct(nil, nil), nil)
	}
	for _, c := range []struct {
		path, pkg, name string
		want            bool
	}{
		{"app/teapot/teapotimpl", "teapotimpl", "Service", false},
		{"app/teapot/teapottest", "teapottest", "Service", true}, // <service>test beside its service
		{"app/teapot", "teapot", "FakeStore", true},
		{"app/teapot", "teapot", "storeMock", true},
		{"app/mocks", "mocks", "Store", true},
		{"app/release/latest", "latest", "Store", false}, // ends in "test", is no test package
	} {
		if got := IsTestDouble(named(c.path, c.pkg, c.name)); got != c.want {
			t.Errorf("IsTestDouble(%s.%s) = %v, want %v", c.path, c.name, got, c.want)
		}
	}
}
