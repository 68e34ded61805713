package refactor

import (
	"bytes"
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
func (pl *planner) returnsField(a *analysis, m *member) (ok bool, pos token.Pos, reason string) {
	fd := m.decl.decl
	isSite := map[ast.Node]bool{}
	for _, s := range m.sites {
		isSite[s.node()] = true
	}
	returned, other := false, ast.Node(nil)
	returnsIn(fd.Body, func(r *ast.ReturnStmt) {
		if len(r.Results) != 2 {
			other = r
			return
		}
		x := ast.Unparen(r.Results[0])
		if call, isCall := x.(*ast.CallExpr); isCall && a.isForward(pl, m, call) {
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
	for _, s := range m.sites {
		if isWrite(s) && deferredOrAsync(s.stack) {
			return false, s.node().Pos(), name + " returns its Result field and writes it in a deferred function or a goroutine, which may run after the return (half-migrated, Result as a working variable)"
		}
	}
	for _, c := range pl.ix.calls {
		if c.outerFunc() != fd || a.members[c.callee] == nil {
			continue
		}
		if v := rootIdent(pl.queryArg(c)); v != nil && c.pkg.TypesInfo.Uses[v] == m.param {
			if r, isRet := c.parent(1).(*ast.ReturnStmt); !isRet || len(r.Results) != 2 {
				return false, c.call.Pos(), name + " returns its Result field and passes the query on to " + c.fn.Name() + ", which could read it (half-migrated, Result as a working variable)"
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
func writeReaches(fd *ast.FuncDecl, s *site, c *ast.CallExpr) bool {
	if fn, _, _ := enclosingFunc(s.stack); fn != ast.Node(fd) {
		return true
	}
	k, _ := listStmt(s.stack)
	if k < 1 {
		return true
	}
	list := stmtList(s.stack[k-1])
	for i, st := range list {
		if st != s.stack[k] {
			continue
		}
		for _, next := range list[i:] {
			if contains(next, c) || hasBranch(next) {
				return true
			}
			if isReturn(next) {
				return false
			}
		}
	}
	return true
}

// hasBranch reports whether st holds a goto, break, continue or
// fallthrough outside the function literals in it.
func hasBranch(st ast.Stmt) bool {
	return findOwn(st, func(n ast.Node) bool { _, ok := n.(*ast.BranchStmt); return ok })
}

// workVarBody replaces the Result accesses of a member that returns its
// field, or whose field nobody else reads, with a local variable declared
// at the top of its body. When the member only assigns the field, whole,
// the assignments go instead (their value kept as `_ = x` when it has
// effects).
func (e *emitter) workVarBody(m *member) {
	prog, fd := e.prog, m.decl.decl
	if stmts := wholeWrites(m); stmts != nil {
		for _, as := range stmts {
			if hasEffects(as.Rhs[0]) {
				e.edit(as.Lhs[0].Pos(), as.Lhs[0].End(), "_")
			} else {
				e.deleteStmt(as)
			}
		}
		return
	}
	name := e.fresh(fd, "result")
	for _, s := range m.sites {
		e.edit(s.node().Pos(), s.node().End(), name)
	}
	typ := e.typeText(m.decl.pkg.PkgPath, m.decl.file, resultType(e.a.t))
	decl := "\nvar " + name + " " + typ
	if at := prog.At(fd.Body.Lbrace + 1); !bytes.HasPrefix(prog.Source(at.Filename)[at.Offset:], []byte("\n")) && !bytes.HasPrefix(prog.Source(at.Filename)[at.Offset:], []byte("\r\n")) {
		decl += "\n"
	}
	e.edit(fd.Body.Lbrace+1, fd.Body.Lbrace+1, decl)
}

// readOutsideMembers is the first access of a's Result that is not a
// member's access through its own query parameter (a caller's read or
// write, or another function's), or nil: with none, nobody but the
// producers themselves sees the field.
func (pl *planner) readOutsideMembers(a *analysis) *site {
	own := map[*site]bool{}
	for _, m := range a.members {
		for _, s := range m.sites {
			own[s] = true
		}
	}
	for _, s := range pl.ix.resultsOf[a.t] {
		if !own[s] {
			return s
		}
	}
	return nil
}

// wholeWrites are m's Result accesses when each is the whole left side of
// a `q.Result = x` statement, else nil.
func wholeWrites(m *member) []*ast.AssignStmt {
	var out []*ast.AssignStmt
	for _, s := range m.sites {
		as := wholeWrite(s)
		if as == nil {
			return nil
		}
		if _, isStmt := s.parent(2).(*ast.BlockStmt); !isStmt {
			return nil // deleteStmt edits a block's statements only
		}
		out = append(out, as)
	}
	return out
}

// describeRead says who accesses the Result at s and where (the file's
// base name: reasons are printed as they are, not relative to the run).
func (pl *planner) describeRead(s *site) string {
	who := "a caller"
	if fd := s.outerFunc(); fd != nil {
		who = fd.Name.Name
	}
	p := pl.prog.At(s.node().Pos())
	return fmt.Sprintf("%s uses the Result at %s:%d:%d", who, filepath.Base(p.Filename), p.Line, p.Column)
}
