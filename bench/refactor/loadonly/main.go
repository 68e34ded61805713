// Command loadonly is the baseline of the cqgen refactor benchmark: it
// loads the packages the way cqgen refactor does (program.LoadMode, tests
// included) and does nothing else. With -also-tags, it loads them once
// more with those build tags and keeps both loads in memory, as cqgen
// refactor --configs tags=... does.
//
//	loadonly [-also-tags a,b] [packages]   (default ./...)
package main

import (
	"flag"
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/refactor/program"
)

func main() {
	alsoTags := flag.String("also-tags", "", "build tags of a second configuration to load besides the environment's")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	configs := [][]string{nil}
	if *alsoTags != "" {
		configs = append(configs, []string{"-tags=" + *alsoTags})
	}
	var loads [][]*packages.Package
	for _, flags := range configs {
		pkgs, err := packages.Load(&packages.Config{Mode: program.LoadMode, Tests: true, BuildFlags: flags}, patterns...)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if packages.PrintErrors(pkgs) > 0 {
			os.Exit(1)
		}
		loads = append(loads, pkgs)
	}
	for _, pkgs := range loads {
		fmt.Println(len(pkgs), "packages")
	}
}
