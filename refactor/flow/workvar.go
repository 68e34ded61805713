package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
)

// Result as the producer's working variable (the hard cases 2 and 4 of
// issue 10). A producer may use its query's Result as a local variable:
// write it in a closure, read it back, and return it. A local variable
// stands for the field throughout the body; what decides whether that
// preserves meaning is who else could see the field while the producer
// runs, which is checked here.

// returnsField reports whether the half-migrated member m returns its
// Result field itself at every return (`return q.Result, err`), or a zero
// literal, or forwards the query as `return f(ctx, q)`: then the two
// channels cannot differ, whatever the body does with the field, and a
// local variable can stand for it. When m returns its field somewhere but
// not safely so, it says why at pos: a return of another value, a write
// in a deferred function or a goroutine (which could run after the
// return), or the query passed on to a member (which could read the
// field). Else (reason empty) m does not return its field.
func (pl *Analyzer) returnsField(a *Analysis, m *Member) (ok bool, pos token.Pos, reason string) {
	fd := m.Decl.Decl
	isSite := map[ast.Node]bool{}
	for _, s := range m.Sites {
		isSite[s.Node()] = true
	}
	returned, other := false, ast.Node(nil)
	ReturnsIn(fd.Body, func(r *ast.ReturnStmt) {
		if len(r.Results) != 2 {
			other = r
			return
		}
		x := ast.Unparen(r.Results[0])
		if call, isCall := x.(*ast.CallExpr); isCall && a.IsForward(pl, m, call) {
			return
		}
		switch {
		case isSite[x]:
			returned = true
		case !isZeroLit(x) && other == nil:
			other = r
		}
	})
	if !returned {
		return false, token.NoPos, ""
	}
	name := fd.Name.Name
	if other != nil {
		return false, other.Pos(), name + " returns its Result field elsewhere and another value here, so the two channels may differ (half-migrated, Result as a working variable)"
	}
	for _, s := range m.Sites {
		if isWrite(s) && deferredOrAsync(s.Stack) {
			return false, s.Node().Pos(), name + " returns its Result field and writes it in a deferred function or a goroutine, which may run after the return (half-migrated, Result as a working variable)"
		}
	}
	for _, c := range pl.Index.Calls {
		if c.OuterFunc() != fd || a.Members[c.Callee] == nil {
			continue
		}
		if v := rootIdent(pl.QueryArg(c)); v != nil && c.Pkg.TypesInfo.Uses[v] == m.Param {
			if r, isRet := c.Parent(1).(*ast.ReturnStmt); !isRet || len(r.Results) != 2 {
				return false, c.Call.Pos(), name + " returns its Result field and passes the query on to " + c.Fn.Name() + ", which could read it (half-migrated, Result as a working variable)"
			}
		}
	}
	return true, token.NoPos, ""
}

// writeReaches reports whether the Result write at s can be followed, in
// the same run of the producer fd, by the call c: it cannot when s is in
// fd's own body (not a closure, which may run again) and a return follows
// it in its statement list with nothing between that could jump elsewhere
// or is c.
func writeReaches(fd *ast.FuncDecl, s *Site, c *ast.CallExpr) bool {
	if fn, _, _ := EnclosingFunc(s.Stack); fn != ast.Node(fd) {
		return true
	}
	k, _ := ListStmt(s.Stack)
	if k < 1 {
		return true
	}
	list := StmtList(s.Stack[k-1])
	for i, st := range list {
		if st != s.Stack[k] {
			continue
		}
		for _, next := range list[i:] {
			if Contains(next, c) || hasBranch(next) {
				return true
			}
			if IsReturn(next) {
				return false
			}
		}
	}
	return true
}

// hasBranch reports whether st holds a goto, break, continue or
// fallthrough outside the function literals in it.
func hasBranch(st ast.Stmt) bool {
	return FindOwn(st, func(n ast.Node) bool { _, ok := n.(*ast.BranchStmt); return ok })
}

// readOutsideMembers is the first access of a's Result that is not a
// member's access through its own query parameter (a caller's read or
// write, or another function's), or nil: with none, nobody but the
// producers themselves sees the field.
func (pl *Analyzer) readOutsideMembers(a *Analysis) *Site {
	own := map[*Site]bool{}
	for _, m := range a.Members {
		for _, s := range m.Sites {
			own[s] = true
		}
	}
	for _, s := range pl.Index.resultsOf[a.Target] {
		if !own[s] {
			return s
		}
	}
	return nil
}

// describeRead says who accesses the Result at s and where (the file's
// base name: reasons are printed as they are, not relative to the run).
func (pl *Analyzer) describeRead(s *Site) string {
	who := "a caller"
	if fd := s.OuterFunc(); fd != nil {
		who = fd.Name.Name
	}
	p := pl.Prog.At(s.Node().Pos())
	return fmt.Sprintf("%s uses the Result at %s:%d:%d", who, filepath.Base(p.Filename), p.Line, p.Column)
}
