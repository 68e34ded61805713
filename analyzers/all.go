// Package analyzers lists the cq analyzers. Each rule lives in a package of
// its own below this one; cqmodel holds the policy they share, suppress the
// //cqlint:ignore comments and the reporting path.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/events"
	"github.com/cqtools/cq/analyzers/naming"
	"github.com/cqtools/cq/analyzers/resultfield"
	"github.com/cqtools/cq/analyzers/signature"
	"github.com/cqtools/cq/analyzers/suppress"
)

// All is every analyzer cqlint runs. cqmodel and suppress report only
// malformed directives and suppressions; listing them here also puts their
// flags on the command line (-cqmodel.query-suffixes=...).
var All = []*analysis.Analyzer{
	cqmodel.Analyzer,
	suppress.Analyzer,
	resultfield.Analyzer,
	signature.Analyzer,
	naming.Analyzer,
	events.Analyzer,
}
