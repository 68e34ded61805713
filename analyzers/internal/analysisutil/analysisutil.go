// Package analysisutil holds the small helpers the cq analyzers share that
// are about writing an analyzer, not about the conventions (those are in
// cqmodel).
package analysisutil

import (
	"go/ast"
	"strings"
)

// ExtractDoc returns the part of a doc.go package comment after its
// "# Analyzer <name>" heading: the analyzer's one-line summary, a blank
// line, the rest, as go/analysis wants Doc. Keeping the text in doc.go
// makes go doc and the tool's -help say the same.
func ExtractDoc(src string) string {
	var lines []string
	for _, l := range strings.Split(src, "\n") {
		if !strings.HasPrefix(l, "//") {
			if len(lines) > 0 {
				break
			}
			continue
		}
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, "//"), " "))
	}
	text := strings.Join(lines, "\n")
	if _, after, ok := strings.Cut(text, "# Analyzer "); ok {
		name, rest, _ := strings.Cut(after, "\n")
		// The driver prints "name: Doc", so a summary written as
		// "name: ..." loses its prefix.
		return strings.TrimPrefix(strings.TrimSpace(rest), strings.TrimSpace(name)+": ")
	}
	return strings.TrimSpace(text)
}

// RecvName is the name of the type in a method's receiver expression:
// T for t *T, t T[K], (t *T).
func RecvName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "?"
		}
	}
}
