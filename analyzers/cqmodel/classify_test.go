package cqmodel

import (
	"flag"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// check type-checks one package from src files (by name) and classifies
// it with cfg.
func check(t *testing.T, cfg *Config, path string, imp types.Importer, srcs ...string) *Info {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for i, src := range srcs {
		f, err := parser.ParseFile(fset, path+string(rune('a'+i))+".go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	if imp == nil {
		imp = importer.Default()
	}
	pkg, err := (&types.Config{Importer: imp}).Check(path, fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	return Classify(cfg, files, pkg, info, nil)
}

// kinds is the classification as "Name: kind (why)".
func kinds(in *Info) []string {
	var out []string
	for _, m := range in.Messages {
		out = append(out, m.Obj.Name()+": "+m.Kind.String()+" ("+m.Why+")")
	}
	sort.Strings(out)
	return out
}

const policySrc = `package dashboards

import "context"

type Dashboard struct{ ID int64 }

// Used as a service-interface parameter.
type GetDashboardQuery struct{ UID string }

// The parameter after a context of an exported function.
type SaveDashboardCommand struct{ Dashboard *Dashboard }

// Has a Result field.
type SearchDashboardsQuery struct{ Result []*Dashboard }

// A directive, without a suffix.
//cq:query
type Lookup struct{}

// Cmd is a command suffix too.
type DeleteDashboardCmd struct{}

// Named like a query, never used as one: a data-source query model.
type CloudWatchQuery struct{ RefID string }

// Used only by unexported code and an unexported interface.
type ElasticQuery struct{}
type PrometheusQuery struct{}

// A suffix with nothing in front is a message only by use: a Result field
// (search.Query), a service-method parameter.
type Query struct{ Result int }
type Command struct{}
type Cmd struct{}

func Do(ctx context.Context, c Command) {}

// Not a struct.
type RawQuery string

// Events: by publishing, by listening, by directive; a suffix alone (a
// payload record never on the bus) is not enough.
type DashboardSavedEvent struct{}
type DashboardDeleted struct{}
type DashboardStarred struct{}
//cq:event
type PanelMoved struct{}

// Data-source query models (Grafana v9: legacydata.DataQuery, loki's
// lokiQuery): a RefID, or sub-queries with one.
type DataSource struct{}
type DataSubQuery struct{ RefID string }
type DataQuery struct{ Queries []DataSubQuery }
type lokiQuery struct {
	Expr  string
	RefID string
}

// Loose ids and the user before the command: still a service (Grafana's
// live pipeline storage, library elements).
type ChannelRuleCreateCmd struct{}
type CreateLibraryElementCommand struct{}
type SignedInUser struct{}

type Storage interface {
	CreateChannelRule(ctx context.Context, orgID int64, cmd ChannelRuleCreateCmd) error
	CreateElement(ctx context.Context, user *SignedInUser, cmd CreateLibraryElementCommand) error
}

type RequestHandler interface {
	HandleRequest(ctx context.Context, ds *DataSource, query DataQuery) (int, error)
}

type LokiAPI struct{}

func (a *LokiAPI) DataQuery(ctx context.Context, query lokiQuery) error { return nil }

// An HTTP DTO with a Result field: no suffix, no message.
type DashboardResponse struct{ Result *Dashboard ` + "`json:\"result\"`" + ` }

type Service interface {
	GetDashboard(ctx context.Context, q *GetDashboardQuery) (*Dashboard, error)
}

type store interface {
	get(q *PrometheusQuery) error
}

type bus interface {
	Publish(ctx context.Context, msg any) error
	AddEventListener(fn func(ctx context.Context, e *DashboardStarred) error)
}

func Save(ctx context.Context, cmd *SaveDashboardCommand) error { return nil }
func Delete(ctx context.Context, cmd DeleteDashboardCmd) error  { return nil }
func Run(cmd *DeleteDashboardCmd) {}
func run(ctx context.Context, q ElasticQuery) {}
func Parse(raw []byte) (CloudWatchQuery, error) { return CloudWatchQuery{}, nil }

// A query given to the bus by mistake stays a query.
type reindexQuery struct{}

func wire(ctx context.Context, b bus) {
	_ = b.Publish(ctx, &reindexQuery{})
	_ = b.Publish(ctx, &DashboardDeleted{})
	b.AddEventListener(func(ctx context.Context, e *DashboardStarred) error { return nil })
}
`

func TestClassifyPolicy(t *testing.T) {
	in := check(t, DefaultConfig(), "dashboards", nil, policySrc)
	want := []string{
		"ChannelRuleCreateCmd: command (parameter of Storage.CreateChannelRule)",
		"Command: command (parameter of Do after its context.Context)",
		"CreateLibraryElementCommand: command (parameter of Storage.CreateElement)",
		"DashboardDeleted: event (passed to Publish)",
		"DashboardStarred: event (handled by a listener given to AddEventListener)",
		"DeleteDashboardCmd: command (parameter of Delete after its context.Context)",
		"GetDashboardQuery: query (parameter of Service.GetDashboard)",
		"Lookup: query (//cq:query directive)",
		"PanelMoved: event (//cq:event directive)",
		"Query: query (has a Result field)",
		"SaveDashboardCommand: command (parameter of Save after its context.Context)",
		"SearchDashboardsQuery: query (has a Result field)",
		"reindexQuery: query (named like a query, passed to Publish)",
	}
	if diff := cmp.Diff(want, kinds(in)); diff != "" {
		t.Errorf("classification (-want +got):\n%s", diff)
	}
	if len(in.DirectiveErrors) != 0 {
		t.Errorf("directive errors: %v", in.DirectiveErrors)
	}
	// KindAt: a suffixed struct counts where it is used as a parameter.
	obj := func(name string) types.Type { return in.Pkg.Scope().Lookup(name).Type() }
	if k := in.KindOf(obj("CloudWatchQuery")); k != NotMessage {
		t.Errorf("KindOf(CloudWatchQuery) = %v", k)
	}
	if k := in.KindAt(types.NewPointer(obj("ElasticQuery"))); k != Query {
		t.Errorf("KindAt(*ElasticQuery) = %v, want query", k)
	}
	for _, name := range []string{"CloudWatchQuery", "DataQuery", "lokiQuery"} {
		if k := in.KindAt(obj(name)); k != NotMessage {
			t.Errorf("KindAt(%s) = %v, want not a message: a data source's query model", name, k)
		}
	}
	if k := in.KindAt(obj("RawQuery")); k != NotMessage {
		t.Errorf("KindAt(RawQuery) = %v, want not a message", k)
	}
	if tn := in.Pkg.Scope().Lookup("RequestHandler").(*types.TypeName); in.IsServiceInterface(tn) {
		t.Error("RequestHandler, which takes a data source's query model, is a service interface")
	}
	if k := in.KindAt(obj("DashboardResponse")); k != NotMessage {
		t.Errorf("KindAt(DashboardResponse) = %v, want not a message", k)
	}
	if m := in.Lookup(in.Pkg.Scope().Lookup("SearchDashboardsQuery").(*types.TypeName)); m == nil || m.Result == nil || m.MethodName(in.Config) != "SearchDashboards" {
		t.Errorf("Lookup(SearchDashboardsQuery) = %+v", m)
	}
	// Doc: the type's comment without its directive line.
	for name, want := range map[string]string{"SearchDashboardsQuery": "Has a Result field.\n", "Lookup": "A directive, without a suffix.\n"} {
		m := in.Lookup(in.Pkg.Scope().Lookup(name).(*types.TypeName))
		if m == nil {
			t.Fatalf("%s is no message", name)
		}
		if got := m.Doc.Text(); got != want {
			t.Errorf("%s: Doc = %q, want %q", name, got, want)
		}
	}
}

func TestClassifySuffixOnly(t *testing.T) {
	cfg := DefaultConfig()
	cfg.RequireUse = false
	in := check(t, cfg, "dashboards", nil, policySrc)
	got := strings.Join(kinds(in), "\n")
	for _, want := range []string{
		"CloudWatchQuery: query (name ends in a query suffix)",
		"ElasticQuery: query (name ends in a query suffix)",
		"DashboardSavedEvent: event (name ends in Event)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "RawQuery") || strings.Contains("\n"+got, "\nCmd:") {
		t.Errorf("non-struct, or a bare suffix without use, classified:\n%s", got)
	}
}

func TestClassifyFlags(t *testing.T) {
	cfg := DefaultConfig()
	for flag, value := range map[string]string{
		"command-suffixes": "Command, Mutation",
		"query-suffixes":   "Query,Request",
		"event-packages":   "events,notifications",
	} {
		fs := newFlagSet(cfg)
		if err := fs.Set(flag, value); err != nil {
			t.Fatal(err)
		}
	}
	in := check(t, cfg, "notifications", nil, `package notifications

import "context"

type SendMutation struct{}
type GetRequest struct{}
type Anything struct{}

type Service interface {
	Send(ctx context.Context, m SendMutation) error
	Get(ctx context.Context, r GetRequest) error
}
`)
	want := []string{
		"Anything: event (declared in package notifications)",
		"GetRequest: event (declared in package notifications)",
		"SendMutation: event (declared in package notifications)",
	}
	if diff := cmp.Diff(want, kinds(in)); diff != "" {
		t.Errorf("classification (-want +got):\n%s", diff)
	}
	in = check(t, cfg, "notify", nil, strings.Replace(`package notifications
import "context"
type SendMutation struct{}
type GetRequest struct{}
type Service interface {
	Send(ctx context.Context, m SendMutation) error
	Get(ctx context.Context, r GetRequest) error
}`, "package notifications", "package notify", 1))
	want = []string{
		"GetRequest: query (parameter of Service.Get)",
		"SendMutation: command (parameter of Service.Send)",
	}
	if diff := cmp.Diff(want, kinds(in)); diff != "" {
		t.Errorf("classification (-want +got):\n%s", diff)
	}
}

func TestTrimSuffix(t *testing.T) {
	cfg := DefaultConfig()
	for in, want := range map[string]string{
		"GetDashboardQuery":   "GetDashboard",
		"DeleteDashboardCmd":  "DeleteDashboard",
		"DashboardSavedEvent": "DashboardSaved",
		"Query":               "Query",
		"SaveCommandQuery":    "SaveCommand",
	} {
		if got := cfg.TrimSuffix(in); got != want {
			t.Errorf("TrimSuffix(%s) = %s, want %s", in, got, want)
		}
	}
}

func newFlagSet(cfg *Config) *flag.FlagSet {
	fs := flag.NewFlagSet("cqmodel", flag.ContinueOnError)
	cfg.RegisterFlags(fs, "")
	return fs
}

// A suffixed struct of another module is no request where it is used.
func TestKindAtModule(t *testing.T) {
	std := importer.Default()
	sdk := check(t, DefaultConfig(), "github.com/grafana/sdk/backend", std, `package backend
type DataQuery struct{ TimeRange [2]int64 }
`)
	models := check(t, DefaultConfig(), "example.com/app/pkg/models", std, `package models
type DeleteThingCommand struct{ ID int64 }
`)
	in := check(t, DefaultConfig(), "example.com/app/pkg/things", importerFunc(func(path string) (*types.Package, error) {
		switch path {
		case sdk.Pkg.Path():
			return sdk.Pkg, nil
		case models.Pkg.Path():
			return models.Pkg, nil
		}
		return std.Import(path)
	}), `package things
import (
	"github.com/grafana/sdk/backend"
	"example.com/app/pkg/models"
)
var _ backend.DataQuery
var _ models.DeleteThingCommand
`)
	dq := sdk.Pkg.Scope().Lookup("DataQuery").Type()
	del := models.Pkg.Scope().Lookup("DeleteThingCommand").Type()
	if k := in.KindAt(dq); k != Query {
		t.Errorf("module unknown: KindAt(backend.DataQuery) = %v, want query", k)
	}
	in.Module = "example.com/app"
	if k := in.KindAt(dq); k != NotMessage {
		t.Errorf("KindAt(backend.DataQuery) = %v, want not a message", k)
	}
	if k := in.KindAt(del); k != Command {
		t.Errorf("KindAt(models.DeleteThingCommand) = %v, want command", k)
	}
}

// A read suggests a query, a mutation a command, with the configured
// suffixes; another verb both (issue 11: Update was offered UpdateQuery).
func TestSuggestRequest(t *testing.T) {
	cfg := DefaultConfig()
	fs := newFlagSet(cfg)
	if err := fs.Set("query-suffixes", "Request,Query"); err != nil {
		t.Fatal(err)
	}
	for method, want := range map[string]string{
		"GetUserByID": "query GetUserByIDRequest ",
		"Update":      "command  UpdateCommand",
		"DeleteAll":   "command  DeleteAllCommand",
		"Getaway":     "not a message GetawayRequest GetawayCommand",
		"Ping":        "not a message PingRequest PingCommand",
	} {
		k, q, c := cfg.SuggestRequest(method)
		if got := k.String() + " " + q + " " + c; got != want {
			t.Errorf("SuggestRequest(%s) = %q, want %q", method, got, want)
		}
	}
}

// Args gives the non-default settings as cqgen flags, quoted for a shell
// where need be.
func TestArgs(t *testing.T) {
	cfg := DefaultConfig()
	if got := cfg.Args(); len(got) != 0 {
		t.Errorf("defaults: Args = %q, want none", got)
	}
	fs := newFlagSet(cfg)
	for name, value := range map[string]string{"require-use": "false", "event-packages": "events,my events", "query-suffixes": "Query,Request", "handler-registrars": ""} {
		if err := fs.Set(name, value); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"--cqmodel.query-suffixes=Query,Request", "--cqmodel.event-packages='events,my events'", "--cqmodel.handler-registrars=''", "--cqmodel.require-use=false"}
	if diff := cmp.Diff(want, cfg.Args()); diff != "" {
		t.Errorf("Args (-want +got):\n%s", diff)
	}
}

// An empty suffix list is a bad flag value, which leaves the setting as
// it was; other lists may be empty.
func TestEmptySuffixes(t *testing.T) {
	for _, name := range []string{"command-suffixes", "query-suffixes", "event-suffixes"} {
		for _, value := range []string{"", " , "} {
			cfg := DefaultConfig()
			fs := newFlagSet(cfg)
			fs.SetOutput(io.Discard)
			before := fs.Lookup(name).Value.String()
			err := fs.Parse([]string{"-" + name + "=" + value})
			if want := "invalid value \"" + value + "\" for flag -" + name + ": empty: name at least one suffix"; err == nil || err.Error() != want {
				t.Errorf("-%s=%q: error %v, want %q", name, value, err, want)
			}
			if got := fs.Lookup(name).Value.String(); got != before {
				t.Errorf("-%s=%q: the setting became %q", name, value, got)
			}
		}
	}
	if err := newFlagSet(DefaultConfig()).Parse([]string{"-event-packages="}); err != nil {
		t.Errorf("-event-packages=: %v", err)
	}
}

// A method whose signature someone else fixes does not make what it
// takes a command or query: a gRPC server's; another module's interface.
func TestContractUses(t *testing.T) {
	grpc := check(t, DefaultConfig(), "example.com/app/things", nil, `package things
import "context"
type ListThingsQuery struct{ Prefix string }
type GetThingQuery struct{ ID int64 }
type UnimplementedThingsServer struct{}
type Server struct{ UnimplementedThingsServer }
func (s *Server) ListThings(ctx context.Context, q *ListThingsQuery) (*ListThingsQuery, error) { return q, nil }
type Service struct{}
func (s *Service) GetThing(ctx context.Context, q *GetThingQuery) (*GetThingQuery, error) { return q, nil }
`)
	if got, want := kinds(grpc), []string{"GetThingQuery: query (parameter of Service.GetThing after its context.Context)"}; !slices.Equal(got, want) {
		t.Errorf("kinds = %q, want %q", got, want)
	}
	std := importer.Default()
	fw := check(t, DefaultConfig(), "example.com/fw/handler", std, `package handler
import "context"
type Handler[T any] interface{ Handle(ctx context.Context, q T) error }
`)
	src := `package orders
import (
	"context"
	"example.com/fw/handler"
)
type ListOrdersQuery struct{ Page int }
type OrdersHandler struct{}
func (h *OrdersHandler) Handle(ctx context.Context, q *ListOrdersQuery) error { return nil }
var _ handler.Handler[*ListOrdersQuery] = (*OrdersHandler)(nil)
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "orders.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	pkg, err := (&types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
		if path == fw.Pkg.Path() {
			return fw.Pkg, nil
		}
		return std.Import(path)
	})}).Check("example.com/app/orders", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(ClassifyModule(DefaultConfig(), []*ast.File{f}, pkg, info, nil, "example.com/app")); len(got) != 0 {
		t.Errorf("with the module known: kinds = %q, want none", got)
	}
	if got := kinds(ClassifyModule(DefaultConfig(), []*ast.File{f}, pkg, info, nil, "")); len(got) != 1 {
		t.Errorf("module unknown: kinds = %q, want ListOrdersQuery by its use", got)
	}
}
