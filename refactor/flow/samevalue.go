package flow

import (
	"go/ast"
	"go/token"
)

// checkSameValue checks a half-migrated type whose producers already
// return (U, error) and set Result: each producer must set Result only as
// `q.Result = x` right before `return x, ...`, and return a zero literal
// or forward the query at its other returns, or else return the field
// itself at every return (returnsField); otherwise the two channels may
// differ. Where they may, the type still converts when no caller touches
// the Result (every caller reads the returned value only): a local then
// stands for the field in those producers, and what they return stays.
// Else it is refused, naming the return or write where the channels
// differ and the first caller reading the field. It records the writes
// that go.
func (pl *Analyzer) checkSameValue(a *Analysis) bool {
	prog := pl.Prog
	type differ struct {
		m      *Member
		pos    token.Pos
		reason string
	}
	var differs []differ
	for _, k := range a.Keys {
		m := a.Members[k]
		if m.Iface {
			continue
		}
		if pos, reason := pl.oneChannel(a, m); reason != "" {
			differs = append(differs, differ{m, pos, reason})
		}
	}
	if len(differs) == 0 {
		return true
	}
	if read := pl.readOutsideMembers(a); read != nil {
		d := differs[0]
		a.refuse(prog, d.pos, "%s; %s, so neither channel can go", d.reason, pl.describeRead(read))
		return false
	}
	for _, d := range differs {
		d.m.WorkVar = true
	}
	return true
}

// oneChannel checks that the half-migrated producer m returns the value
// it also stores in Result, as returnsField or sameValueWrites read it,
// and records how its writes go (WorkVar, SameWrites); else it returns
// where and why the two channels may differ.
func (pl *Analyzer) oneChannel(a *Analysis, m *Member) (token.Pos, string) {
	ok, pos, reason := pl.returnsField(a, m)
	if ok {
		m.WorkVar = true
		return token.NoPos, ""
	}
	if reason == "" {
		var writes []ast.Stmt
		if writes, pos = pl.sameValueWrites(a, m); !pos.IsValid() {
			a.SameWrites = append(a.SameWrites, writes...)
			return token.NoPos, ""
		}
		reason = m.Decl.Decl.Name.Name + " already returns a value and also sets Result (half-migrated), and the two may differ"
	}
	return pos, reason
}

// sameValueWrites checks the producer m of the simple same-value form: it
// sets Result only as `q.Result = x` right before `return x, ...`, and
// returns a zero literal or forwards the query at its other returns. It
// returns the writes that go, or the position where the two channels may
// differ.
func (pl *Analyzer) sameValueWrites(a *Analysis, m *Member) ([]ast.Stmt, token.Pos) {
	fd, info := m.Decl.Decl, m.Decl.Pkg.TypesInfo
	var out []ast.Stmt
	writes := map[ast.Stmt]bool{} // the return right after each write
	for _, s := range m.Sites {
		sel := s.Node().(*ast.SelectorExpr)
		as, ok := s.Parent(1).(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || as.Lhs[0] != ast.Expr(sel) {
			return nil, sel.Pos()
		}
		x, _ := as.Rhs[0].(*ast.Ident)
		ret := nextStmt(s.Stack[:len(s.Stack)-2], as)
		r, _ := ret.(*ast.ReturnStmt)
		if fn, _, _ := EnclosingFunc(s.Stack); x == nil || r == nil || fn != ast.Node(fd) || len(r.Results) != 2 {
			return nil, sel.Pos()
		}
		if y, ok := r.Results[0].(*ast.Ident); !ok || info.Uses[y] != info.Uses[x] {
			return nil, sel.Pos()
		}
		writes[r] = true
		out = append(out, as)
	}
	var bad ast.Node
	ReturnsIn(fd.Body, func(r *ast.ReturnStmt) {
		if bad != nil || writes[r] || len(r.Results) != 2 {
			return
		}
		if call, isCall := ast.Unparen(r.Results[0]).(*ast.CallExpr); isCall && a.IsForward(pl, m, call) {
			return
		}
		if !isZeroLit(r.Results[0]) {
			bad = r
		}
	})
	if bad != nil {
		return nil, bad.Pos()
	}
	return out, token.NoPos
}

// nextStmt is the statement after s in the list that holds it (stack ends
// with s's parent), or nil.
func nextStmt(stack []ast.Node, s ast.Stmt) ast.Stmt {
	list := StmtList(stack[len(stack)-1])
	for i, x := range list {
		if x == s && i+1 < len(list) {
			return list[i+1]
		}
	}
	return nil
}

// isZeroLit reports whether e is a literal zero value: 0, "", nil, false,
// or T{}.
func isZeroLit(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return e.Value == "0" || e.Value == `""` || e.Value == "``"
	case *ast.Ident:
		return e.Name == "nil" || e.Name == "false"
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	}
	return false
}

// StmtList is the statement list of a block or a case clause, else nil.
func StmtList(n ast.Node) []ast.Stmt {
	switch p := n.(type) {
	case *ast.BlockStmt:
		return p.List
	case *ast.CaseClause:
		return p.Body
	case *ast.CommClause:
		return p.Body
	}
	return nil
}

// checkMixed checks a half-migrated set: some producers already return
// (U, error) and set Result to the same value, the others only set
// Result. The others convert to return it too, when the two channels of
// each of the first agree (as in the same-value form: the write right
// before returning the same variable, or the field itself returned);
// callers of either read the returned value. Where they may differ, a
// caller reading Result and one reading the returned value could see
// different values: refused.
func (pl *Analyzer) checkMixed(a *Analysis) bool {
	prog := pl.Prog
	for _, k := range a.Keys {
		m := a.Members[k]
		if !m.sameValue || m.Iface {
			continue
		}
		if m.Double() || m.Decl == nil {
			a.refuse(prog, m.Fn.Pos(), "%s already returns a value (half-migrated) and is a mock or has no body, while other producers do not", FuncLabel(m.Fn))
			return false
		}
		if pos, reason := pl.oneChannel(a, m); reason != "" {
			a.refuse(prog, pos, "%s, while other producers only set Result: they cannot convert to return the same value", reason)
			return false
		}
	}
	a.Mixed = true
	return true
}

// mixedGroup marks a call group of a half-migrated set whose calls are
// all of members already returning the value, and refuses one that mixes
// them with calls of members that convert, or forwards across the two.
func (pl *Analyzer) mixedGroup(a *Analysis, g *CallGroup) bool {
	same := 0
	for _, c := range g.Calls {
		if a.Members[c.Callee].sameValue {
			same++
		}
	}
	if g.Fwd != nil && (g.Fwd.sameValue || same > 0) {
		a.refuse(pl.Prog, g.Calls[0].Call.Pos(), "in a half-migrated set, %s forwards the query across a producer that already returns the value and one that converts", FuncLabel(g.Fwd.Fn))
		return false
	}
	if same > 0 && same < len(g.Calls) {
		a.refuse(pl.Prog, g.Calls[0].Call.Pos(), "in a half-migrated set, one query is passed both to a producer that already returns the value and to one that converts")
		return false
	}
	if same > 0 && g.Ret != nil {
		a.refuse(pl.Prog, g.Calls[0].Call.Pos(), "in a half-migrated set, %s returns the query of a producer that already returns the value", g.FuncDecl.Name.Name)
		return false
	}
	g.Same = same > 0
	return true
}
