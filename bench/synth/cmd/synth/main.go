// Command synth writes the synthetic Grafana-shaped module of package
// bench/synth into a directory.
//
//	go run ./bench/synth/cmd/synth -services 80 -result-types 120 -call-sites 8 /tmp/synth
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cqtools/cq/bench/synth"
)

func main() {
	opt := synth.DefaultOptions()
	flag.StringVar(&opt.Module, "module", opt.Module, "module path")
	flag.IntVar(&opt.Services, "services", opt.Services, "number of services (four packages each)")
	flag.IntVar(&opt.ResultTypes, "result-types", opt.ResultTypes, "number of legacy Result-field queries (at most 6 per service)")
	flag.IntVar(&opt.CallSites, "call-sites", opt.CallSites, "non-test call sites per Result type")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: synth [flags] dir\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := synth.Generate(flag.Arg(0), opt); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d packages to %s\n", opt.Packages(), flag.Arg(0))
}
