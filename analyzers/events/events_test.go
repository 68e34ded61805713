package events_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqtools/cq/analyzers/events"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), events.Analyzer, "evt/a")
}
