package resultfield_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqtools/cq/analyzers/resultfield"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), resultfield.Analyzer, "models", "store", "mock", "cgo")
}
