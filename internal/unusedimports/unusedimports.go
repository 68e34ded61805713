// Package unusedimports drops the imports a file no longer uses, knowing
// each import's package name from the caller rather than guessing it or
// asking the go command, as goimports would.
package unusedimports

import (
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// Drop removes from f every import whose name, the import's own or
// name(path), no selector in f qualifies. Blank and dot imports, and
// imports whose name is unknown (name returns ""), stay. It reports
// whether it removed any.
func Drop(fset *token.FileSet, f *ast.File, name func(path string) string) bool {
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				used[id.Name] = true
			}
		}
		return true
	})
	type unused struct{ name, path string }
	var drop []unused
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		n := name(path)
		if imp.Name != nil {
			n = imp.Name.Name
		}
		if n == "" || n == "_" || n == "." || used[n] {
			continue
		}
		u := unused{path: path}
		if imp.Name != nil {
			u.name = imp.Name.Name
		}
		drop = append(drop, u)
	}
	// Deleting edits f.Imports: not while ranging over it.
	for _, u := range drop {
		astutil.DeleteNamedImport(fset, f, u.name, u.path)
	}
	return len(drop) > 0
}
