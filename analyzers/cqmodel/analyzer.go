package cqmodel

import (
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Analyzer classifies a package's types for the other cq analyzers, which
// take its *Info result. It exports a fact for each exported message type
// so that importers know what it is, and it reports malformed //cq:
// directives (as "directive: ...").
//
// Its flags (-cqmodel.command-suffixes, ...) set the policy for every cq
// analyzer at once.
var Analyzer = &analysis.Analyzer{
	Name:       "cqmodel",
	Doc:        "classify commands, queries, events and services for the cq analyzers; report malformed //cq: directives",
	URL:        "https://github.com/cqtools/cq#directives",
	Run:        run,
	ResultType: reflect.TypeOf((*Info)(nil)),
	FactTypes:  []analysis.Fact{new(MessageFact)},
}

// config is the policy the Analyzer's flags set.
var config = DefaultConfig()

func init() { config.RegisterFlags(&Analyzer.Flags) }

// MessageFact records that an exported type is a command, query or event.
type MessageFact struct{ Kind Kind }

func (*MessageFact) AFact()           {}
func (f *MessageFact) String() string { return f.Kind.String() }

func run(pass *analysis.Pass) (any, error) {
	imported := func(obj *types.TypeName) Kind {
		var f MessageFact
		if pass.ImportObjectFact(obj, &f) {
			return f.Kind
		}
		return NotMessage
	}
	in := Classify(config, pass.Files, pass.Pkg, pass.TypesInfo, imported)
	for _, m := range in.Messages {
		if m.Obj.Exported() {
			pass.ExportObjectFact(m.Obj, &MessageFact{m.Kind})
		}
	}
	for _, e := range in.DirectiveErrors {
		pass.Reportf(e.Pos, "directive: %s", e.Msg)
	}
	return in, nil
}
