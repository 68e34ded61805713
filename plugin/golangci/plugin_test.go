package golangci

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/signature"
)

// restore puts the flags a test may set back to their values.
func restore(t *testing.T) {
	for _, a := range analyzers.All {
		a.Flags.VisitAll(func(f *flag.Flag) {
			old := f.Value.String()
			t.Cleanup(func() { f.Value.Set(old) })
		})
	}
}

func TestSettings(t *testing.T) {
	restore(t)
	p, err := New(map[string]any{
		"cqmodel":   map[string]any{"query-suffixes": []any{"Query", "Request"}},
		"signature": map[string]any{"root-package": false},
		"disable":   []any{"naming"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := cqmodel.Analyzer.Flags.Lookup("query-suffixes").Value.String(); got != "Query,Request" {
		t.Errorf("query-suffixes = %q", got)
	}
	if got := signature.Analyzer.Flags.Lookup("root-package").Value.String(); got != "false" {
		t.Errorf("root-package = %q", got)
	}
	as, _ := p.BuildAnalyzers()
	if len(as) != len(analyzers.All)-1 {
		t.Errorf("%d analyzers, want all but naming", len(as))
	}
	for _, a := range as {
		if a.Name == "naming" {
			t.Errorf("naming not disabled")
		}
	}
	if p.GetLoadMode() != "typesinfo" {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
}

func TestStrictSettings(t *testing.T) {
	restore(t)
	for name, tc := range map[string]struct {
		settings any
		want     string
	}{
		"analyzer": {map[string]any{"signatures": map[string]any{}}, `cq settings: unknown key "signatures": want disable or an analyzer (cqmodel, suppress, resultfield, signature, naming, events)`},
		"setting":  {map[string]any{"cqmodel": map[string]any{"query-suffix": "Query"}}, `cq settings: cqmodel: unknown setting "query-suffix"`},
		"value":    {map[string]any{"signature": map[string]any{"pointer-args": "sometimes"}}, `cq settings: signature.pointer-args: want allow, require or forbid, not "sometimes"`},
		"type":     {map[string]any{"cqmodel": map[string]any{"query-suffixes": map[string]any{}}}, `cq settings: cqmodel.query-suffixes: want a string, bool, number or list of strings`},
		"empty":    {map[string]any{"cqmodel": map[string]any{"query-suffixes": []any{}}}, `cq settings: cqmodel.query-suffixes: empty: name at least one suffix`},
		"disable":  {map[string]any{"disable": []any{"nameing"}}, `cq settings: disable: unknown analyzer "nameing"`},
		"not map":  {map[string]any{"naming": "off"}, `cq settings: naming: want a map of its flags`},
	} {
		_, err := New(tc.settings)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %s", name, err, tc.want)
		}
	}
}

// golangci-lint puts the analyzer's name in front of each message of a
// linter with several analyzers (pkg/goanalysis buildIssues): the plugin's
// analyzers report without the rule id of cq's messages, so the rule is
// named once ("resultfield: GetThingQuery.Result ... (cq)"). Each still
// runs once per package, and the rules still find their requirements'
// results.
func TestMessagePrefix(t *testing.T) {
	restore(t)
	p, err := New(map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	as, _ := p.BuildAnalyzers()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  "testdata/sample",
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil || len(pkgs) == 0 || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading testdata/sample: %v", err)
	}
	graph, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string]int{}
	var texts []string
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act.Analyzer.Name, act.Err)
		}
		runs[act.Package.ID+" "+act.Analyzer.Name]++
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			// What golangci-lint prints for linter cq.
			text := act.Analyzer.Name + ": " + d.Message
			texts = append(texts, fmt.Sprintf("%d: %s", act.Package.Fset.Position(d.Pos).Line, text))
			if strings.HasPrefix(d.Message, act.Analyzer.Name+": ") {
				t.Errorf("the rule twice: %s", text)
			}
		}
	}
	for run, n := range runs {
		if n != 1 {
			t.Errorf("%s ran %d times", run, n)
		}
	}
	for _, want := range []string{
		"11: resultfield: GetThingQuery.Result (*Thing) is filled in by the query's handler",
		"27: signature: Service.Count is not shaped func(ctx context.Context, args T) (U, error)",
	} {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("no issue %q in:\n%s", want, strings.Join(texts, "\n"))
		}
	}
}

// Only cq's analyzers, and those that require one, are replaced; the
// copies require the copies, other analyzers stay shared.
func TestUnprefixedGraph(t *testing.T) {
	run := func(*analysis.Pass) (any, error) { return nil, nil }
	foreign := &analysis.Analyzer{Name: "foreign", Doc: "d", Run: run}
	other := &analysis.Analyzer{Name: "other", Doc: "d", Run: run, Requires: []*analysis.Analyzer{foreign}}
	model := &analysis.Analyzer{Name: "model", Doc: "d", Run: run, Requires: []*analysis.Analyzer{foreign}}
	rule := &analysis.Analyzer{Name: "rule", Doc: "d", Run: run, Requires: []*analysis.Analyzer{model, foreign}}
	wrapper := &analysis.Analyzer{Name: "wrapper", Doc: "d", Run: run, Requires: []*analysis.Analyzer{rule}}

	got := unprefixed([]*analysis.Analyzer{rule, wrapper, other}, []*analysis.Analyzer{model, rule})
	r, w := got[0], got[1]
	if r == rule || w == wrapper || got[2] != other {
		t.Fatalf("want rule and wrapper copied (wrapper requires a rule), other kept")
	}
	if w.Requires[0] != r || r.Requires[0] == model || r.Requires[0].Name != "model" || r.Requires[1] != foreign || r.Requires[0].Requires[0] != foreign {
		t.Errorf("the copies do not require the copies and the foreign analyzer itself")
	}
	if err := analysis.Validate(got); err != nil {
		t.Error(err)
	}
}
