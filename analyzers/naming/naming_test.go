package naming_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqtools/cq/analyzers/naming"
)

func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), naming.Analyzer, "naming/a")
}

func TestFlags(t *testing.T) {
	set := func(name, value string) {
		old := naming.Analyzer.Flags.Lookup(name).Value.String()
		if err := naming.Analyzer.Flags.Set(name, value); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { naming.Analyzer.Flags.Set(name, old) })
	}
	set("verbs", "frobnicate,spin:spun:spun")
	set("nonverbs", "alert")
	set("predicates", "Has")
	analysistest.Run(t, analysistest.TestData(), naming.Analyzer, "naming/flags")
}
