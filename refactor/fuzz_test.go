package refactor

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/cqmodel"
)

// FuzzPlanner builds a small three-package module from the fuzz input
// (Result types, producers, forwarders, interfaces and callers in a few
// shapes each), type-checks it in process (no go command: each input
// costs milliseconds), plans, rewrites and verifies it, and checks the
// outcome independently: the planner never panics or reports an internal
// error, every rewrite it did not refuse type-checks in Verify and again
// from scratch, and the output is gofmt-clean.
func FuzzPlanner(f *testing.F) {
	for _, seed := range plannerSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		files := genProgram(data)
		dir := t.TempDir()
		prog, err := fuzzLoad(dir, files)
		if err != nil {
			t.Fatalf("the generated module does not type-check: %v\n%s", err, dumpFiles(files))
		}
		plan := MakePlan(prog, FindTargets(prog, cqmodel.DefaultConfig(), nil))
		for _, g := range plan.Groups {
			for _, r := range g.Refusals {
				if strings.Contains(r.Reason, "internal error") {
					t.Fatalf("%s\n%s", r, dumpFiles(files))
				}
			}
		}
		out, err := Rewrite(prog, plan)
		if err != nil {
			t.Fatalf("Rewrite: %v\n%s", err, dumpFiles(files))
		}
		terrs, err := Verify(prog, out)
		if err != nil || len(terrs) > 0 {
			t.Fatalf("a rewrite that was not refused does not type-check: %v %v\n%s\nrewritten:\n%s", err, terrs, dumpFiles(files), dumpChanged(dir, out))
		}
		for name, src := range out {
			if formatted, err := format.Source(src); err != nil || string(formatted) != string(src) {
				t.Fatalf("%s is not gofmt-clean: %v\n%s", name, err, src)
			}
		}
		// From scratch, with nothing of the loaded program.
		next := map[string]string{}
		for name, src := range files {
			next[name] = src
		}
		for name, src := range out {
			r, _ := filepath.Rel(dir, name)
			next[filepath.ToSlash(r)] = string(src)
		}
		if _, err := fuzzLoad(t.TempDir(), next); err != nil {
			t.Fatalf("the rewritten module does not type-check: %v\n%s\nrewritten:\n%s", err, dumpFiles(files), dumpChanged(dir, out))
		}
	})
}

var plannerSeeds = [][]byte{
	{}, {0}, {1, 0, 0, 0}, {1, 1, 1, 1, 1}, {2, 2, 2, 3, 3}, {3, 4, 5, 6, 7, 8},
	{1, 0, 4, 1, 2}, {2, 1, 5, 0, 9, 3, 4, 2}, {1, 3, 3, 1, 3}, {2, 5, 0, 7, 8, 1, 10},
	{3, 7, 2, 6, 1, 4, 0, 5, 9}, {1, 2, 1, 0, 4}, {2, 0, 1, 1, 3, 4, 6, 5}, {1, 4, 2, 1, 1, 9},
	{0, 0, 6, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 7}, {0, 1, 7, 0, 0, 1, 6}, {0, 2, 0, 1, 1, 1, 1, 5, 0, 4},
}

// The seed corpus exercises both outcomes, so FuzzPlanner checks real
// rewrites, not only refusals.
func TestPlannerSeedsConvertAndRefuse(t *testing.T) {
	converted, refused := 0, 0
	for _, seed := range plannerSeeds {
		prog, err := fuzzLoad(t.TempDir(), genProgram(seed))
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range MakePlan(prog, FindTargets(prog, cqmodel.DefaultConfig(), nil)).Groups {
			if len(g.Refusals) > 0 {
				refused++
			} else {
				converted++
			}
		}
	}
	if converted < 10 || refused < 2 {
		t.Errorf("the seeds plan %d conversions and %d refusals; want at least 10 and 2", converted, refused)
	}
}

// fuzzBytes reads choices from the fuzz input; past its end every choice
// is 0.
type fuzzBytes struct {
	b []byte
	i int
}

func (r *fuzzBytes) pick(n int) int {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return int(r.b[r.i-1]) % n
}

// fuzzResult is a Result field's type, as package m writes it, and a value
// of it from q.ID, as package impl writes it.
var fuzzResults = []struct{ typ, value string }{
	{"int", "q.ID * 2"},
	{"string", `"s"`},
	{"[]int", "[]int{q.ID}"},
	{"*Thing", "&m.Thing{N: q.ID}"},
	{"map[string]int", `map[string]int{"a": q.ID}`},
	{"bool", "q.ID > 0"},
}

// genProgram writes packages m (the queries and their interfaces), impl
// (producers) and use (callers) from the fuzz input.
func genProgram(data []byte) map[string]string {
	r := &fuzzBytes{b: data}
	var m, impl, use strings.Builder
	m.WriteString("package m\n\ntype Thing struct{ N int }\n")
	impl.WriteString(`package impl

import "example.com/fz/m"

type strErr string

func (e strErr) Error() string { return string(e) }

var errNeg error = strErr("negative")

type Store struct{ n int }

type Service struct{ store *Store }

func (s *Store) check() error { return nil }

func load[T any](p *T, v T) error {
	*p = v
	return nil
}

var Handlers []any
`)
	use.WriteString(`package use

import (
	"example.com/fz/impl"
	"example.com/fz/m"
)

func sink(v any) {}

func check(err error) {}

var _ = impl.Handlers
var _ m.Thing
`)
	n := 1 + r.pick(3)
	for i := 0; i < n; i++ {
		res := fuzzResults[r.pick(len(fuzzResults))]
		q := fmt.Sprintf("GetT%dQuery", i)
		fn := fmt.Sprintf("GetT%d", i)
		fmt.Fprintf(&m, "\ntype %s struct {\n\tID     int\n\tResult %s\n}\n", q, res.typ)
		shape := r.pick(11)
		noErr := shape == 3
		recv, callee := "s *Store", "s"
		sig := "(q *m." + q + ") error"
		if noErr {
			sig = "(q *m." + q + ")"
		}
		switch shape {
		case 0:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tq.Result = %s\n\treturn nil\n}\n", recv, fn, sig, res.value)
		case 1:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tif q.ID < 0 {\n\t\treturn errNeg\n\t}\n\tq.Result = %s\n\treturn nil\n}\n", recv, fn, sig, res.value)
		case 2:
			fmt.Fprintf(&impl, "\nfunc %s%s {\n\tq.Result = %s\n\treturn nil\n}\n", fn, sig, res.value)
			callee = "impl"
		case 3:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tq.Result = %s\n}\n", recv, fn, sig, res.value)
		case 4:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tq.Result = %s\n\treturn nil\n}\n", recv, fn, sig, res.value)
			fmt.Fprintf(&impl, "\nfunc (v *Service) %s%s {\n\treturn v.store.%s(q)\n}\n", fn, sig, fn)
			callee = "v"
		case 5:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\treturn load(&q.Result, %s)\n}\n", recv, fn, sig, res.value)
		case 6:
			fmt.Fprintf(&impl, "\nfunc init() {\n\tHandlers = append(Handlers, func%s {\n\t\tq.Result = %s\n\t\treturn nil\n\t})\n}\n", sig, res.value)
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tq.Result = %s\n\treturn nil\n}\n", recv, fn, sig, res.value)
		case 7:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tif q.ID > 0 {\n\t\tq.Result = %s\n\t}\n\treturn nil\n}\n", recv, fn, sig, res.value)
		case 8:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tdefer func() { q.Result = %s }()\n\treturn nil\n}\n", recv, fn, sig, res.value)
		case 9:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tq.Result = %s\n\tif q.ID > 5 {\n\t\tq.Result = q.Result\n\t}\n\treturn s.check()\n}\n", recv, fn, sig, res.value)
		case 10:
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n\tresult := %s\n\tif err := s.check(); err != nil {\n\t\treturn err\n\t}\n\tq.Result = result\n\treturn nil\n}\n", recv, fn, sig, res.value)
		}
		// An interface for it, used by some callers.
		iface := callee != "impl" && r.pick(2) == 1
		if iface {
			fmt.Fprintf(&m, "\ntype T%dService interface {\n\t%s%s\n}\n", i, fn, strings.ReplaceAll(sig, "m.", ""))
			typ := "Store"
			if callee == "v" {
				typ = "Service"
			}
			fmt.Fprintf(&impl, "\nvar _ m.T%dService = (*%s)(nil)\n", i, typ)
		}
		params := map[string]string{"s": "s *impl.Store", "v": "v *impl.Service", "impl": ""}
		for c, calls := 0, 1+r.pick(2); c < calls; c++ {
			recvName, param := callee, params[callee]
			if iface && r.pick(2) == 1 {
				recvName, param = "x", fmt.Sprintf("x m.T%dService", i)
			}
			writeCaller(&use, r, fmt.Sprintf("Use%d_%d", i, c), param, recvName+"."+fn, "m."+q, noErr)
		}
	}
	return map[string]string{
		"go.mod":       "module example.com/fz\n\ngo 1.22\n",
		"m/m.go":       m.String(),
		"impl/impl.go": impl.String(),
		"use/use.go":   use.String(),
	}
}

// writeCaller writes a function calling call (a producer of query type q)
// in one of several shapes.
func writeCaller(b *strings.Builder, r *fuzzBytes, name, param, call, q string, noErr bool) {
	fmt.Fprintf(b, "\nfunc %s(%s) int {\n", name, param)
	ptr := r.pick(2) == 1
	arg := "&q"
	if ptr {
		fmt.Fprintf(b, "\tq := &%s{ID: 1}\n", q)
		arg = "q"
	} else {
		fmt.Fprintf(b, "\tq := %s{ID: 1}\n", q)
	}
	shapes := callerShapes
	if noErr {
		shapes = callerShapesNoErr
	}
	fmt.Fprintf(b, shapes[r.pick(len(shapes))], call+"("+arg+")")
	b.WriteString("\treturn 1\n}\n")
}

// callerShapes are the bodies of callers, %[1]s being the call of a
// producer that returns an error; some shapes convert, some refuse.
var callerShapes = []string{
	"\tif err := %[1]s; err != nil {\n\t\treturn 0\n\t}\n\tsink(q.Result)\n",
	"\terr := %[1]s\n\tif err != nil {\n\t\treturn 0\n\t}\n\tsink(q.Result)\n",
	"\tcheck(%[1]s)\n\tsink(q.Result)\n",
	"\tcheck(%[1]s)\n\tsink(q.Result)\n\tq.ID = 2\n\tcheck(%[1]s)\n\tsink(q.Result)\n",
	"\tf := func() { sink(q.Result) }\n\tcheck(%[1]s)\n\tf()\n",
	"\tsink(q.Result)\n\tcheck(%[1]s)\n\tsink(q.Result)\n",
	"\tq.Result = q.Result\n\tcheck(%[1]s)\n\tsink(q.Result)\n",
	"\tcheck(%[1]s)\n\tsink(q)\n",
	"\tfor i := 0; i < 2; i++ {\n\t\tif err := %[1]s; err != nil {\n\t\t\tcontinue\n\t\t}\n\t\tsink(q.Result)\n\t}\n",
	"\tif %[1]s != nil {\n\t\treturn 0\n\t}\n",
	"\tvar err error\n\tif q.ID > 0 {\n\t\terr = %[1]s\n\t}\n\tif err != nil {\n\t\treturn 0\n\t}\n\tsink(q.Result)\n",
	"\tresult := 1\n\tif err := %[1]s; err != nil {\n\t\treturn result\n\t}\n\tsink(q.Result)\n",
	"\tdefer check(%[1]s)\n",
	"\tif ok := q.ID > 0; ok && %[1]s == nil {\n\t\tsink(q.Result)\n\t}\n",
	"\tswitch err := %[1]s; {\n\tcase err != nil:\n\t\treturn 0\n\t}\n\tsink(q.Result)\n",
	"\tq2 := q\n\tcheck(%[1]s)\n\tsink(q2.Result)\n",
	"\tgo check(%[1]s)\n",
	"\tcheck(%[1]s)\n\tw := struct{ v any }{q.Result}\n\tsink(w)\n",
	"\tif err := %[1]s; err == nil {\n\t\tsink(q.Result)\n\t} else {\n\t\tsink(err)\n\t}\n\tsink(q.Result)\n",
	"\tvar results []any\n\tfor i := 0; i < 2; i++ {\n\t\tcheck(%[1]s)\n\t\tresults = append(results, q.Result)\n\t}\n\tsink(results)\n",
}

// callerShapesNoErr are callers of a producer without an error result.
var callerShapesNoErr = []string{
	"\t%[1]s\n\tsink(q.Result)\n",
	"\t%[1]s\n\t%[1]s\n\tsink(q.Result)\n",
	"\tfor i := 0; i < 2; i++ {\n\t\t%[1]s\n\t\tsink(q.Result)\n\t}\n",
}

// fuzzLoad writes files to dir and type-checks its packages in process,
// in import order, into a Program as Load would make it (without tests or
// other configurations, which the generator does not write).
func fuzzLoad(dir string, files map[string]string) (*Program, error) {
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			return nil, err
		}
	}
	const modPath = "example.com/fz"
	prog := newProgram(dir, []Module{{Path: modPath, Dir: dir}}, nil)
	mod := &packages.Module{Path: modPath, Main: true, Dir: dir, GoVersion: "1.22"}
	byPath := map[string]*packages.Package{}
	sizes := types.SizesFor("gc", "amd64")
	for _, pkgDir := range []string{"m", "impl", "use"} {
		name := filepath.Join(dir, pkgDir, pkgDir+".go")
		f, err := parser.ParseFile(prog.Fset, name, files[pkgDir+"/"+pkgDir+".go"], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		p := &packages.Package{
			ID: modPath + "/" + pkgDir, Name: pkgDir, PkgPath: modPath + "/" + pkgDir, Fset: prog.Fset,
			GoFiles: []string{name}, CompiledGoFiles: []string{name}, Syntax: []*ast.File{f},
			Imports: map[string]*packages.Package{}, Module: mod, TypesSizes: sizes,
			TypesInfo: &types.Info{
				Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
				Implicits: map[ast.Node]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{},
				Scopes: map[ast.Node]*types.Scope{}, Instances: map[*ast.Ident]types.Instance{}, FileVersions: map[*ast.File]string{},
			},
		}
		var firstErr error
		cfg := &types.Config{
			GoVersion: "go1.22", Sizes: sizes,
			Importer: importerFunc(func(path string) (*types.Package, error) {
				ip := byPath[path]
				if ip == nil {
					return nil, fmt.Errorf("no package %q", path)
				}
				p.Imports[path] = ip
				return ip.Types, nil
			}),
			Error: func(err error) {
				if firstErr == nil {
					firstErr = err
				}
			},
		}
		p.Types, _ = cfg.Check(p.PkgPath, prog.Fset, p.Syntax, p.TypesInfo)
		if firstErr != nil {
			return nil, firstErr
		}
		byPath[p.PkgPath] = p
		prog.Pkgs = append(prog.Pkgs, p)
		prog.selected[p.PkgPath] = true
		prog.config[p] = 0
	}
	prog.assignOwners()
	return prog, nil
}

func dumpFiles(files map[string]string) string {
	var b strings.Builder
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "-- %s --\n%s", n, files[n])
	}
	return b.String()
}

func dumpChanged(dir string, out map[string][]byte) string {
	files := map[string]string{}
	for name, src := range out {
		r, _ := filepath.Rel(dir, name)
		files[r] = string(src)
	}
	return dumpFiles(files)
}
