package resultfield_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/resultfield"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resultfield.Analyzer, "models", "store", "mock", "cgo", "search", "linked")
}

// The suggested command carries the settings of the run (issue 11).
func TestPolicy(t *testing.T) {
	for name, value := range map[string]string{"query-suffixes": "Query,Request", "require-use": "false"} {
		f := cqmodel.Analyzer.Flags.Lookup(name)
		old := f.Value.String()
		if err := f.Value.Set(value); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Value.Set(old) })
	}
	analysistest.Run(t, analysistest.TestData(), resultfield.Analyzer, "policy")
}
