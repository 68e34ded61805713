package golangci

import (
	"flag"
	"strings"
	"testing"

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
