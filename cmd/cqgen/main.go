// Command cqgen generates service interfaces, test doubles and (U, error)
// methods from //cq: directives, and refactors legacy Result fields away
// across a whole module.
package main

import (
	"os"

	"github.com/cqtools/cq/cmd/cqgen/internal/cli"
)

func main() { os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr)) }
