package refactor

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// A caller that writes Result before a call and reads it back after sees
// its own value whenever the producer returns without writing it. The
// conversion keeps that meaning when the reads run only after the call
// succeeded (an `if err != nil { ... return }` guard) and every producer
// that may not write fails whenever it does not: it returns only sentinel
// errors, never nil, and never touches the field (an OSS stub returning
// ErrNotImplemented).

// readBackSafe reports whether every read of reads after a call of calls
// is guarded by the call's error, and every member not always writing
// Result only ever fails.
func (pl *planner) readBackSafe(a *analysis, always map[key]bool, reads []*site, calls []*callSite) bool {
	for _, k := range a.keys {
		if m := a.members[k]; !always[k] && !m.iface && !a.writes.onlyFailsUnwritten(k) {
			return false
		}
	}
	for _, r := range reads {
		if isWrite(r) {
			continue
		}
		for _, c := range calls {
			if c.call.End() <= r.node().Pos() && !guardedBy(c, r) {
				return false
			}
		}
	}
	return true
}

// isSentinel reports whether v is a package-level variable declared as
// `var v = errors.New(...)` (or fmt.Errorf) and never assigned or
// addressed in the loaded packages.
func (pl *planner) isSentinel(v *types.Var) bool {
	if v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return false
	}
	var init ast.Expr
	var owner *types.Info
	for _, p := range pl.prog.Owners {
		if p.Types != v.Pkg() {
			continue
		}
		for _, f := range p.Syntax {
			ast.Inspect(f, func(n ast.Node) bool {
				vs, ok := n.(*ast.ValueSpec)
				if !ok {
					return init == nil
				}
				for i, name := range vs.Names {
					if p.TypesInfo.Defs[name] == v && len(vs.Values) == len(vs.Names) {
						init, owner = vs.Values[i], p.TypesInfo
					}
				}
				return false
			})
		}
	}
	call, ok := init.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(owner, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || !(fn.Pkg().Path() == "errors" && fn.Name() == "New" || fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf") {
		return false
	}
	for _, p := range pl.prog.Owners {
		for _, f := range p.Syntax {
			assigned := false
			withStack(f, func(n ast.Node, stack []ast.Node) {
				id, ok := n.(*ast.Ident)
				if !ok || assigned || p.TypesInfo.Uses[id] != v {
					return
				}
				switch parent := stack[len(stack)-2].(type) {
				case *ast.AssignStmt:
					for _, l := range parent.Lhs {
						assigned = assigned || l == ast.Expr(id)
					}
				case *ast.UnaryExpr:
					assigned = parent.Op == token.AND
				}
			})
			if assigned {
				return false
			}
		}
	}
	return true
}

// guardedBy reports whether the read r runs only after c returned a nil
// error: c is the init of `if err := c; err != nil { ... }` (or the
// statement before such an if, `err := c` / `err = c`), the if's body ends
// by leaving the block (return, continue, break, goto or panic) and has no
// else, and r follows the if in the same block.
func guardedBy(c *callSite, r *site) bool {
	k, _ := listStmt(c.stack)
	if k < 1 {
		return false
	}
	list := stmtList(c.stack[k-1])
	st := c.stack[k]
	var ifs *ast.IfStmt
	var errVar ast.Expr
	switch s := st.(type) {
	case *ast.IfStmt:
		if as, ok := s.Init.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == ast.Expr(c.call) {
			ifs, errVar = s, as.Lhs[0]
		}
	case *ast.AssignStmt:
		if len(s.Lhs) == 1 && len(s.Rhs) == 1 && ast.Unparen(s.Rhs[0]) == ast.Expr(c.call) {
			errVar = s.Lhs[0]
			for i, x := range list {
				if x == st && i+1 < len(list) {
					if next, ok := list[i+1].(*ast.IfStmt); ok && next.Init == nil {
						ifs = next
					}
				}
			}
		}
	}
	if ifs == nil || ifs.Else != nil || len(ifs.Body.List) == 0 || !leavesList(c.pkg.TypesInfo, ifs.Body.List[len(ifs.Body.List)-1]) {
		return false
	}
	cond, ok := ifs.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ || !sameIdent(cond.X, errVar) || !isNil(c.pkg.TypesInfo, cond.Y) {
		return false
	}
	// r after the if, in the same list (or nested in a later statement),
	// not in a function literal of its own.
	if r.node().Pos() < ifs.End() || !contains(c.stack[k-1], r.node()) {
		return false
	}
	for _, n := range r.stack {
		if fl, ok := n.(*ast.FuncLit); ok && contains(c.stack[k-1], fl) {
			return false
		}
	}
	return true
}

// leavesList reports whether s never lets its statement list go on.
func leavesList(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		return ok && isPanic(info, call)
	}
	return false
}

func sameIdent(a, b ast.Expr) bool {
	x, ok1 := ast.Unparen(a).(*ast.Ident)
	y, ok2 := ast.Unparen(b).(*ast.Ident)
	return ok1 && ok2 && x.Name == y.Name
}
