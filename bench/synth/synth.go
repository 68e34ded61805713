// Package synth writes a large synthetic Go module shaped like Grafana's
// backend, for benchmarking cqlint and cqgen on something bigger than the
// test fixtures without shipping a real tree.
//
// Each service gets four packages, the way Grafana lays them out:
//
//	pkg/services/<svc>/            root: models, commands, queries, events,
//	                               the Service interface (and the legacy
//	                               Store interface when it has Result types)
//	pkg/services/<svc>/<svc>impl/  the implementation and its tests
//	pkg/services/<svc>/<svc>test/  a fake with Expected* fields
//	pkg/api/<svc>api/              HTTP handlers and their tests
//
// plus the shared pkg/infra/db (an in-memory database with transaction
// callbacks) and pkg/bus (an event bus). Legacy Result-field queries are
// spread over the services in six result shapes (pointer, slice, value
// struct, bool, int64, map); their producers write Result in every way the
// resultfield rule knows (assignment, field and index writes, append,
// &q.Result passed to a loader, inside transaction closures) and their
// callers read it in the shapes the refactor must handle (if-init, err =, never read,
// a query reused for two calls, a call in a loop, a read in a later closure,
// a call nested as a test assertion's argument).
//
// The output is deterministic, gofmt-clean, and builds, vets and passes its
// own tests.
package synth

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"text/template"

	"github.com/cqtools/cq/internal/unusedimports"
)

// Options size the module.
type Options struct {
	// Module is the module path; default "example.com/synth".
	Module string
	// Services is the number of services; each adds four packages.
	Services int
	// ResultTypes is the number of legacy queries with a Result field,
	// spread round-robin over the services, at most 6 per service.
	ResultTypes int
	// CallSites is the number of call sites of each Result type's producer
	// outside tests (in the API package). Tests add more.
	CallSites int
}

// DefaultOptions is a module of 320+ packages with 120 Result types and
// 960 non-test call sites (1,200 with the tests').
func DefaultOptions() Options {
	return Options{Module: "example.com/synth", Services: 80, ResultTypes: 120, CallSites: 8}
}

// Packages is the number of packages Generate writes for opt.
func (opt Options) Packages() int { return 4*opt.Services + 2 }

// Generate writes the module into dir, which it creates if needed. Files
// already in dir are overwritten, others left alone.
func Generate(dir string, opt Options) error {
	if opt.Module == "" {
		opt.Module = "example.com/synth"
	}
	if opt.Services < 1 {
		return fmt.Errorf("synth: need at least one service, got %d", opt.Services)
	}
	if opt.ResultTypes > 6*opt.Services {
		return fmt.Errorf("synth: %d Result types need at least %d services", opt.ResultTypes, (opt.ResultTypes+5)/6)
	}
	files, err := Files(opt)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the module's files by slash-separated path.
func Files(opt Options) (map[string][]byte, error) {
	if opt.Module == "" {
		opt.Module = "example.com/synth"
	}
	out := map[string][]byte{
		"go.mod": []byte("module " + opt.Module + "\n\ngo 1.26\n"),
	}
	add := func(name, tmpl string, data any) error {
		var buf bytes.Buffer
		if err := templates.ExecuteTemplate(&buf, tmpl+".tmpl", data); err != nil {
			return fmt.Errorf("synth: %s: %v", name, err)
		}
		src, err := dropUnusedImports(name, buf.Bytes())
		if err != nil {
			return fmt.Errorf("synth: %s does not parse: %v\n%s", name, err, buf.Bytes())
		}
		out[name] = src
		return nil
	}
	if err := add("pkg/infra/db/db.go", "db", opt); err != nil {
		return nil, err
	}
	if err := add("pkg/bus/bus.go", "bus", opt); err != nil {
		return nil, err
	}
	for _, s := range services(opt) {
		root := "pkg/services/" + s.Pkg
		for _, f := range []struct{ name, tmpl string }{
			{root + "/models.go", "models"},
			{root + "/service.go", "service"},
			{root + "/" + s.Pkg + "impl/service.go", "impl"},
			{root + "/" + s.Pkg + "impl/store.go", "store"},
			{root + "/" + s.Pkg + "impl/service_test.go", "impltest"},
			{root + "/" + s.Pkg + "test/fake.go", "fake"},
			{"pkg/api/" + s.Pkg + "api/api.go", "api"},
			{"pkg/api/" + s.Pkg + "api/api_test.go", "apitest"},
		} {
			if err := add(f.name, f.tmpl, s); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// A service is the data of one service's templates.
type service struct {
	Module string
	Pkg    string // package name of the root, e.g. dashboard7
	Entity string // its model type, e.g. Dashboard
	Legacy []legacy
	Calls  []int // 0..CallSites-1, for ranging in templates
}

// A legacy query has a Result field its producer fills in.
type legacy struct {
	Shape  int    // 0..5, see shapes
	Type   string // GetDashboardByNameQuery
	Method string // GetDashboardByName
	U      string // field type in the root package: *Dashboard
	QU     string // field type outside it: *dashboard7.Dashboard
}

var words = []string{
	"dashboard", "folder", "team", "playlist", "annotation", "datasource",
	"alertrule", "apikey", "preference", "star", "snapshot", "library",
	"plugin", "quota", "serviceaccount", "tag", "shorturl", "queryhistory",
	"correlation", "notifier",
}

func services(opt Options) []*service {
	var out []*service
	for i := 0; i < opt.Services; i++ {
		w := words[i%len(words)]
		s := &service{
			Module: opt.Module,
			Pkg:    fmt.Sprintf("%s%d", w, i),
			Entity: string(w[0]-'a'+'A') + w[1:],
		}
		for k := 0; k < opt.CallSites; k++ {
			s.Calls = append(s.Calls, k)
		}
		out = append(out, s)
	}
	for t := 0; t < opt.ResultTypes; t++ {
		// Service i's j-th Result type has shape (i+j)%6: every shape
		// occurs, and none twice in one service.
		i, j := t%opt.Services, t/opt.Services
		s := out[i]
		s.Legacy = append(s.Legacy, newLegacy(s, (i+j)%6))
	}
	return out
}

func newLegacy(s *service, shape int) legacy {
	e := s.Entity
	l := legacy{Shape: shape}
	switch shape {
	case 0:
		l.Method, l.U = "Get"+e+"ByName", "*"+e
	case 1:
		l.Method, l.U = "List"+e+"Names", "[]string"
	case 2:
		l.Method, l.U = "Get"+e+"Stats", e+"Stats"
	case 3:
		l.Method, l.U = "Is"+e+"NameTaken", "bool"
	case 4:
		l.Method, l.U = "Count"+e+"s", "int64"
	case 5:
		l.Method, l.U = "Get"+e+"TagCounts", "map[string]int64"
	}
	l.Type = l.Method + "Query"
	l.QU = l.U
	switch shape {
	case 0:
		l.QU = "*" + s.Pkg + "." + e
	case 2:
		l.QU = s.Pkg + "." + e + "Stats"
	}
	return l
}

//go:embed tmpl/*.tmpl
var tmplFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"mod": func(a, b int) int { return a % b },
}).ParseFS(tmplFS, "tmpl/*.tmpl"))

// dropUnusedImports removes the imports a file's options leave unused,
// and formats it. (goimports would do the same, but it asks the go command
// for its environment on every call: a go process per file.)
func dropUnusedImports(name string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	unusedimports.Drop(fset, f, path.Base) // synth imports no package named otherwise than its last element
	var out bytes.Buffer
	if err := format.Node(&out, fset, f); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
