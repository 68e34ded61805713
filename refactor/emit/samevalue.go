package emit

import (
	"go/ast"
	"go/token"
	"sort"

	"github.com/cqtools/cq/refactor/flow"
)

// emitSameValue writes the same-value conversion: the Result writes and
// the field go, the signatures stay, and callers read the returned value.
func (e *emitter) emitSameValue() {
	prog, a := e.Prog, e.a
	for _, s := range a.SameWrites {
		e.deleteStmt(s)
	}
	for _, s := range a.DeadKeys {
		e.deleteKey(s)
	}
	e.emitZeroReads()
	for _, k := range a.Keys {
		if m := a.Members[k]; !m.Iface {
			if m.WorkVar {
				e.workVarBody(m)
			}
			e.out.Funcs = append(e.out.Funcs, prog.Position(m.Decl.Decl.Name.Pos())+" "+flow.FuncLabel(m.Fn))
		}
	}
	for _, g := range a.Groups {
		if g.Fwd != nil || len(g.Reads) == 0 {
			continue // a forward (return s.store.X(ctx, q)) was checked with its producer
		}
		if !e.sameValueCalls(g.FuncDecl, g.Calls, g.Reads) {
			return
		}
	}
	e.deleteField()
}

// sameValueCalls points each read at the value its call already returns.
func (e *emitter) sameValueCalls(fd *ast.FuncDecl, calls []*flow.CallSite, reads []*flow.Site) bool {
	prog := e.Prog
	sort.Slice(calls, func(i, j int) bool { return calls[i].Call.Pos() < calls[j].Call.Pos() })
	for i, c := range calls {
		var mine []*flow.Site
		for _, r := range reads {
			if r.Node().Pos() > c.Call.End() && (i+1 == len(calls) || r.Node().Pos() < calls[i+1].Call.Pos()) {
				mine = append(mine, r)
			}
		}
		if len(mine) == 0 {
			continue
		}
		fail := func() bool {
			e.refuse(mine[0].Node().Pos(), "Result is read where the value the call on line %d returns cannot be followed", prog.At(c.Call.Pos()).Line)
			return false
		}
		k, blockEnd := flow.ListStmt(c.Stack)
		as, ok := c.Parent(1).(*ast.AssignStmt)
		if !ok || k < 0 || as.Tok != token.DEFINE || len(as.Lhs) != 2 {
			return fail()
		}
		lo, hi := as.End(), blockEnd
		lift := false
		if ifs, ok := c.Parent(2).(*ast.IfStmt); ok && ifs.Init == ast.Stmt(as) {
			lo, hi = ifs.Pos(), ifs.End()
			for _, r := range mine {
				if r.Node().Pos() > ifs.End() {
					lift = true
				}
			}
			if lift {
				// if _, err := f(&q); ... {} ... q.Result
				// -> n, err := f(&q); if ... {} ... n
				if k != len(c.Stack)-3 {
					return fail()
				}
				hi = blockEnd
			}
		} else if k != len(c.Stack)-2 {
			return fail()
		}
		name, blank, copyOf := "", false, ""
		switch id := as.Lhs[0].(type) {
		case *ast.Ident:
			if id.Name == "_" {
				name, blank = e.valueName(fd, c.Pkg, c.Fn, c.Call.Pos(), mine[0], nil, [2]token.Pos{}), true
			} else if c.Pkg.TypesInfo.Defs[id] != nil && k == len(c.Stack)-2 {
				// n, err := f(&q) ... q.Result: a copy of n taken right
				// away (reusing n would turn a test's check of both
				// channels into n != 2 || n != 2, which vet rejects).
				name, copyOf = e.valueName(fd, c.Pkg, c.Fn, c.Call.Pos(), mine[0], nil, [2]token.Pos{}), id.Name
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
		switch ifs, _ := c.Parent(2).(*ast.IfStmt); {
		case lift && liftable():
			// if _, err := f(&q); ... {} ... q.Result
			// -> result, err := f(&q); if ... {} ... result
			e.edit(ifs.Pos(), ifs.Pos(), name+", "+prog.Text(as.Lhs[1])+" "+tok+" "+e.moved(c.Call.Pos(), c.Call.End())+"\n"+prog.Indent(ifs.Pos()))
			e.edit(ifs.Init.Pos(), ifs.Cond.Pos(), "")
		case lift:
			// -> result, err2 := f(&q); if err := err2; ... {} ... result
			errName := e.freshAt(fd, "err", c.Pkg.TypesInfo, c.Stack, k, blockEnd)
			e.edit(ifs.Pos(), ifs.Pos(), name+", "+errName+" := "+e.moved(c.Call.Pos(), c.Call.End())+"\n"+prog.Indent(ifs.Pos()))
			e.edit(as.Lhs[0].Pos(), as.Lhs[1].Pos(), "")
			e.edit(c.Call.Pos(), c.Call.End(), errName)
		case blank:
			e.edit(as.Lhs[0].Pos(), as.Lhs[0].End(), name)
		}
		for _, r := range mine {
			if r.Node().Pos() < lo || r.Node().End() > hi {
				return fail()
			}
			e.edit(r.Node().Pos(), r.Node().End(), name)
		}
	}
	return true
}
