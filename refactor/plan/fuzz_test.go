package plan

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cqtools/cq/internal/e2e"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/apply"
	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/program"
)

// FuzzPlanner builds a small module from the fuzz input (Result types,
// producers, forwarders, fakes, interfaces and callers in a few shapes
// each, and a main package running every caller), type-checks it in
// process (no go command: each input costs milliseconds), plans, rewrites
// and verifies it, and checks the outcome independently: the planner
// never panics or reports an internal error, every rewrite it did not
// refuse type-checks in Verify (refactor/apply) and again from scratch, and the output is
// gofmt-clean.
//
// With CQ_FUZZ_ORACLE=1, and not under -short, it also checks meaning:
// when the plan converts anything, it builds and runs the module before
// and after the rewrite with the go command and fails unless both print
// the same (every value a caller reads or returns, each error and panic)
// and exit the same. That costs a second or two per input, so the seed
// corpus under plain go test leaves it off (TestPlannerSeedsMeaning runs
// it on a few seeds); fuzz with it on:
//
//	CQ_FUZZ_ORACLE=1 go test ./refactor -run '^$' -fuzz FuzzPlanner -parallel=1
func FuzzPlanner(f *testing.F) {
	for _, seed := range plannerSeeds {
		f.Add(seed)
	}
	oracle := os.Getenv("CQ_FUZZ_ORACLE") == "1" && !testing.Short()
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPlanner(t, data, oracle)
	})
}

// checkPlanner is FuzzPlanner's body; with oracle, it runs the programs
// when the plan converts anything. It reports whether it converted
// anything.
func checkPlanner(t *testing.T, data []byte, oracle bool) bool {
	t.Helper()
	files := genProgram(data)
	dir := t.TempDir()
	prog, err := fuzzLoad(dir, files)
	if err != nil {
		t.Fatalf("the generated module does not type-check: %v\n%s", err, dumpFiles(files))
	}
	plan := MakePlan(prog, flow.FindTargets(prog, cqmodel.DefaultConfig(), nil))
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
	terrs, err := apply.Verify(prog, out)
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
	nextDir := t.TempDir()
	if _, err := fuzzLoad(nextDir, next); err != nil {
		t.Fatalf("the rewritten module does not type-check: %v\n%s\nrewritten:\n%s", err, dumpFiles(files), dumpChanged(dir, out))
	}
	if len(out) == 0 || !oracle {
		return len(out) > 0
	}
	// The two builds and runs at once: they are most of an input's time.
	var before, after string
	var errBefore, errAfter error
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); before, errBefore = runGenerated(dir) }()
	go func() { defer wg.Done(); after, errAfter = runGenerated(nextDir) }()
	wg.Wait()
	if err := errors.Join(errBefore, errAfter); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(before, "exit 0\n") {
		// Every caller recovers its panic: anything else is the
		// generator's fault.
		t.Fatalf("the generated program fails:\n%s\n%s", before, dumpFiles(files))
	}
	if after != before {
		t.Fatalf("the rewrite changes what the program prints (-before +after):\n%s\nprogram:\n%s\nrewritten:\n%s\nbefore:\n%s\nafter:\n%s",
			cmp.Diff(before, after), dumpFiles(files), dumpChanged(dir, out), before, after)
	}
	return true
}

// runGenerated builds the generated module in dir and runs its main
// package: what it printed (stdout and stderr, in order) and its exit
// status, or the build's failure. Offline and without dependencies; the
// build cache is shared, and -trimpath lets a package that is the same in
// another input or directory come from it (and keeps dir out of errors).
func runGenerated(dir string) (string, error) {
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	bin := filepath.Join(dir, "prog")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./run")
	build.Dir, build.Env = dir, env
	if out, err := build.CombinedOutput(); err != nil {
		return "build: " + string(out) + err.Error() + "\n", nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		return "", fmt.Errorf("running the generated program: %v", err)
	}
	return fmt.Sprintf("%sexit %d\n", out, code), nil
}

// The oracle on a few seeds that convert, with the go command (a few
// seconds), so that the meaning check itself is tested without fuzzing.
func TestPlannerSeedsMeaning(t *testing.T) {
	e2e.Require(t, "builds and runs each seed's program before and after the rewrite")
	if testing.Short() {
		t.Skip("runs the go command twice per seed (a few seconds); FuzzPlanner's seeds cover the rest")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, i := range meaningSeeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if !checkPlanner(t, plannerSeeds[i], true) {
				t.Errorf("seed %v converts nothing: the oracle did not run", plannerSeeds[i])
			}
		})
	}
}

// meaningSeeds are the indexes in plannerSeeds that TestPlannerSeedsMeaning
// runs.
var meaningSeeds = []int{1, 2, 3}

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
		for _, g := range MakePlan(prog, flow.FindTargets(prog, cqmodel.DefaultConfig(), nil)).Groups {
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

// fuzzResult is a Result field's type, as package m writes it; a value of
// it from q.ID, as packages impl and use write it; whether a value of it
// is set (%s is the value); and a new value from the one Result holds, for
// producers that read Result before writing it ("" where the type has
// none: such producers check whether it is set instead).
var fuzzResults = []struct{ typ, value, set, acc string }{
	{"int", "q.ID * 2", "%s != 0", "q.Result + q.ID"},
	{"string", `"s"`, `%s != ""`, `q.Result + "s"`},
	{"[]int", "[]int{q.ID}", "%s != nil", "append(q.Result, q.ID)"},
	{"*Thing", "&m.Thing{N: q.ID}", "%s != nil", ""},
	{"map[string]int", `map[string]int{"a": q.ID}`, "%s != nil", ""},
	{"bool", "q.ID > 0", "%s", "!q.Result"},
}

// fuzzType is what package main needs to know of a generated query type
// to run its callers.
type fuzzType struct {
	impl   string // the type implementing its interface: Store or Service
	fake   bool   // whether FakeT<i> implements it too
	noErr  bool   // its producers return no error
	result int    // its index in fuzzResults
}

// fuzzCaller is a generated caller: its name, and what it is given to
// call (s: a Store, v: a Service, impl: nothing, x: the interface of type
// typ).
type fuzzCaller struct {
	name, recv string
	typ        int
}

// genProgram writes packages m (the queries and their interfaces), impl
// (producers), use (callers) and run (a main package running every caller
// on a few IDs and printing what each observes) from the fuzz input.
// Everything the program prints is deterministic, so that two runs, before
// and after a rewrite, print the same when the program means the same.
func genProgram(data []byte) map[string]string {
	r := &fuzzBytes{b: data}
	var m, impl, use strings.Builder
	m.WriteString(`package m

import "fmt"

type Thing struct{ N int }

// String prints a Thing inside other values too, where fmt would print
// the pointer, which differs between runs.
func (t *Thing) String() string {
	if t == nil {
		return "nil"
	}
	return fmt.Sprintf("&Thing{%d}", t.N)
}
`)
	impl.WriteString(`package impl

import "example.com/fz/m"

type strErr string

func (e strErr) Error() string { return string(e) }

var errNeg error = strErr("negative")

// ErrFake is what a fake returns when told to fail.
var ErrFake error = strErr("fake")

type Store struct{ n int }

type Service struct{ store *Store }

func NewStore() *Store { return &Store{} }

func NewService() *Service { return &Service{store: &Store{}} }

func (s *Store) check() error { return nil }

func load[T any](p *T, v T) error {
	*p = v
	return nil
}

var Handlers []any
`)
	use.WriteString(`package use

import (
	"fmt"

	"example.com/fz/impl"
	"example.com/fz/m"
)

// sink prints what a caller observes.
func sink(v any) { fmt.Printf("%+v\n", v) }

// check prints an error a caller sees.
func check(err error) { fmt.Println("err:", err) }

var _ = impl.Handlers
var _ m.Thing
`)
	var types []fuzzType
	var callers []fuzzCaller
	var storeErr []int // types with a (*Store).GetT<i>(q) error
	n := 1 + r.pick(3)
	for i := 0; i < n; i++ {
		ri := r.pick(len(fuzzResults))
		res := fuzzResults[ri]
		q := fmt.Sprintf("GetT%dQuery", i)
		fn := fmt.Sprintf("GetT%d", i)
		fmt.Fprintf(&m, "\ntype %s struct {\n\tID     int\n\tResult %s\n}\n", q, res.typ)
		shape := r.pick(17)
		noErr := shape == 3
		recv, callee := "s *Store", "s"
		sig := "(q *m." + q + ") error"
		if noErr {
			sig = "(q *m." + q + ")"
		}
		v := res.value
		set := func(e string) string { return fmt.Sprintf(res.set, e) }
		store := func(body string) {
			fmt.Fprintf(&impl, "\nfunc (%s) %s%s {\n%s}\n", recv, fn, sig, body)
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
		case 11: // an early return with a nil error, without writing
			store("\tif q.ID == 0 {\n\t\treturn nil\n\t}\n\tq.Result = " + v + "\n\treturn nil\n")
		case 12: // reads Result before writing it: appends, adds, negates
			if res.acc != "" {
				store("\tq.Result = " + res.acc + "\n\treturn nil\n")
				break
			}
			fallthrough
		case 13: // a cache check: keeps what Result holds
			store("\tif " + set("q.Result") + " {\n\t\treturn nil\n\t}\n\tq.Result = " + v + "\n\treturn nil\n")
		case 14: // a forwarder trying the store again when it produced nothing
			switch r.pick(3) {
			case 0:
				store("\tq.Result = " + v + "\n\treturn nil\n")
			case 1:
				store("\tif q.ID > 0 {\n\t\tq.Result = " + v + "\n\t}\n\treturn nil\n")
			default:
				if res.acc != "" {
					store("\tq.Result = " + res.acc + "\n\treturn nil\n")
				} else {
					store("\tif q.ID%2 == 0 {\n\t\treturn errNeg\n\t}\n\tq.Result = " + v + "\n\treturn nil\n")
				}
			}
			fmt.Fprintf(&impl, "\nfunc (v *Service) %s%s {\n\tif err := v.store.%s(q); err != nil || %s {\n\t\treturn err\n\t}\n\tq.ID++\n\treturn v.store.%s(q)\n}\n", fn, sig, fn, set("q.Result"), fn)
			callee = "v"
		case 15: // panics after writing
			store("\tq.Result = " + v + "\n\tif q.ID > 5 {\n\t\tpanic(\"big id\")\n\t}\n\treturn nil\n")
		case 16: // forwards to another type's producer with a query of its own
			if len(storeErr) == 0 {
				store("\tq.Result = " + v + "\n\treturn nil\n")
				break
			}
			j := storeErr[r.pick(len(storeErr))]
			store(fmt.Sprintf("\tq%[1]d := m.GetT%[1]dQuery{ID: q.ID - 1}\n\tif err := s.GetT%[1]d(&q%[1]d); err != nil {\n\t\treturn err\n\t}\n\tif %[2]s {\n\t\tq.Result = %[3]s\n\t}\n\treturn nil\n",
				j, fmt.Sprintf(fuzzResults[types[j].result].set, fmt.Sprintf("q%d.Result", j)), v))
		}
		if shape != 2 && shape != 3 {
			storeErr = append(storeErr, i)
		}
		t := fuzzType{impl: "Store", noErr: noErr, result: ri}
		if callee == "v" {
			t.impl = "Service"
		}
		// An interface for it, used by some callers, and implemented by a
		// fake recording the IDs or the queries it is given.
		iface := callee != "impl" && r.pick(2) == 1
		if iface {
			fmt.Fprintf(&m, "\ntype T%dService interface {\n\t%s%s\n}\n", i, fn, strings.ReplaceAll(sig, "m.", ""))
			fmt.Fprintf(&impl, "\nvar _ m.T%dService = (*%s)(nil)\n", i, t.impl)
			if t.fake = r.pick(2) == 1; t.fake {
				seen, rec := "[]int", "q.ID"
				if r.pick(2) == 1 {
					seen, rec = "[]m."+q, "*q"
				}
				body := "\tf.Seen = append(f.Seen, " + rec + ")\n"
				switch {
				case noErr:
					body += "\tq.Result = " + v + "\n"
				case r.pick(2) == 0:
					body += "\tq.Result = " + v + "\n\treturn f.Err\n"
				default:
					body += "\tif f.Err != nil {\n\t\treturn f.Err\n\t}\n\tq.Result = " + v + "\n\treturn nil\n"
				}
				fmt.Fprintf(&impl, "\n// FakeT%[1]d records what it is given.\ntype FakeT%[1]d struct {\n\tSeen %[2]s\n\tErr  error\n}\n\nvar _ m.T%[1]dService = (*FakeT%[1]d)(nil)\n\nfunc (f *FakeT%[1]d) %[3]s%[4]s {\n%[5]s}\n", i, seen, fn, sig, body)
			}
		}
		types = append(types, t)
		params := map[string]string{"s": "s *impl.Store, ", "v": "v *impl.Service, ", "impl": ""}
		for c, calls := 0, 1+r.pick(2); c < calls; c++ {
			recvName, param := callee, params[callee]
			if iface && r.pick(2) == 1 {
				recvName, param = "x", fmt.Sprintf("x m.T%dService, ", i)
			}
			name := fmt.Sprintf("Use%d_%d", i, c)
			writeCaller(&use, r, name, param, recvName+"."+fn, "m."+q, v, noErr)
			callers = append(callers, fuzzCaller{name: name, recv: recvName, typ: i})
		}
	}
	return map[string]string{
		"go.mod":       "module example.com/fz\n\ngo 1.22\n",
		"m/m.go":       m.String(),
		"impl/impl.go": impl.String(),
		"use/use.go":   use.String(),
		"run/run.go":   genMain(types, callers),
	}
}

// fuzzIDs are the IDs package main runs each caller with: the producers
// branch on negative, zero, positive and large IDs, and the callers
// reusing a query go on with smaller ones.
const fuzzIDs = "-1, 0, 1, 6"

// genMain writes package main: it runs every caller with every ID and
// every implementation it can take (a fresh one each time; a fake that
// succeeds and one that fails), each in its own function recovering a
// panic, and prints what the caller returns and what a fake recorded.
func genMain(types []fuzzType, callers []fuzzCaller) string {
	var b strings.Builder
	b.WriteString(`package main

import (
	"fmt"

	"example.com/fz/impl"
	"example.com/fz/use"
)

// run runs one caller and prints what it returns, or the panic it ends
// in, so that one panic does not hide the callers after it.
func run(name string, f func() int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("panic:", r)
		}
	}()
	fmt.Println("--", name)
	fmt.Println("return", f())
}

var _ = impl.NewStore

func main() {
	for _, id := range []int{` + fuzzIDs + `} {
`)
	for _, c := range callers {
		switch c.recv {
		case "s", "v":
			ctor := map[string]string{"s": "impl.NewStore()", "v": "impl.NewService()"}[c.recv]
			fmt.Fprintf(&b, "\t\trun(fmt.Sprint(%q, id), func() int { return use.%s(%s, id) })\n", c.name+" "+ctor+" ", c.name, ctor)
		case "impl":
			fmt.Fprintf(&b, "\t\trun(fmt.Sprint(%q, id), func() int { return use.%s(id) })\n", c.name+" ", c.name)
		case "x":
			t := types[c.typ]
			ctor := "impl.New" + t.impl + "()"
			fmt.Fprintf(&b, "\t\trun(fmt.Sprint(%q, id), func() int { return use.%s(%s, id) })\n", c.name+" "+ctor+" ", c.name, ctor)
			if !t.fake {
				continue
			}
			fakes := []string{fmt.Sprintf("&impl.FakeT%d{}", c.typ)}
			if !t.noErr {
				fakes = append(fakes, fmt.Sprintf("&impl.FakeT%d{Err: impl.ErrFake}", c.typ))
			}
			for _, f := range fakes {
				fmt.Fprintf(&b, "\t\t{\n\t\t\tf := %s\n\t\t\trun(fmt.Sprint(%q, id), func() int { return use.%s(f, id) })\n\t\t\tfmt.Printf(\"seen %%+v\\n\", f.Seen)\n\t\t}\n", f, c.name+" "+f+" ", c.name)
			}
		}
	}
	b.WriteString("\t}\n}\n")
	return b.String()
}

// writeCaller writes a function calling call (a producer of query type q,
// whose Result value is written v) in one of several shapes, on a query
// With the ID it is given.
func writeCaller(b *strings.Builder, r *fuzzBytes, name, params, call, q, v string, noErr bool) {
	fmt.Fprintf(b, "\nfunc %s(%sid int) int {\n", name, params)
	ptr := r.pick(2) == 1
	arg := "&q"
	if ptr {
		fmt.Fprintf(b, "\tq := &%s{ID: id}\n", q)
		arg = "q"
	} else {
		fmt.Fprintf(b, "\tq := %s{ID: id}\n", q)
	}
	shapes := callerShapes
	if noErr {
		shapes = callerShapesNoErr
	}
	fmt.Fprintf(b, shapes[r.pick(len(shapes))], call+"("+arg+")", v)
	b.WriteString("\treturn 1\n}\n")
}

// callerShapes are the bodies of callers, %[1]s being the call of a
// producer that returns an error and %[2]s a value of Result; some shapes
// convert, some refuse.
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
	// The go statement's argument is evaluated before it runs; waiting
	// for it keeps the output deterministic.
	"\tdone := make(chan bool)\n\tgo func(err error) {\n\t\tcheck(err)\n\t\tdone <- true\n\t}(%[1]s)\n\t<-done\n",
	// V is exported so that fmt prints a *Thing in it with its String.
	"\tcheck(%[1]s)\n\tw := struct{ V any }{q.Result}\n\tsink(w)\n",
	"\tif err := %[1]s; err == nil {\n\t\tsink(q.Result)\n\t} else {\n\t\tsink(err)\n\t}\n\tsink(q.Result)\n",
	"\tvar results []any\n\tfor i := 0; i < 2; i++ {\n\t\tcheck(%[1]s)\n\t\tresults = append(results, q.Result)\n\t}\n\tsink(results)\n",
	"\tcheck(%[1]s)\n\tsink(q.Result)\n\tq.ID = id - 1\n\tcheck(%[1]s)\n\tsink(q.Result)\n",
	"\tfor i := 0; i < 3; i++ {\n\t\tq.ID = id - i\n\t\tif err := %[1]s; err != nil {\n\t\t\tcheck(err)\n\t\t\tcontinue\n\t\t}\n\t\tsink(q.Result)\n\t}\n",
	"\tfor i := 0; i < 3; i++ {\n\t\tq.ID = id - i\n\t\tcheck(%[1]s)\n\t\tsink(q.Result)\n\t}\n",
	"\tcheck(%[1]s)\n\tfmt.Printf(\"%%+v\\n\", q)\n",
	"\tdefer func() { sink(q.Result) }()\n\tcheck(%[1]s)\n",
	"\tdefer func() {\n\t\tif r := recover(); r != nil {\n\t\t\tsink(r)\n\t\t\tsink(q.Result)\n\t\t}\n\t}()\n\tcheck(%[1]s)\n\tsink(q.Result)\n",
	"\tq.Result = %[2]s\n\tcheck(%[1]s)\n\tsink(q.Result)\n",
	"\tif err := %[1]s; err != nil {\n\t\tcheck(err)\n\t\treturn 0\n\t}\n\tsink(q.Result)\n\tq.ID = id - 1\n\tif err := %[1]s; err != nil {\n\t\tcheck(err)\n\t\treturn 2\n\t}\n\tsink(q.Result)\n",
	"\terr := %[1]s\n\tcheck(err)\n\tif err != nil {\n\t\treturn 0\n\t}\n\treturn len(fmt.Sprint(q.Result))\n",
}

// callerShapesNoErr are callers of a producer without an error result.
var callerShapesNoErr = []string{
	"\t%[1]s\n\tsink(q.Result)\n",
	"\t%[1]s\n\t%[1]s\n\tsink(q.Result)\n",
	"\tfor i := 0; i < 2; i++ {\n\t\t%[1]s\n\t\tsink(q.Result)\n\t}\n",
	"\t%[1]s\n\tsink(q.Result)\n\tq.ID = id - 1\n\t%[1]s\n\tsink(q.Result)\n",
	"\tdefer func() { sink(q.Result) }()\n\t%[1]s\n",
	"\t%[1]s\n\tfmt.Printf(\"%%+v\\n\", q)\n",
	"\tq.Result = %[2]s\n\t%[1]s\n\tsink(q.Result)\n",
}

// fuzzLoad writes files to dir and type-checks its packages (m, impl,
// use and the main package run) in process,
// in import order, into a Program as Load would make it (without tests or
// other configurations, which the generator does not write).
func fuzzLoad(dir string, files map[string]string) (*program.Program, error) {
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
	prog := program.NewProgram(dir, []program.Module{{Path: modPath, Dir: dir}}, nil)
	mod := &packages.Module{Path: modPath, Main: true, Dir: dir, GoVersion: "1.22"}
	byPath := map[string]*packages.Package{}
	sizes := types.SizesFor("gc", "amd64")
	// The standard library (fmt, which the generated program prints
	// With) comes from the compiler's export data, into this program's
	// file set; the go command finds it once per process.
	std := importer.ForCompiler(prog.Fset, "gc", nil)
	stdPkgs := map[string]*packages.Package{}
	for _, pkgDir := range []string{"m", "impl", "use", "run"} {
		name := filepath.Join(dir, pkgDir, pkgDir+".go")
		f, err := parser.ParseFile(prog.Fset, name, files[pkgDir+"/"+pkgDir+".go"], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		p := &packages.Package{
			ID: modPath + "/" + pkgDir, Name: f.Name.Name, PkgPath: modPath + "/" + pkgDir, Fset: prog.Fset,
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
			Importer: importFunc(func(path string) (*types.Package, error) {
				ip := byPath[path]
				if ip == nil {
					if !strings.Contains(path, ".") {
						if stdPkgs[path] == nil {
							tp, err := std.Import(path)
							if err != nil {
								return nil, err
							}
							stdPkgs[path] = &packages.Package{ID: path, PkgPath: path, Name: tp.Name(), Types: tp, Fset: prog.Fset}
						}
						p.Imports[path] = stdPkgs[path]
						return stdPkgs[path].Types, nil
					}
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
		prog.Selected[p.PkgPath] = true
		prog.ConfigOf[p] = 0
	}
	prog.AssignOwners()
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

// importFunc is a types.Importer made of a function.
type importFunc func(path string) (*types.Package, error)

func (f importFunc) Import(path string) (*types.Package, error) { return f(path) }
