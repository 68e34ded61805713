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
package main

import (
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/internal/lintdriver"
)

func main() {
	if vetProtocol(os.Args[1:]) {
		unitchecker.Main(analyzers.All...)
	}
	os.Exit(lintdriver.Main(analyzers.All, os.Args[1:], os.Stdout, os.Stderr))
}

// vetProtocol reports whether go vet (or go fix) runs cqlint: it asks for
// the flags (-flags) or the version (-V=full), or hands over one package
// as a *.cfg file after the flags.
func vetProtocol(args []string) bool {
	for _, a := range args {
		if a == "-flags" || a == "--flags" || strings.HasPrefix(a, "-V") || strings.HasPrefix(a, "--V") {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
