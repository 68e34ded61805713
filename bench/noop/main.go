// Command noop runs an analyzer that does nothing through the same
// drivers as cqlint (internal/lintdriver standalone, unitchecker under go
// vet), so that cqlint's cost can be measured against the driver's floor:
// loading and type-checking the packages. Under go vet it is a plain
// unitchecker tool, without cqlint's answer to facts-only actions
// (internal/vettool): the floor of any vet tool built on x/tools. With
// CQ_NOOP_SHORTCUT=1 in its environment it answers facts-only actions as
// cqlint does, the floor cqlint's analyzers add to under go vet.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/cqtools/cq/internal/lintdriver"
	"github.com/cqtools/cq/internal/vettool"
)

var analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: do nothing, to measure the go/analysis driver alone",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	if vettool.Invoked(os.Args[1:]) {
		if os.Getenv("CQ_NOOP_SHORTCUT") == "1" {
			vettool.Main(analyzer)
		}
		unitchecker.Main(analyzer)
	}
	os.Exit(lintdriver.Main([]*analysis.Analyzer{analyzer}, os.Args[1:], os.Stdout, os.Stderr))
}
