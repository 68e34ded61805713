package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// PathTo is the stack of nodes from f down to the innermost node at pos.
func PathTo(f *ast.File, pos token.Pos) []ast.Node {
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	out := make([]ast.Node, len(path))
	for i, n := range path {
		out[len(path)-1-i] = n
	}
	return out
}

func FuncLabel(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := types.Unalias(DerefT(recv.Type())).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

func CompositeLit(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

func IsReturn(s ast.Stmt) bool { _, ok := s.(*ast.ReturnStmt); return ok }

func Contains(n ast.Node, m ast.Node) bool { return n.Pos() <= m.Pos() && m.End() <= n.End() }

// ListStmt returns the index in stack of the innermost statement that sits
// directly in a statement list, and the end of that list's scope.
func ListStmt(stack []ast.Node) (int, token.Pos) {
	for k := len(stack) - 2; k > 0; k-- {
		if _, ok := stack[k].(ast.Stmt); !ok {
			continue
		}
		switch p := stack[k-1].(type) {
		case *ast.BlockStmt:
			return k, p.Rbrace
		case *ast.CaseClause:
			return k, p.End()
		case *ast.CommClause:
			return k, p.End()
		}
	}
	return -1, token.NoPos
}
