package refactor

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/apply"
	"github.com/cqtools/cq/refactor/emit"
	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/plan"
	"github.com/cqtools/cq/refactor/program"
)

// stepsModule writes a two-package module and returns its directory.
func stepsModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"m.go": `package m

import "context"

type GetAQuery struct {
	ID     int
	Result int
}

func GetA(ctx context.Context, q *GetAQuery) error {
	q.Result = q.ID
	return nil
}
`,
		"use/use.go": `package use

import (
	"context"

	"example.com/m"
)

func Use(ctx context.Context) int {
	q := m.GetAQuery{ID: 1}
	_ = m.GetA(ctx, &q)
	return q.Result
}
`,
	} {
		writeFile(t, filepath.Join(dir, name), []byte(src))
	}
	return dir
}

// The plan step alone: targets, the functions it rewrites, and edits in
// both packages, before anything is applied.
func TestMakePlan(t *testing.T) {
	dir := stepsModule(t)
	prog, err := program.Load(dir, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	targets := flow.FindTargets(prog, cqmodel.DefaultConfig(), nil)
	if len(targets) != 1 || targets[0].Name != "example.com/m.GetAQuery" || targets[0].Short != "m.GetAQuery" {
		t.Fatalf("targets = %v", targets)
	}
	pl := plan.MakePlan(prog, targets)
	if len(pl.Groups) != 1 || len(pl.Converted()) != 1 {
		t.Fatalf("plan = %+v", pl.Groups)
	}
	g := pl.Groups[0]
	if len(g.Funcs) != 1 || !strings.HasSuffix(g.Funcs[0], "m.go:10:6 GetA") || g.Calls != 1 {
		t.Errorf("funcs %v, calls %d", g.Funcs, g.Calls)
	}
	files := map[string]bool{}
	for _, e := range g.Edits {
		files[filepath.Base(e.File)] = true
	}
	if !files["m.go"] || !files["use.go"] {
		t.Errorf("edits in %v, want m.go and use.go", files)
	}
}

// The verify step alone: a change that breaks a dependent package is
// reported with its position in the rewritten file.
func TestVerifyReportsDependents(t *testing.T) {
	dir := stepsModule(t)
	prog, err := program.Load(dir, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var mgo string // as the loader names it
	for name := range prog.Files {
		if filepath.Base(name) == "m.go" {
			mgo = name
		}
	}
	src, _ := os.ReadFile(mgo)
	broken := strings.Replace(string(src), "q *GetAQuery) error", "q *GetAQuery) (int, error)", 1)
	errs, err := apply.Verify(prog, map[string][]byte{mgo: []byte(broken)})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Msg)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "m.go:12:9: not enough return values") || !strings.Contains(all, "use.go:11:6: assignment mismatch") {
		t.Errorf("type errors:\n%s", all)
	}
	// The unchanged tree verifies cleanly.
	if errs, err := apply.Verify(prog, map[string][]byte{mgo: src}); err != nil || len(errs) > 0 {
		t.Errorf("unchanged: %v %v", errs, err)
	}
}

// The write step alone: it goes through the writer package, so a
// failing step leaves every file as it was, and a file edited on disk
// after the rewrite read it is not overwritten.
func TestWriteFiles(t *testing.T) {
	dir := stepsModule(t)
	prog, err := program.Load(dir, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	pl := plan.MakePlan(prog, flow.FindTargets(prog, cqmodel.DefaultConfig(), nil))
	files, err := plan.Rewrite(prog, pl)
	if err != nil || len(files) != 2 {
		t.Fatalf("Rewrite = %d files, %v", len(files), err)
	}
	old := map[string]string{}
	for name := range files {
		b, _ := os.ReadFile(name)
		old[name] = string(b)
	}
	unchanged := func(what string) {
		t.Helper()
		for name, want := range old {
			if got, _ := os.ReadFile(name); string(got) != want {
				t.Errorf("%s: %s changed", what, name)
			}
		}
		entries, _ := filepath.Glob(filepath.Join(dir, "*", ".*.cqgen-*"))
		more, _ := filepath.Glob(filepath.Join(dir, ".*.cqgen-*"))
		if len(entries)+len(more) > 0 {
			t.Errorf("%s: temporary files left: %v %v", what, entries, more)
		}
	}
	for k := 1; k <= 8; k++ { // the journal's three steps, then phase 1
		t.Setenv("CQGEN_TEST_WRITER", fmt.Sprintf("fail=%d", k))
		if err := apply.WriteFiles(prog, files); err == nil || !strings.Contains(err.Error(), "nothing was written") {
			t.Errorf("step %d failing: apply.WriteFiles = %v", k, err)
		}
		unchanged(fmt.Sprintf("step %d failing", k))
	}
	t.Setenv("CQGEN_TEST_WRITER", "")

	var use string
	for name := range files {
		if filepath.Base(name) == "use.go" {
			use = name
		}
	}
	edited := old[use] + "\n// edited meanwhile\n"
	if err := os.WriteFile(use, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	old[use] = edited
	if err := apply.WriteFiles(prog, files); err == nil || !strings.Contains(err.Error(), use+" changed on disk") {
		t.Errorf("apply.WriteFiles over an edited file = %v", err)
	}
	unchanged("an edited file")
}

// The last line of defence: a file that is not a parsed source file of a
// main module is never written, whatever the plan says.
func TestCheckEditable(t *testing.T) {
	dir := stepsModule(t)
	writeFile(t, filepath.Join(dir, "vendor", "example.com", "dep", "dep.go"), []byte("package dep\n"))
	writeFile(t, filepath.Join(dir, "nested", "go.mod"), []byte("module example.com/nested\n\ngo 1.22\n"))
	writeFile(t, filepath.Join(dir, "nested", "n.go"), []byte("package nested\n"))
	prog, err := program.Load(dir, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var mgo string
	for name := range prog.Files {
		if filepath.Base(name) == "m.go" {
			mgo = name
		}
	}
	if err := checkEditable(prog, map[string][]byte{mgo: nil}); err != nil {
		t.Errorf("a source file of the module: %v", err)
	}
	for _, name := range []string{
		filepath.Join(dir, "vendor", "example.com", "dep", "dep.go"),
		filepath.Join(dir, "nested", "n.go"),
		filepath.Join(t.TempDir(), "elsewhere.go"),
		filepath.Join(goEnv(t, "GOMODCACHE"), "example.com", "x@v1.0.0", "x.go"),
		filepath.Join(dir, "m_generated.go"),
	} {
		err := checkEditable(prog, map[string][]byte{mgo: nil, name: nil})
		if err == nil || !strings.Contains(err.Error(), "internal error") || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want an internal error naming it", name, err)
		}
	}
}

// A module reached through a symbolic link (as /tmp is on macOS) is
// compared resolved: its files are rewritable, and checkEditable passes
// them. A file linked in from another module is not: checkEditable
// stops, naming it.
func TestLinkedModuleRoot(t *testing.T) {
	real := stepsModule(t)
	base := t.TempDir()
	via := filepath.Join(base, "via")
	if err := os.Symlink(real, via); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(base, "other", "go.mod"), []byte("module example.com/other\n\ngo 1.22\n"))
	writeFile(t, filepath.Join(base, "other", "o.go"), []byte("package linked\n"))
	if err := os.MkdirAll(filepath.Join(real, "linked"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(base, "other", "o.go"), filepath.Join(real, "linked", "o.go")); err != nil {
		t.Fatal(err)
	}
	prog, err := program.Load(via, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var linked string
	for name := range prog.Files {
		if filepath.Base(name) == "o.go" {
			linked = name
			continue
		}
		if reason := prog.NotRewritable(name); reason != "" {
			t.Errorf("%s: %s", name, reason)
		}
		if err := checkEditable(prog, map[string][]byte{name: nil}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if linked == "" {
		t.Fatal("linked/o.go not loaded")
	}
	if reason := prog.NotRewritable(linked); !strings.Contains(reason, "linked/o.go is a symbolic link to "+filepath.Join(base, "other", "o.go")+", outside the main modules") {
		t.Errorf("linked/o.go: %q", reason)
	}
	if err := checkEditable(prog, map[string][]byte{linked: nil}); err == nil || !strings.Contains(err.Error(), linked) {
		t.Errorf("checkEditable(linked/o.go) = %v", err)
	}
}

// The analysis step alone, then emission: the analysis describes the
// type (its members, its call groups with their reads) and emitting it
// twice, each time with a fresh name reservation, gives the same edits,
// so emission reads the analysis without changing it.
func TestAnalyzeThenEmit(t *testing.T) {
	dir := stepsModule(t)
	prog, err := program.Load(dir, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	targets := flow.FindTargets(prog, cqmodel.DefaultConfig(), nil)
	pl := &flow.Analyzer{Prog: prog, Index: flow.BuildIndex(prog, targets)}
	a := pl.Analyze(targets[0])
	if len(a.Refusals) > 0 || a.Form != flow.FormConvert || len(a.Keys) != 1 || a.Calls != 1 {
		t.Fatalf("analysis: refusals %v, form %d, members %v, calls %d", a.Refusals, a.Form, a.Keys, a.Calls)
	}
	if g := a.Groups; len(g) != 1 || g[0].FuncDecl.Name.Name != "Use" || g[0].Obj.Name() != "q" || len(g[0].Reads) != 1 || g[0].Fwd != nil {
		t.Fatalf("call groups: %+v", g)
	}
	first := emit.Emit(pl, a, emit.Names{}, nil)
	second := emit.Emit(pl, a, emit.Names{}, nil)
	if len(first.Refusals) > 0 || len(first.Edits) == 0 || fmt.Sprint(first.Edits) != fmt.Sprint(second.Edits) {
		t.Errorf("emissions differ or refuse:\n%v\n%v\n%v", first.Edits, second.Edits, first.Refusals)
	}
	// A name reserved by one emitter is not taken again by the next in
	// the same table.
	names := emit.Names{}
	emit.Emit(pl, a, names, nil)
	if got := emit.Emit(pl, a, names, nil); fmt.Sprint(got.Edits) == fmt.Sprint(first.Edits) {
		t.Errorf("a second emitter sharing the name table reused the names: %v", got.Edits)
	}
}

// A verification failure blames the types with an edit in the failing
// file, with every type error of theirs as a reason (each once); the next
// plan, made with that feedback, refuses them, and the failed plan stays
// as it was.
func TestBlame(t *testing.T) {
	dir := stepsModule(t)
	prog, err := program.Load(dir, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	planner := plan.NewPlanner(prog, flow.FindTargets(prog, cqmodel.DefaultConfig(), nil), flow.Options{})
	pl := planner.Plan(plan.Feedback{})
	g := pl.Groups[0]
	file := g.Edits[0].File
	errs := []apply.TypeError{
		{File: file, Msg: "use.go:11:2: first"},
		{File: file, Msg: "use.go:12:9: second"},
		{File: file, Msg: "use.go:11:2: first"},
	}
	blamed, ok := blame(prog, pl, errs)
	if !ok {
		t.Fatal("blame found no type to blame")
	}
	if len(g.Refusals) > 0 || len(g.Edits) == 0 {
		t.Errorf("blame changed the plan: refusals %v, %d edits", g.Refusals, len(g.Edits))
	}
	next := planner.Plan(plan.Feedback{Refuse: blamed})
	var got []string
	for _, r := range next.Groups[0].Refusals {
		got = append(got, r.Type+": "+r.Reason)
	}
	want := []string{
		"m.GetAQuery: the converted code would not type-check: use.go:11:2: first",
		"m.GetAQuery: the converted code would not type-check: use.go:12:9: second",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || next.Groups[0].Edits != nil {
		t.Errorf("refusals %q (edits %d), want %q", got, len(next.Groups[0].Edits), want)
	}
}

// goEnv is the go command's value of the variable name.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}
