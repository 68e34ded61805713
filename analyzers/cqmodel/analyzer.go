package cqmodel

import (
	_ "embed"
	"flag"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers/internal/analysisutil"
)

// Analyzer classifies a package's types for the other cq analyzers, which
// take its *Info result, and reports //cq: directives that are malformed
// or that cqgen generate would reject (as "directive: ...", with cqgen's
// message: both ask Info.ServiceMethods).
//
// It exports no facts on purpose: an analyzer with facts makes go vet and
// the standalone driver analyze every dependency, the standard library
// included, which would cost more than all the rules together. Types from
// other packages are judged by what their type shows (Config.ImportedKind).
//
// Its flags (-cqmodel.command-suffixes, ...) set the policy for every cq
// analyzer at once.
var Analyzer = &analysis.Analyzer{
	Name:       strings.TrimSuffix(FlagPrefix, "."),
	Doc:        analysisutil.ExtractDoc(doc),
	URL:        "https://github.com/cqtools/cq/blob/main/docs/rules/cqmodel.md",
	Run:        run,
	ResultType: reflect.TypeOf((*Info)(nil)),
	Flags:      policyFlags(),
}

//go:embed doc.go
var doc string

// config is the policy the Analyzer's flags set.
var config = DefaultConfig()

// policyFlags are the Analyzer's flags, made in its declaration and not
// by an init function: a driver that links the analyzers (nogo, the
// golangci-lint plugin) runs no code of ours but variable initializers.
func policyFlags() flag.FlagSet {
	var fs flag.FlagSet
	config.RegisterFlags(&fs, "")
	return fs
}

func run(pass *analysis.Pass) (any, error) {
	module := ""
	if pass.Module != nil {
		module = pass.Module.Path
	}
	in := ClassifyModule(config, pass.Files, pass.Pkg, pass.TypesInfo, nil, module)
	// The directives as cqgen generate would take them: the two agree.
	// cqgen reads no directive of a _test.go file, so a directive there
	// is one error, whatever its text says.
	var tests []*DirectiveError
	for _, f := range pass.Files {
		if strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), "_test.go") {
			tests = append(tests, TestFileDirectives(f)...)
		}
	}
	inTest := func(e *DirectiveError) bool {
		return strings.HasSuffix(pass.Fset.File(e.Pos).Name(), "_test.go")
	}
	_, invalid := in.ServiceMethods(pass.Fset, "")
	errs := slices.Concat(in.DirectiveErrors, invalid)
	errs = slices.DeleteFunc(errs, inTest)
	for _, e := range slices.Concat(errs, tests) {
		pass.Reportf(e.Pos, "directive: %s", e.Msg)
	}
	return in, nil
}
