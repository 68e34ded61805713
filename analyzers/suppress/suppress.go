// Package suppress implements //cqlint:ignore comments and the reporting
// path every cq analyzer shares: the rule id in front of each message (go
// vet drops analyzer names), no reports in generated files, and none where
// a suppression covers the position.
//
// A suppression reads
//
//	//cqlint:ignore <rule>[,<rule>...] <reason>
//
// It covers its own line and the next one; in the doc comment of a
// declaration, a struct field or an interface method, it covers all of
// that node. Like staticcheck's //lint:ignore, the reason is required: a
// suppression without one, or naming a rule cqlint does not have, is
// reported by this package's Analyzer and suppresses nothing.
package suppress

import (
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Rules are the rule ids a suppression may name.
var Rules = []string{"resultfield", "signature", "naming", "events"}

// Analyzer finds the suppressions and generated files of a package for the
// cq analyzers, which take its *Set result, and reports malformed
// suppressions.
var Analyzer = &analysis.Analyzer{
	Name:       "suppress",
	Doc:        "find //cqlint:ignore comments for the cq analyzers; report those without a reason or with an unknown rule",
	URL:        "https://github.com/cqtools/cq#suppressing-a-report",
	Run:        run,
	ResultType: reflect.TypeOf((*Set)(nil)),
}

const prefix = "//cqlint:ignore"

// Set holds what a package suppresses.
type Set struct {
	fset      *token.FileSet
	generated map[*token.File]bool
	ignores   []ignore
}

type ignore struct {
	rules      []string
	file       *token.File
	start, end token.Pos // node coverage, when the comment documents a node
	line       int       // line coverage otherwise: line and line+1
}

func run(pass *analysis.Pass) (any, error) {
	s := &Set{fset: pass.Fset, generated: map[*token.File]bool{}}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		if ast.IsGenerated(f) {
			s.generated[tf] = true
		}
		docs := documentedNodes(f)
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rules, err := parse(c.Text)
				if rules == nil && err == nil {
					continue
				}
				if err != nil {
					pass.Reportf(c.Pos(), "suppress: %v", err)
					continue
				}
				ig := ignore{rules: rules, file: tf, line: tf.Line(c.Pos())}
				if n := docs[cg]; n != nil {
					ig.start, ig.end = n.Pos(), n.End()
				}
				s.ignores = append(s.ignores, ig)
			}
		}
	}
	return s, nil
}

// parse returns the rules a suppression names, nil for a comment that is no
// suppression, or an error for a malformed one.
func parse(text string) ([]string, error) {
	rest, ok := strings.CutPrefix(text, prefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil, nil
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return nil, fmt.Errorf("%s names no rule and gives no reason: want %s <rule> <reason>", prefix, prefix)
	}
	rules := strings.Split(fields[0], ",")
	for _, r := range rules {
		if !slices.Contains(Rules, r) {
			return nil, fmt.Errorf("%s names unknown rule %q (rules: %s)", prefix, r, strings.Join(Rules, ", "))
		}
	}
	if len(fields) == 1 {
		return nil, fmt.Errorf("%s %s gives no reason: say why the rule does not apply here", prefix, fields[0])
	}
	return rules, nil
}

// documentedNodes maps each doc comment of a file to the node it documents.
func documentedNodes(f *ast.File) map[*ast.CommentGroup]ast.Node {
	docs := map[*ast.CommentGroup]ast.Node{}
	ast.Inspect(f, func(n ast.Node) bool {
		var doc *ast.CommentGroup
		switch n := n.(type) {
		case *ast.FuncDecl:
			doc = n.Doc
		case *ast.GenDecl:
			doc = n.Doc
		case *ast.TypeSpec:
			doc = n.Doc
		case *ast.ValueSpec:
			doc = n.Doc
		case *ast.Field:
			doc = n.Doc
		case *ast.BlockStmt:
			return false // declarations inside bodies are not worth a walk
		}
		if doc != nil {
			docs[doc] = n
		}
		return true
	})
	return docs
}

// Suppressed reports whether a report of rule at pos is suppressed or in a
// generated file.
func (s *Set) Suppressed(rule string, pos token.Pos) bool {
	tf := s.fset.File(pos)
	if tf == nil {
		return false
	}
	if s.generated[tf] {
		return true
	}
	line := tf.Line(pos)
	for _, ig := range s.ignores {
		if ig.file != tf || !slices.Contains(ig.rules, rule) {
			continue
		}
		if ig.start.IsValid() && ig.start <= pos && pos < ig.end {
			return true
		}
		if line == ig.line || line == ig.line+1 {
			return true
		}
	}
	return false
}

// A Reporter reports one rule's diagnostics through a Set.
type Reporter struct {
	pass *analysis.Pass
	rule string
	set  *Set
}

// NewReporter returns the reporter of rule for pass, whose analyzer must
// require Analyzer.
func NewReporter(pass *analysis.Pass, rule string) *Reporter {
	return &Reporter{pass: pass, rule: rule, set: pass.ResultOf[Analyzer].(*Set)}
}

// Skip reports whether nothing of this rule would be reported at pos, so
// that an analyzer can skip work there.
func (r *Reporter) Skip(pos token.Pos) bool { return r.set.Suppressed(r.rule, pos) }

// Report reports d with the rule id in front of its message, unless it is
// suppressed.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.set.Suppressed(r.rule, d.Pos) {
		return
	}
	d.Message = r.rule + ": " + d.Message
	d.Category = r.rule
	r.pass.Report(d)
}

// Reportf is Report with a formatted message and no fixes.
func (r *Reporter) Reportf(pos token.Pos, format string, args ...any) {
	r.Report(analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}
