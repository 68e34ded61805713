// Command cqlint checks that a Go backend follows the command/query
// conventions: no legacy Result fields, service methods shaped
// func(ctx context.Context, args T) (U, error), commands and queries named
// in the imperative, events in the past tense.
//
// Standalone:
//
//	cqlint [-flags] ./...
//
// Under go vet (and go fix -fixtool):
//
//	go vet -vettool=$(which cqlint) ./...
//
// cqlint -help lists the rules, the output formats, the exit status and
// the flags; cqlint -explain RULE prints a rule's documentation; cqlint
// -V prints the version.
package main

import (
	"os"

	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/internal/lintdriver"
	"github.com/cqtools/cq/internal/vettool"
)

func main() {
	if vettool.Invoked(os.Args[1:]) {
		vettool.Main(analyzers.All...)
	}
	os.Exit(lintdriver.Main(analyzers.All, os.Args[1:], os.Stdout, os.Stderr))
}
