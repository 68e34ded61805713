// Command noop runs an analyzer that does nothing through the same driver
// as cqlint (internal/lintdriver standalone, unitchecker under go vet), so
// that cqlint's cost can be measured against the driver's floor: loading
// and type-checking the packages.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/internal/lintdriver"
)

var analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: do nothing, to measure the go/analysis driver alone",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	os.Exit(lintdriver.Main([]*analysis.Analyzer{analyzer}, os.Args[1:], os.Stdout, os.Stderr))
}
