package bench_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/bench/synth"
)

// The packages of the synthetic module, loaded once per test binary the
// way the standalone driver loads them when no analyzer uses facts:
// syntax and types for the module, export data for the rest.
var (
	loadOnce sync.Once
	loaded   []*packages.Package
	loadErr  error
)

func loadSynth(b *testing.B) []*packages.Package {
	loadOnce.Do(func() {
		// CQ_BENCH_TREE names a real tree instead (its ./pkg/..., as
		// scripts/grafana-vet-overhead.sh vets it), so that the
		// analyzers' share of a go vet run can be measured without the
		// go command's noise.
		if tree := os.Getenv("CQ_BENCH_TREE"); tree != "" {
			loaded, loadErr = packages.Load(&packages.Config{
				Mode:  packages.LoadSyntax,
				Dir:   tree,
				Tests: true,
				Env:   append(os.Environ(), "GOWORK=off", "GOPROXY=off"),
			}, strings.Fields(os.Getenv("CQ_BENCH_PATTERNS"))...)
			return
		}
		dir, err := os.MkdirTemp("", "cq-bench")
		if err != nil {
			loadErr = err
			return
		}
		mod := filepath.Join(dir, "synth")
		if loadErr = synth.Generate(mod, synth.DefaultOptions()); loadErr != nil {
			return
		}
		loaded, loadErr = packages.Load(&packages.Config{
			Mode:  packages.LoadSyntax,
			Dir:   mod,
			Tests: true,
			Env:   append(os.Environ(), "GOWORK=off", "GOFLAGS="),
		}, "./...")
	})
	if loadErr != nil {
		b.Fatal(loadErr)
	}
	return loaded
}

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: do nothing",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

// BenchmarkAnalyze runs the analyzers alone, on packages already loaded and
// type-checked, so that their own cost shows without the noise of the
// go command: compare cqlint with noop (the driver's per-package work).
// Heavy: it generates and loads the 322-package module once.
//
//	go test ./bench -run '^$' -bench Analyze -count 5
func BenchmarkAnalyze(b *testing.B) {
	pkgs := loadSynth(b)
	for _, bc := range []struct {
		name string
		as   []*analysis.Analyzer
	}{
		{"noop", []*analysis.Analyzer{noop}},
		{"cqlint", analyzers.All},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := checker.Analyze(bc.as, pkgs, &checker.Options{Sequential: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, a := range analyzers.All {
		b.Run(a.Name, func(b *testing.B) {
			for b.Loop() {
				if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{Sequential: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
