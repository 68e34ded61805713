// Command loadonly is the baseline of the cqgen refactor benchmark: it
// loads the packages the way cqgen refactor does (refactor.LoadMode, tests
// included) and does nothing else.
//
//	loadonly [packages]   (default ./...)
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/refactor"
)

func main() {
	patterns := os.Args[1:]
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: refactor.LoadMode, Tests: true}, patterns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if packages.PrintErrors(pkgs) > 0 {
		os.Exit(1)
	}
	fmt.Println(len(pkgs), "packages")
}
