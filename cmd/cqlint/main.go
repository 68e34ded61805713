// Command cqlint checks that a Go backend follows the command/query
// conventions: no legacy Result fields, service methods shaped
// func(ctx context.Context, args T) (U, error), commands and queries named
// in the imperative, events in the past tense.
//
// Standalone:
//
//	cqlint [-flags] ./...
//
// Under go vet:
//
//	go vet -vettool=$(which cqlint) ./...
package main

import (
	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/internal/vettool"
)

func main() { vettool.Main(analyzers.All...) }
