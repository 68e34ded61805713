// Command noop runs an analyzer that does nothing through the same driver
// as cqlint (multichecker), so that cqlint's cost can be measured against
// the driver's floor: loading and type-checking the packages.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

var analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: do nothing, to measure the go/analysis driver alone",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
