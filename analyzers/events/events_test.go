package events_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqtools/cq/analyzers/events"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), events.Analyzer, "evt/a")
}

// In module mode: a suffixed struct of another module is no query (issue
// 11: events judged it by its name alone, signature did not).
func TestOtherModule(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "mod"), events.Analyzer, "example.com/app/...")
}
