package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// A query held in a field of a local variable (tt.query in a table test):
// its calls group by the variable and the path of fields, and its Result
// reads are the selectors through the same path. Only one variable per
// call follows such reads; anything else is refused.

// fieldPath is the root variable and the text of e when e is a chain of
// field selections on an identifier (v.f, &v.f.g), else nil and "".
func fieldPath(info *types.Info, e ast.Expr) (*ast.Ident, string) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return nil, ""
	}
	for x := ast.Expr(sel); ; {
		switch y := x.(type) {
		case *ast.SelectorExpr:
			if s := info.Selections[y]; s == nil || s.Kind() != types.FieldVal {
				return nil, ""
			}
			x = ast.Unparen(y.X)
			continue
		case *ast.Ident:
			return y, types.ExprString(sel)
		}
		return nil, ""
	}
}

// pathReads are the Result selectors in fd through the field path (rooted
// at obj), in source order.
func (pl *Analyzer) pathReads(t *Target, fd *ast.FuncDecl, obj types.Object, path string) []*Site {
	var out []*Site
	for _, s := range pl.Index.resultsOf[t] {
		if s.OuterFunc() != fd {
			continue
		}
		if id, p := fieldPath(s.Pkg.TypesInfo, s.Node().(*ast.SelectorExpr).X); id != nil && p == path && s.Pkg.TypesInfo.Uses[id] == obj {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Node().Pos() < out[j].Node().Pos() })
	return out
}

// pathOtherUse is the first use in fd of the query at path other than a
// field selection on it or the query argument of one of calls (it passed
// elsewhere, or assigned), or NoPos.
func pathOtherUse(calls []*CallSite, fd *ast.FuncDecl, obj types.Object, path string, queryArg func(*CallSite) ast.Expr) token.Pos {
	info := calls[0].Pkg.TypesInfo
	args := map[ast.Node]bool{}
	for _, c := range calls {
		x := ast.Unparen(queryArg(c))
		if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
			x = ast.Unparen(u.X)
		}
		args[x] = true
	}
	bad := token.NoPos
	WithStack(fd.Body, func(n ast.Node, stack []ast.Node) {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || bad.IsValid() || args[sel] {
			return
		}
		if id, p := fieldPath(info, sel); id == nil || p != path || info.Uses[id] != obj {
			return
		}
		if parent, ok := stack[len(stack)-2].(*ast.SelectorExpr); ok && parent.X == ast.Expr(sel) {
			return
		}
		bad = sel.Pos()
	})
	return bad
}
