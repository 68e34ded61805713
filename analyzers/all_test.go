package analyzers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/analyzers/suppress"
)

// The rules a suppression may name are the analyzers that report through
// suppress, whatever a build links.
func TestRuleIDs(t *testing.T) {
	var rules []string
	for _, a := range analyzers.All {
		if slices.Contains(a.Requires, suppress.Analyzer) {
			rules = append(rules, a.Name)
		}
	}
	slices.Sort(rules)
	if got := suppress.RuleIDs(); !slices.Equal(got, rules) {
		t.Errorf("suppress.RuleIDs() = %v, want the rule analyzers %v", got, rules)
	}
}

// nogo links analyzer packages by their exported Analyzer and runs their
// initializers only: each package of All declares var Analyzer and has no
// init function.
func TestNogoShape(t *testing.T) {
	for _, a := range analyzers.All {
		dir := a.Name
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files in %s (%v)", a.Name, dir, err)
		}
		var hasAnalyzer bool
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Name.Name == "init" && d.Recv == nil {
						t.Errorf("%s has an init function", name)
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						if v, ok := s.(*ast.ValueSpec); ok && d.Tok == token.VAR && slices.ContainsFunc(v.Names, func(n *ast.Ident) bool { return n.Name == "Analyzer" }) {
							hasAnalyzer = true
						}
					}
				}
			}
		}
		if !hasAnalyzer {
			t.Errorf("package %s declares no var Analyzer", dir)
		}
	}
}
