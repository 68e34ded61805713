package refactor

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/analyzers/cqmodel"
)

// emitConversion writes the conversion: producers return (U, error),
// interfaces change with them, callers read the returned value, and the
// field goes.
func (e *emitter) emitConversion() {
	prog, a := e.prog, e.a
	field := cqmodel.ResultField(a.t.obj.Type())
	producerVar := map[*ast.FuncDecl]string{}
	for _, k := range a.keys {
		m := a.members[k]
		if m.iface {
			e.rewriteIfaceMethod(m, field.Type())
			continue
		}
		fd := m.decl.decl
		name := e.fresh(fd, "result")
		producerVar[fd] = name
		typ := e.typeText(m.decl.pkg.PkgPath, m.decl.file, field.Type())
		e.resultsEdit(fd.Type, typ, m.hasErr())
		e.out.funcs = append(e.out.funcs, prog.position(fd.Name.Pos())+" "+funcLabel(m.fn))
		if m.mock != nil {
			e.emitMock(m, typ)
			continue
		}
		e.producerBody(m, name, typ)
	}
	for _, x := range a.expects {
		e.emitExpectation(x)
	}
	for _, s := range a.deadKeys {
		e.deleteKey(s)
	}
	e.emitFuncFields()
	e.emitZeroReads()
	for _, g := range a.groups {
		if !e.emitGroup(g, producerVar, field.Type()) {
			return
		}
	}
	e.deleteField()
}

// emitDelete deletes a field nothing reads or writes, and its keys in
// composite literals.
func (e *emitter) emitDelete() {
	for _, s := range e.ix.literals {
		if e.ix.byField[s.field] == e.a.t {
			e.deleteKey(s)
		}
	}
	e.deleteField()
}

// deleteKey deletes a Result key of a composite literal, with what
// separates it from its neighbour.
func (e *emitter) deleteKey(s *site) {
	kv := s.node().(*ast.KeyValueExpr)
	lit := s.parent(1).(*ast.CompositeLit)
	for i, el := range lit.Elts {
		switch {
		case el != ast.Expr(kv):
		case i+1 < len(lit.Elts):
			e.edit(kv.Pos(), lit.Elts[i+1].Pos(), "")
		case i > 0:
			e.edit(lit.Elts[i-1].End(), kv.End(), "")
		default:
			e.edit(lit.Lbrace+1, lit.Rbrace, "")
		}
	}
}

// emitGroup rewrites one call group: a forward assigns the producer's
// own result variable; reads get one variable per call where that fits,
// else one variable that stands for the field.
func (e *emitter) emitGroup(g *callGroup, producerVar map[*ast.FuncDecl]string, u types.Type) bool {
	if g.fwd != nil {
		return e.planCalls(g.fd, g.calls, nil, callDest{fwd: producerVar[g.fd], fwdScope: g.calls[0].pkg.TypesInfo.Scopes[g.fd.Type], fwdProducer: true})
	}
	if len(g.reads) == 0 {
		return e.planCalls(g.fd, g.calls, nil, callDest{})
	}
	// One variable per call reads best; when the reads do not fit that (a
	// read under a later call, in a loop or a closure, or out of the
	// call's scope), one variable shadows the Result field itself.
	if len(g.resets) == 0 && !g.written {
		trial := e.trial()
		if trial.planCalls(g.fd, g.calls, g.reads, callDest{}) {
			e.out.edits = append(e.out.edits, trial.out.edits...)
			return true
		}
	}
	if g.path != "" {
		e.refuse(g.reads[0].node().Pos(), "the Result of %s is read where one variable per call cannot follow it (a reset, a write, a loop or a closure)", g.path)
		return false
	}
	return e.sharedVariable(g, u)
}

func funcLabel(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := types.Unalias(derefT(recv.Type())).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

func compositeLit(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// sharedVariable gives the query variable one result variable, declared
// right after it, that every call assigns and every read reads: it
// follows the Result field exactly, in loops and closures too.
//
// A reset (q = Query{...}) zeroes the Result field, so it zeroes the
// variable too; the literal cannot set Result (such types are refused).
func (e *emitter) sharedVariable(g *callGroup, u types.Type) bool {
	prog, fd, obj, reads := e.prog, g.fd, g.obj, g.reads
	c0 := g.calls[0]
	var declStack []ast.Node
	var stack []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && c0.pkg.TypesInfo.Defs[id] == obj {
			declStack = append([]ast.Node(nil), stack...)
		}
		return declStack == nil
	})
	// A query parameter (taken by value, a caller, not a forwarder): the
	// variable is declared first thing in the body.
	param := declStack == nil && paramOf(c0.pkg.TypesInfo, fd.Type, obj)
	if declStack == nil && !param {
		e.refuse(reads[0].node().Pos(), "cannot find where %s is declared", obj.Name())
		return false
	}
	r := e.fresh(fd, resultName(reads[0]))
	typ := e.typeText(c0.pkg.PkgPath, c0.file, u)
	k, _ := listStmt(declStack)
	if param {
		e.edit(fd.Body.Lbrace+1, fd.Body.Lbrace+1, "\nvar "+r+" "+typ)
	} else if !e.declareBeside(declStack, k, obj, r, typ) {
		return false
	}
	for _, s := range reads {
		e.edit(s.node().Pos(), s.node().End(), r)
	}
	for _, pos := range g.resets {
		rs := pathTo(c0.file, pos)
		var as *ast.AssignStmt
		if len(rs) >= 2 {
			as, _ = rs[len(rs)-2].(*ast.AssignStmt)
		}
		k, _ := listStmt(rs)
		if as == nil || k != len(rs)-2 || len(as.Rhs) != 1 || compositeLit(as.Rhs[0]) == nil {
			e.refuse(pos, "the query variable %s is assigned here from something other than a composite literal, while its Result is read", obj.Name())
			return false
		}
		e.edit(as.End(), as.End(), "\n"+prog.indent(as.Pos())+r+" = "+zeroText(u, typ))
	}
	return e.planCalls(fd, g.calls, nil, callDest{fwd: r, fwdScope: obj.Parent()})
}

func (e *emitter) rewriteIfaceMethod(m *member, u types.Type) {
	prog := e.prog
	pos := prog.at(m.fn.Pos())
	f := prog.Files[pos.Filename]
	if f == nil {
		e.refuse(m.fn.Pos(), "the interface method %s has no syntax", m.fn.Name())
		return
	}
	tf := prog.Fset.File(f.Pos())
	at := tf.Pos(pos.Offset)
	var ft *ast.FuncType
	ast.Inspect(f, func(n ast.Node) bool {
		if fld, ok := n.(*ast.Field); ok && len(fld.Names) == 1 && fld.Names[0].Pos() == at {
			ft, _ = fld.Type.(*ast.FuncType)
		}
		return ft == nil
	})
	if ft == nil {
		e.refuse(m.fn.Pos(), "the interface method %s has no syntax", m.fn.Name())
		return
	}
	p := prog.owner[pos.Filename]
	typ := e.typeText(p.PkgPath, f, u)
	e.resultsEdit(ft, typ, m.hasErr())
	e.out.funcs = append(e.out.funcs, prog.position(at)+" "+funcLabelIface(m.fn))
}

func funcLabelIface(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := types.Unalias(recv.Type()).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

// producerBody replaces the producer's Result accesses with a local
// variable and returns it at every return.
func (e *emitter) producerBody(m *member, name, typ string) {
	prog, fd, hasErr := e.prog, m.decl.decl, m.hasErr()
	for _, s := range m.sites {
		e.edit(s.node().Pos(), s.node().End(), name)
	}
	used := len(m.sites) > 0
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if !hasErr {
				e.edit(n.Pos()+token.Pos(len("return")), n.Pos()+token.Pos(len("return")), " "+name)
				used = true
				return false
			}
			x := n.Results[0]
			if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && e.a.isForward(e.planner, m, call) {
				return false
			}
			if m.hoist && hasCall(x) {
				// return f(...) -> err := f(...); return result, err, by
				// edits around f(...) alone, so that other types' edits
				// inside it stay apart.
				errName := e.fresh(fd, "err")
				e.edit(n.Pos(), x.Pos(), errName+" := ")
				e.edit(x.End(), x.End(), "\n"+prog.indent(n.Pos())+"return "+name+", "+errName)
			} else {
				e.edit(x.Pos(), x.Pos(), name+", ")
			}
			used = true
			return false
		}
		return true
	})
	if !hasErr {
		if l := len(fd.Body.List); l == 0 || !isReturn(fd.Body.List[l-1]) {
			text := "\nreturn " + name + "\n"
			if at := prog.at(fd.Body.Rbrace); at.Offset > 0 && prog.source(at.Filename)[at.Offset-1] == '\n' {
				text = "return " + name + "\n"
			}
			e.edit(fd.Body.Rbrace, fd.Body.Rbrace, text)
			used = true
		}
	}
	if used || e.hasForwardNotReturned(m, fd) {
		decl := "\nvar " + name + " " + typ
		if at := prog.at(fd.Body.Lbrace + 1); at.Offset < len(prog.source(at.Filename)) && !bytes.HasPrefix(prog.source(at.Filename)[at.Offset:], []byte("\n")) && !bytes.HasPrefix(prog.source(at.Filename)[at.Offset:], []byte("\r\n")) {
			decl += "\n"
		}
		e.edit(fd.Body.Lbrace+1, fd.Body.Lbrace+1, decl)
	}
}

func isReturn(s ast.Stmt) bool { _, ok := s.(*ast.ReturnStmt); return ok }

func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.CallExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

// declareBeside declares the shared variable r right after the statement
// declaring the query variable obj (declStack leads to its name; k is the
// index of that statement), or first in a range body declaring it.
func (e *emitter) declareBeside(declStack []ast.Node, k int, obj types.Object, r, typ string) bool {
	if st, ok := declStack[len(declStack)-2].(*ast.RangeStmt); ok {
		e.edit(st.Body.Lbrace+1, st.Body.Lbrace+1, "\nvar "+r+" "+typ)
		return true
	}
	if k < 0 {
		e.refuse(obj.Pos(), "%s is not declared by a statement of its own", obj.Name())
		return false
	}
	switch declStack[k].(type) {
	case *ast.DeclStmt, *ast.AssignStmt:
	default:
		e.refuse(obj.Pos(), "%s is not declared by a statement of its own", obj.Name())
		return false
	}
	end := declStack[k].End()
	e.edit(end, end, "\n"+e.prog.indent(declStack[k].Pos())+"var "+r+" "+typ)
	return true
}
