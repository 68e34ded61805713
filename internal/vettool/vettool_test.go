package vettool

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers"
)

type fact struct{}

func (*fact) AFact() {}

func TestFactsOnly(t *testing.T) {
	plain := &analysis.Analyzer{Name: "plain", Doc: "plain", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	withFacts := &analysis.Analyzer{Name: "facts", Doc: "facts", Run: plain.Run, FactTypes: []analysis.Fact{new(fact)}}
	needsFacts := &analysis.Analyzer{Name: "needs", Doc: "needs", Run: plain.Run, Requires: []*analysis.Analyzer{withFacts}}

	dir := t.TempDir()
	vetx := filepath.Join(dir, "vet.out")
	cfg := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	factsCfg := cfg("facts.cfg", `{"ImportPath": "fmt", "VetxOnly": true, "VetxOutput": "`+filepath.ToSlash(vetx)+`"}`)
	rootCfg := cfg("root.cfg", `{"ImportPath": "example.com/p", "VetxOnly": false, "VetxOutput": "`+filepath.ToSlash(vetx)+`"}`)
	badCfg := cfg("bad.cfg", `{"VetxOnly": tru`)

	for _, tc := range []struct {
		name      string
		args      []string
		analyzers []*analysis.Analyzer
		want      bool
	}{
		{"facts-only action", []string{"-json", factsCfg}, []*analysis.Analyzer{plain}, true},
		{"an analyzer has facts", []string{factsCfg}, []*analysis.Analyzer{plain, withFacts}, false},
		{"a required analyzer has facts", []string{factsCfg}, []*analysis.Analyzer{needsFacts}, false},
		{"the package being vetted", []string{rootCfg}, []*analysis.Analyzer{plain}, false},
		{"unreadable config", []string{badCfg}, []*analysis.Analyzer{plain}, false},
		{"missing config", []string{filepath.Join(dir, "gone.cfg")}, []*analysis.Analyzer{plain}, false},
		{"standalone", []string{"./..."}, []*analysis.Analyzer{plain}, false},
		{"no arguments", nil, []*analysis.Analyzer{plain}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(vetx)
			if got := factsOnly(tc.args, tc.analyzers); got != tc.want {
				t.Fatalf("factsOnly = %v, want %v", got, tc.want)
			}
			data, err := os.ReadFile(vetx)
			switch {
			case tc.want && (err != nil || len(data) != 0):
				t.Errorf("facts file: %q, %v; want an empty file, as unitchecker writes without facts", data, err)
			case !tc.want && !errors.Is(err, os.ErrNotExist):
				t.Errorf("facts file written (%v) for an action left to multichecker", err)
			}
		})
	}
}

// cqlint's analyzers have no facts (cqmodel's documentation says why), so
// go vet's facts-only actions cost it nothing.
func TestCqlintHasNoFacts(t *testing.T) {
	if usesFacts(analyzers.All, map[*analysis.Analyzer]bool{}) {
		t.Error("an analyzer of cqlint has facts: every go vet action on a dependency now parses and type-checks it")
	}
}
