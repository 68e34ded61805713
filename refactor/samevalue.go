package refactor

import (
	"go/ast"
	"go/token"
	"sort"
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
func (pl *planner) checkSameValue(a *analysis) bool {
	prog := pl.prog
	type differ struct {
		m      *member
		pos    token.Pos
		reason string
	}
	var differs []differ
	for _, k := range a.keys {
		m := a.members[k]
		if m.iface {
			continue
		}
		ok, pos, reason := pl.returnsField(a, m)
		if ok {
			m.workVar = true
			continue
		}
		if reason == "" {
			var writes []ast.Stmt
			if writes, pos = pl.sameValueWrites(a, m); !pos.IsValid() {
				a.sameWrites = append(a.sameWrites, writes...)
				continue
			}
			reason = m.decl.decl.Name.Name + " already returns a value and also sets Result (half-migrated), and the two may differ"
		}
		differs = append(differs, differ{m, pos, reason})
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
		d.m.workVar = true
	}
	return true
}

// sameValueWrites checks the producer m of the simple same-value form: it
// sets Result only as `q.Result = x` right before `return x, ...`, and
// returns a zero literal or forwards the query at its other returns. It
// returns the writes that go, or the position where the two channels may
// differ.
func (pl *planner) sameValueWrites(a *analysis, m *member) ([]ast.Stmt, token.Pos) {
	fd, info := m.decl.decl, m.decl.pkg.TypesInfo
	var out []ast.Stmt
	writes := map[ast.Stmt]bool{} // the return right after each write
	for _, s := range m.sites {
		sel := s.node().(*ast.SelectorExpr)
		as, ok := s.parent(1).(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || as.Lhs[0] != ast.Expr(sel) {
			return nil, sel.Pos()
		}
		x, _ := as.Rhs[0].(*ast.Ident)
		ret := nextStmt(s.stack[:len(s.stack)-2], as)
		r, _ := ret.(*ast.ReturnStmt)
		if fn, _, _ := enclosingFunc(s.stack); x == nil || r == nil || fn != ast.Node(fd) || len(r.Results) != 2 {
			return nil, sel.Pos()
		}
		if y, ok := r.Results[0].(*ast.Ident); !ok || info.Uses[y] != info.Uses[x] {
			return nil, sel.Pos()
		}
		writes[r] = true
		out = append(out, as)
	}
	var bad ast.Node
	returnsIn(fd.Body, func(r *ast.ReturnStmt) {
		if bad != nil || writes[r] || len(r.Results) != 2 {
			return
		}
		if call, isCall := ast.Unparen(r.Results[0]).(*ast.CallExpr); isCall && a.isForward(pl, m, call) {
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

// emitSameValue writes the same-value conversion: the Result writes and
// the field go, the signatures stay, and callers read the returned value.
func (e *emitter) emitSameValue() {
	prog, a := e.prog, e.a
	for _, s := range a.sameWrites {
		e.deleteStmt(s)
	}
	for _, s := range a.deadKeys {
		e.deleteKey(s)
	}
	e.emitZeroReads()
	for _, k := range a.keys {
		if m := a.members[k]; !m.iface {
			if m.workVar {
				e.workVarBody(m)
			}
			e.out.funcs = append(e.out.funcs, prog.Position(m.decl.decl.Name.Pos())+" "+funcLabel(m.fn))
		}
	}
	for _, g := range a.groups {
		if g.fwd != nil || len(g.reads) == 0 {
			continue // a forward (return s.store.X(ctx, q)) was checked with its producer
		}
		if !e.sameValueCalls(g.fd, g.calls, g.reads) {
			return
		}
	}
	e.deleteField()
}

// sameValueCalls points each read at the value its call already returns.
func (e *emitter) sameValueCalls(fd *ast.FuncDecl, calls []*callSite, reads []*site) bool {
	prog := e.prog
	sort.Slice(calls, func(i, j int) bool { return calls[i].call.Pos() < calls[j].call.Pos() })
	for i, c := range calls {
		var mine []*site
		for _, r := range reads {
			if r.node().Pos() > c.call.End() && (i+1 == len(calls) || r.node().Pos() < calls[i+1].call.Pos()) {
				mine = append(mine, r)
			}
		}
		if len(mine) == 0 {
			continue
		}
		fail := func() bool {
			e.refuse(mine[0].node().Pos(), "Result is read where the value the call on line %d returns cannot be followed", prog.At(c.call.Pos()).Line)
			return false
		}
		k, blockEnd := listStmt(c.stack)
		as, ok := c.parent(1).(*ast.AssignStmt)
		if !ok || k < 0 || as.Tok != token.DEFINE || len(as.Lhs) != 2 {
			return fail()
		}
		lo, hi := as.End(), blockEnd
		lift := false
		if ifs, ok := c.parent(2).(*ast.IfStmt); ok && ifs.Init == ast.Stmt(as) {
			lo, hi = ifs.Pos(), ifs.End()
			for _, r := range mine {
				if r.node().Pos() > ifs.End() {
					lift = true
				}
			}
			if lift {
				// if _, err := f(&q); ... {} ... q.Result
				// -> n, err := f(&q); if ... {} ... n
				if k != len(c.stack)-3 {
					return fail()
				}
				hi = blockEnd
			}
		} else if k != len(c.stack)-2 {
			return fail()
		}
		name, blank, copyOf := "", false, ""
		switch id := as.Lhs[0].(type) {
		case *ast.Ident:
			if id.Name == "_" {
				name, blank = e.valueName(fd, c.pkg, c.fn, c.call.Pos(), mine[0], nil, [2]token.Pos{}), true
			} else if c.pkg.TypesInfo.Defs[id] != nil && k == len(c.stack)-2 {
				// n, err := f(&q) ... q.Result: a copy of n taken right
				// away (reusing n would turn a test's check of both
				// channels into n != 2 || n != 2, which vet rejects).
				name, copyOf = e.valueName(fd, c.pkg, c.fn, c.call.Pos(), mine[0], nil, [2]token.Pos{}), id.Name
			}
		}
		if name == "" || lift && !blank {
			return fail()
		}
		if copyOf != "" {
			e.edit(as.End(), as.End(), "\n"+prog.Indent(as.Pos())+name+" := "+copyOf)
		}
		tok := ""
		liftable := func() bool {
			// name is new: := declares it, and assigns an existing error.
			ok, t := e.canLift(fd, c, k, blockEnd, &ast.AssignStmt{Lhs: as.Lhs[1:]}, false)
			tok = t
			return ok
		}
		switch ifs, _ := c.parent(2).(*ast.IfStmt); {
		case lift && liftable():
			// if _, err := f(&q); ... {} ... q.Result
			// -> result, err := f(&q); if ... {} ... result
			e.edit(ifs.Pos(), ifs.Pos(), name+", "+prog.Text(as.Lhs[1])+" "+tok+" "+e.moved(c.call.Pos(), c.call.End())+"\n"+prog.Indent(ifs.Pos()))
			e.edit(ifs.Init.Pos(), ifs.Cond.Pos(), "")
		case lift:
			// -> result, err2 := f(&q); if err := err2; ... {} ... result
			errName := e.fresh(fd, "err")
			e.edit(ifs.Pos(), ifs.Pos(), name+", "+errName+" := "+e.moved(c.call.Pos(), c.call.End())+"\n"+prog.Indent(ifs.Pos()))
			e.edit(as.Lhs[0].Pos(), as.Lhs[1].Pos(), "")
			e.edit(c.call.Pos(), c.call.End(), errName)
		case blank:
			e.edit(as.Lhs[0].Pos(), as.Lhs[0].End(), name)
		}
		for _, r := range mine {
			if r.node().Pos() < lo || r.node().End() > hi {
				return fail()
			}
			e.edit(r.node().Pos(), r.node().End(), name)
		}
	}
	return true
}

// nextStmt is the statement after s in the list that holds it (stack ends
// with s's parent), or nil.
func nextStmt(stack []ast.Node, s ast.Stmt) ast.Stmt {
	list := stmtList(stack[len(stack)-1])
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

// stmtList is the statement list of a block or a case clause, else nil.
func stmtList(n ast.Node) []ast.Stmt {
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
