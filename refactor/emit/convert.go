package emit

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/flow"
)

// emitConversion writes the conversion: producers return (U, error),
// interfaces change with them, callers read the returned value, and the
// field goes.
func (e *emitter) emitConversion() {
	prog, a := e.Prog, e.a
	field := cqmodel.ResultField(a.Target.Obj.Type())
	producerVar := map[*ast.FuncDecl]string{}
	for _, k := range a.Keys {
		m := a.Members[k]
		if m.Iface {
			if !m.SameValue() {
				e.rewriteIfaceMethod(m, field.Type())
			}
			continue
		}
		fd := m.Decl.Decl
		if m.SameValue() {
			// A half-migrated producer keeps its signature; its writes go
			// below.
			if m.WorkVar {
				e.workVarBody(m)
			}
			e.out.Funcs = append(e.out.Funcs, prog.Position(fd.Name.Pos())+" "+flow.FuncLabel(m.Fn))
			continue
		}
		name := e.fresh(fd, "result")
		producerVar[fd] = name
		typ := e.typeText(m.Decl.Pkg.PkgPath, m.Decl.File, field.Type())
		e.resultsEdit(fd.Type, typ, m.HasErr())
		e.out.Funcs = append(e.out.Funcs, prog.Position(fd.Name.Pos())+" "+flow.FuncLabel(m.Fn))
		if m.Mock != nil {
			e.emitMock(m, typ)
			continue
		}
		if m.Gomock != nil {
			e.emitGomock(m, typ)
			continue
		}
		if m.Fake != nil {
			e.emitFake(m, typ)
			continue
		}
		pf := &producerFunc{
			fd: fd, body: fd.Body, file: m.Decl.File, info: m.Decl.Pkg.TypesInfo,
			sites: m.Sites, hasErr: m.HasErr(), hoist: m.Hoist, label: m.Fn.Name(),
			forward:      func(call *ast.CallExpr) bool { return e.a.IsForward(e.Analyzer, m, call) },
			forwardsMore: func() bool { return e.HasForwardNotReturned(e.a, m, fd) },
		}
		e.out.finish = append(e.out.finish, func() { e.producerBody(pf, name, typ, field.Type()) })
	}
	for _, x := range a.Expects {
		e.emitExpectation(x)
	}
	for _, s := range a.SameWrites {
		e.deleteStmt(s)
	}
	for _, s := range a.DeadKeys {
		e.deleteKey(s)
	}
	e.emitFuncFields()
	e.emitZeroReads()
	for _, g := range a.Groups {
		if g.Same {
			// Calls of a half-migrated producer: reads point at the value
			// it already returns.
			if len(g.Reads) > 0 && !e.sameValueCalls(g.FuncDecl, g.Calls, g.Reads) {
				return
			}
			continue
		}
		if !e.emitGroup(g, producerVar, field.Type()) {
			return
		}
	}
	e.deleteField()
}

// emitDelete deletes a field nothing reads or writes, and its keys in
// composite literals.
func (e *emitter) emitDelete() {
	for _, s := range e.Index.Literals {
		if e.Index.ByField[s.Field] == e.a.Target {
			e.deleteKey(s)
		}
	}
	e.deleteField()
}

// deleteKey deletes a Result key of a composite literal, with what
// separates it from its neighbour.
func (e *emitter) deleteKey(s *flow.Site) {
	kv := s.Node().(*ast.KeyValueExpr)
	lit := s.Parent(1).(*ast.CompositeLit)
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
func (e *emitter) emitGroup(g *flow.CallGroup, producerVar map[*ast.FuncDecl]string, u types.Type) bool {
	if g.Fwd != nil {
		return e.planCalls(g.FuncDecl, g.Calls, nil, callDest{fwd: producerVar[g.FuncDecl], fwdScope: g.Calls[0].Pkg.TypesInfo.Scopes[g.FuncDecl.Type], fwdProducer: true})
	}
	if len(g.Reads) == 0 {
		return e.planCalls(g.FuncDecl, g.Calls, nil, callDest{})
	}
	if g.Ret != nil {
		// The variable standing for the field holds, at each return, what
		// Result held: the value returned instead of the query.
		r, ok := e.sharedVariableNamed(g, u)
		if ok {
			e.emitReturner(g.Ret, r, u)
		}
		return ok
	}
	// One variable per call reads best; when the reads do not fit that (a
	// read under a later call, in a loop or a closure, or out of the
	// call's scope), one variable shadows the Result field itself.
	if !g.Written && !readAfterReset(g) {
		trial := e.trial()
		if trial.planCalls(g.FuncDecl, g.Calls, g.Reads, callDest{}) {
			e.keep(trial)
			return true
		}
		trial.release()
	}
	if g.Path != "" {
		e.refuse(g.Reads[0].Node().Pos(), "the Result of %s is read where one variable per call cannot follow it (a reset, a write, a loop or a closure)", g.Path)
		return false
	}
	return e.sharedVariable(g, u)
}

// readAfterReset reports whether a read of g's Result may see what a
// reset (q = Query{...}) left there rather than what a call returned: a
// reset lies between the read and the last call before it, or in a loop
// or function literal around the read that holds no call before it. One
// variable per call cannot say that zero.
func readAfterReset(g *flow.CallGroup) bool {
	for _, r := range g.Reads {
		at := r.Node().Pos()
		var last *ast.CallExpr
		for _, c := range g.Calls {
			if c.Call.End() <= at && (last == nil || c.Call.Pos() > last.Pos()) {
				last = c.Call
			}
		}
		for _, p := range g.Resets {
			if p < at && (last == nil || p > last.End()) {
				return true
			}
			for _, n := range r.Stack {
				switch n.(type) {
				case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
					if n.Pos() <= p && p < n.End() && (last == nil || !flow.Contains(n, last)) {
						return true
					}
				}
			}
		}
	}
	return false
}

// sharedVariable gives the query variable one result variable, declared
// right after it, that every call assigns and every read reads: it
// follows the Result field exactly, in loops and closures too.
//
// A reset (q = Query{...}) zeroes the Result field, so it zeroes the
// variable too; the literal cannot set Result (such types are refused).
func (e *emitter) sharedVariable(g *flow.CallGroup, u types.Type) bool {
	_, ok := e.sharedVariableNamed(g, u)
	return ok
}

// sharedVariableNamed is sharedVariable, with the variable's name.
func (e *emitter) sharedVariableNamed(g *flow.CallGroup, u types.Type) (string, bool) {
	prog, fd, obj, reads := e.Prog, g.FuncDecl, g.Obj, g.Reads
	c0 := g.Calls[0]
	var declStack []ast.Node
	var stack []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && c0.Pkg.TypesInfo.Defs[id] == obj {
			declStack = append([]ast.Node(nil), stack...)
		}
		return declStack == nil
	})
	// A query parameter (taken by value, a caller, not a forwarder): the
	// variable is declared first thing in the body.
	param := declStack == nil && flow.ParamOf(c0.Pkg.TypesInfo, fd.Type, obj)
	if declStack == nil && !param {
		e.refuse(reads[0].Node().Pos(), "cannot find where %s is declared", obj.Name())
		return "", false
	}
	k, end := flow.ListStmt(declStack)
	// Seen from the query's declaration to the end of its list (a
	// parameter's: all of fd).
	var scope *types.Scope
	var region [2]token.Pos
	if !param && k > 0 {
		scope, region = obj.Parent(), [2]token.Pos{declStack[k].Pos(), end}
	}
	r := e.valueName(fd, c0.Pkg, c0.Fn, obj.Pos(), reads[0], scope, region)
	typ := e.typeText(c0.Pkg.PkgPath, c0.File, u)
	dead := deadStores(g)
	dest := callDest{fwd: r, fwdScope: obj.Parent()}
	planned := false
	if first := g.Calls[0]; !param && g.Ret == nil && declaresNext(declStack, k, first, reads, dead) {
		// The query's declaration is followed by the first call, whose
		// statement can declare the variable: r, err := f(&q).
		trial := e.trial()
		d := dest
		d.declareAt = first.Call
		if planned = trial.planCalls(fd, g.Calls, nil, d); planned {
			e.keep(trial)
		} else {
			trial.release()
		}
	}
	if !planned {
		if param {
			e.edit(fd.Body.Lbrace+1, fd.Body.Lbrace+1, "\nvar "+r+" "+typ)
		} else if !e.declareBeside(declStack, k, obj, r, typ) {
			return "", false
		}
	}
	for _, s := range reads {
		if as := wholeWrite(s); as != nil && dead[as] {
			// q.Result = x that the next statement's call overwrites
			// before anything reads it: x alone stays, if it does
			// something.
			if flow.HasEffects(as.Rhs[0]) {
				e.edit(s.Node().Pos(), s.Node().End(), "_")
			} else {
				e.deleteStmt(as)
			}
			continue
		}
		e.edit(s.Node().Pos(), s.Node().End(), r)
	}
	for _, pos := range g.Resets {
		as, _ := resetAt(c0.File, pos)
		if as == nil || len(as.Rhs) != 1 || flow.CompositeLit(as.Rhs[0]) == nil {
			e.refuse(pos, "the query variable %s is assigned here from something other than a composite literal, while its Result is read", obj.Name())
			return "", false
		}
		if !dead[as] {
			e.edit(as.End(), as.End(), "\n"+prog.Indent(as.Pos())+r+" = "+zeroText(u, typ))
		}
	}
	return r, planned || e.planCalls(fd, g.Calls, nil, dest)
}

// declaresNext reports whether the statement after the query's
// declaration (declStack[k]) in its list, past dead stores, holds the
// call c, with no read before c's end but those stores: then c's
// statement can declare the variable that stands for Result instead of a
// var statement before it.
func declaresNext(declStack []ast.Node, k int, c *flow.CallSite, reads []*flow.Site, dead map[ast.Stmt]bool) bool {
	if k < 1 {
		return false
	}
	decl, ok := declStack[k].(ast.Stmt)
	if !ok {
		return false
	}
	list := flow.StmtList(declStack[k-1])
	next := -1
	for i, st := range list {
		if st == decl {
			next = i + 1
		}
	}
	for next > 0 && next < len(list) && dead[list[next]] {
		next++
	}
	if next < 1 || next >= len(list) || !flow.Contains(list[next], c.Call) {
		return false
	}
	for _, r := range reads {
		if as := wholeWrite(r); (as == nil || !dead[as]) && r.Node().Pos() < c.Call.End() {
			return false
		}
	}
	return true
}

// deadStores are the statements that store into g's Result, whole
// (q.Result = x, or a reset q = Query{...}), whose next statement in their
// list is the statement of one of g's calls, with no other access of
// Result from the store to the call's end: the call's value overwrites
// the variable standing for Result before anything reads it, so storing
// there is dead (ineffassign would say so).
func deadStores(g *flow.CallGroup) map[ast.Stmt]bool {
	dead := map[ast.Stmt]bool{}
	type store struct {
		st   *ast.AssignStmt
		list ast.Node // the statement list holding it
	}
	var stores []store
	for _, s := range g.Reads {
		if as := wholeWrite(s); as != nil {
			stores = append(stores, store{as, s.Parent(2)})
		}
	}
	for _, pos := range g.Resets {
		if as, list := resetAt(g.Calls[0].File, pos); as != nil {
			stores = append(stores, store{as, list})
		}
	}
	for _, sl := range stores {
		st, list := sl.st, flow.StmtList(sl.list)
		i := slices.Index(list, ast.Stmt(st))
		if i < 0 || i+1 >= len(list) {
			continue
		}
		next := list[i+1]
		for _, c := range g.Calls {
			if ck, _ := flow.ListStmt(c.Stack); ck < 1 || c.Stack[ck] != ast.Node(next) {
				continue
			}
			clear := true
			for _, r := range g.Reads {
				if p := r.Node().Pos(); p >= st.End() && p < c.Call.End() || wholeWrite(r) != st && flow.Contains(st, r.Node()) {
					clear = false
				}
			}
			if clear {
				dead[st] = true
			}
		}
	}
	return dead
}

// resetAt is the statement q = Query{...}, or any other assignment, whose
// left side is the query variable at pos, when it sits in a statement
// list and assigns that alone, and the node of that list; else nil.
func resetAt(file *ast.File, pos token.Pos) (*ast.AssignStmt, ast.Node) {
	rs := flow.PathTo(file, pos)
	if len(rs) < 3 {
		return nil, nil
	}
	as, ok := rs[len(rs)-2].(*ast.AssignStmt)
	if k, _ := flow.ListStmt(rs); !ok || k != len(rs)-2 || len(as.Lhs) != 1 {
		return nil, nil
	}
	return as, rs[len(rs)-3]
}

// wholeWrite is the statement q.Result = x whose whole left side is the
// access s, in a statement list; else nil.
func wholeWrite(s *flow.Site) *ast.AssignStmt {
	as, ok := s.Parent(1).(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Lhs[0] != s.Node() {
		return nil
	}
	switch s.Parent(2).(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return as
	}
	return nil
}

func (e *emitter) rewriteIfaceMethod(m *flow.Member, u types.Type) {
	prog := e.Prog
	ft, f, at := prog.IfaceFuncType(m.Fn)
	if ft == nil {
		e.refuse(m.Fn.Pos(), "the interface method %s has no syntax", m.Fn.Name())
		return
	}
	p := prog.Owner[prog.At(at).Filename]
	typ := e.typeText(p.PkgPath, f, u)
	e.resultsEdit(ft, typ, m.HasErr())
	e.out.Funcs = append(e.out.Funcs, prog.Position(at)+" "+funcLabelIface(m.Fn))
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
// variable and returns it. It runs once the rest of the emission is
// written (emission.finish), for a return returns the zero value where no
// edit that names the variable can have run before it, and a Result
// assignment right before a return becomes the value returned; the
// variable is declared only when something still names it, by its first
// assignment where that can declare it (result := x). An empty name: the
// function names nothing else (a literal), and a fresh one is reserved
// only if the variable stays.
func (e *emitter) producerBody(pf *producerFunc, name, typ string, u types.Type) {
	prog, fd, body, hasErr := e.Prog, pf.fd, pf.body, pf.hasErr
	zero := zeroText(u, typ)
	slots := e.returnSlots(pf)
	if slots == nil {
		return
	}
	pairs := e.assignReturnPairs(pf, slots)
	var mentions []token.Pos
	for _, s := range pf.sites {
		if pairs[s] == nil {
			mentions = append(mentions, s.Node().Pos())
		}
	}
	if name != "" {
		mentions = append(mentions, e.mentions(body, name)...)
	}
	if len(pairs) > 0 && mentionedLate(body, mentions) {
		// A deferred call or a closure may read the variable after the
		// return: keep every assignment.
		for s := range pairs {
			pairs[s].pair = nil
			mentions = append(mentions, s.Node().Pos())
		}
		pairs = nil
	}
	if name == "" && len(mentions) > 0 {
		name = e.fresh(fd, "result")
	}
	for _, sl := range slots {
		if sl.ret == nil || !hasErr || sl.hoist || !hasCall(sl.ret.Results[0]) {
			continue
		}
		x := sl.ret.Results[0]
		for _, p := range mentions {
			if x.Pos() <= p && p < x.End() {
				// return f(func() { result = ... }): the call may assign
				// the variable, which return result, f(...) would read
				// in an order the language leaves open.
				sl.hoist = true
			}
		}
	}
	first := e.declaringAssign(pf, u, pairs, mentions)
	for _, s := range pf.sites {
		if pairs[s] == nil {
			e.edit(s.Node().Pos(), s.Node().End(), name)
		}
	}
	if first != nil {
		e.edit(first.TokPos, first.TokPos+1, ":=")
	}
	vals := make([]string, len(slots))
	named := false
	for i, sl := range slots {
		vals[i] = zero
		if sl.pair == nil && mayBeAssigned(fd, body, mentions, sl) {
			vals[i], named = name, true
		}
	}
	if !named && len(mentions) > 0 {
		// Assigned where no return follows (a rewrite shape this does not
		// follow): return the variable everywhere, as it stands for Result.
		for i, sl := range slots {
			if sl.pair == nil {
				vals[i], named = name, true
			}
		}
	}
	for i, sl := range slots {
		val := vals[i]
		switch {
		case sl.pair != nil:
			// q.Result = x; return nil -> return x, nil
			x := sl.pair.Rhs[0]
			e.edit(sl.pair.Pos(), x.Pos(), "return ")
			if sl.ret != nil {
				tail := ""
				if hasErr {
					tail = ", " + prog.Text(sl.ret.Results[0])
				}
				e.edit(x.End(), sl.ret.End(), tail)
			}
		case sl.ret == nil:
			text := "\nreturn " + val + "\n"
			if at := prog.At(body.Rbrace); at.Offset > 0 && prog.Source(at.Filename)[at.Offset-1] == '\n' {
				text = "return " + val + "\n"
			}
			e.edit(body.Rbrace, body.Rbrace, text)
		case !hasErr:
			at := sl.ret.Pos() + token.Pos(len("return"))
			e.edit(at, at, " "+val)
		case sl.hoist:
			// return f(...) -> err := f(...); return result, err, by edits
			// around f(...) alone, so that other types' edits inside it
			// stay apart.
			x := sl.ret.Results[0]
			stack := flow.PathTo(pf.file, x.Pos())
			k, blockEnd := flow.ListStmt(stack)
			errName, tok := "", ":="
			if k > 0 {
				sp := declSpot{fd: fd, info: pf.info, stack: stack, k: k, end: blockEnd}
				errName, tok = e.errName(sp, pf.info.TypeOf(x), [2]token.Pos{x.Pos(), x.End()}, true)
			} else {
				errName = e.fresh(fd, "err")
			}
			e.edit(sl.ret.Pos(), x.Pos(), errName+" "+tok+" ")
			e.edit(x.End(), x.End(), "\n"+prog.Indent(sl.ret.Pos())+"return "+val+", "+errName)
		default:
			x := sl.ret.Results[0]
			e.edit(x.Pos(), x.Pos(), val+", ")
		}
	}
	if first == nil && (named || len(mentions) > 0 || pf.forwardsMore != nil && pf.forwardsMore()) {
		decl := "\nvar " + name + " " + typ
		if at := prog.At(body.Lbrace + 1); at.Offset < len(prog.Source(at.Filename)) && !bytes.HasPrefix(prog.Source(at.Filename)[at.Offset:], []byte("\n")) && !bytes.HasPrefix(prog.Source(at.Filename)[at.Offset:], []byte("\r\n")) {
			decl += "\n"
		}
		e.edit(body.Lbrace+1, body.Lbrace+1, decl)
	}
}

// declaringAssign is the assignment q.Result = x that can declare the
// variable (result := x): a statement of the body itself, with nothing
// naming the variable before it or inside x, and x of the Result type
// (result := 1 would be an int).
func (e *emitter) declaringAssign(pf *producerFunc, u types.Type, pairs map[*flow.Site]*returnSlot, mentions []token.Pos) *ast.AssignStmt {
	if pf.hoist || hasGoto(pf.fd) {
		return nil
	}
	var first *ast.AssignStmt
	for _, s := range pf.sites {
		if pairs[s] != nil {
			continue
		}
		as, ok := s.Parent(1).(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Lhs[0] != s.Node() || s.Parent(2) != ast.Node(pf.body) {
			continue
		}
		if !typedAs(pf.info, as.Rhs[0], u) {
			continue
		}
		first = as
		break
	}
	if first == nil {
		return nil
	}
	for _, p := range mentions {
		if p < first.End() && p != first.Lhs[0].Pos() {
			return nil
		}
	}
	return first
}

// typedAs reports whether x := <x> would give x the type u: x has that
// type of its own, not one an untyped constant, nil or comparison takes
// from the Result field it is assigned to.
func typedAs(info *types.Info, x ast.Expr, u types.Type) bool {
	tv, ok := info.Types[x]
	if !ok || tv.IsNil() || tv.Type == nil {
		return false
	}
	if tv.Value != nil {
		lit, ok := ast.Unparen(x).(*ast.BasicLit)
		kinds := map[token.Token]types.BasicKind{token.STRING: types.String, token.INT: types.Int, token.FLOAT: types.Float64, token.CHAR: types.Int32, token.IMAG: types.Complex128}
		return ok && types.Identical(u, types.Typ[kinds[lit.Kind]])
	}
	switch x := ast.Unparen(x).(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return false // an untyped bool
		}
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			return false
		}
	}
	// u is seen through the package variant its type was found in, x
	// through its own file's: the two are one type only by name.
	return flow.SameType(tv.Type, u)
}

// A producerFunc is the function whose body a producer's rewrite edits:
// a declaration's, or a function literal's (a return-func, a func
// field's value), with fd the declaration whose names it reserves.
type producerFunc struct {
	fd     *ast.FuncDecl
	body   *ast.BlockStmt
	file   *ast.File
	info   *types.Info
	sites  []*flow.Site // the Result accesses through the query parameter
	hasErr bool         // it returns an error (else nothing)
	hoist  bool         // a return's expression could change the variable
	label  string       // its name, for a refusal
	// forward reports a call returned as it is (return s.store.X(ctx,
	// q)); forwardsMore, that the query is forwarded other than so; nil
	// for a literal.
	forward      func(*ast.CallExpr) bool
	forwardsMore func() bool
}

// A returnSlot is a place where a producer returns: a return statement
// of its own (not of a function literal, and not a forward returned as it
// is), or, ret nil, the end of a body that returns nothing.
type returnSlot struct {
	ret   *ast.ReturnStmt
	hoist bool            // the return's error is a call that may assign the variable
	pair  *ast.AssignStmt // q.Result = x right before it: it returns x
}

// span is the source of the slot's return statement (the closing brace for
// the end of a body).
func (sl *returnSlot) span(body *ast.BlockStmt) (token.Pos, token.Pos) {
	if sl.ret == nil {
		return body.Rbrace, body.Rbrace
	}
	return sl.ret.Pos(), sl.ret.End()
}

// returnSlots lists pf's return slots, in source order; nil (with a
// refusal) for a return it cannot rewrite.
func (e *emitter) returnSlots(pf *producerFunc) []*returnSlot {
	body, hasErr := pf.body, pf.hasErr
	slots := []*returnSlot{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if !hasErr {
				slots = append(slots, &returnSlot{ret: n})
				return false
			}
			if len(n.Results) != 1 {
				e.refuse(n.Pos(), "%s returns here without naming its error (a named result)", pf.label)
				slots = nil
				return false
			}
			x := n.Results[0]
			if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && pf.forward != nil && pf.forward(call) {
				return false
			}
			slots = append(slots, &returnSlot{ret: n, hoist: pf.hoist && hasCall(x)})
			return false
		}
		return slots != nil
	})
	if slots == nil {
		return nil
	}
	if l := len(body.List); !hasErr && (l == 0 || !flow.IsReturn(body.List[l-1])) {
		slots = append(slots, &returnSlot{})
	}
	return slots
}

// assignReturnPairs finds the Result assignments q.Result = x that sit
// right before a return slot whose error (if any) is a plain name, so that
// the return can return x itself, and marks the slots.
func (e *emitter) assignReturnPairs(pf *producerFunc, slots []*returnSlot) map[*flow.Site]*returnSlot {
	body := pf.body
	pairs := map[*flow.Site]*returnSlot{}
	if pf.hoist {
		return pairs // the variable's address is given away
	}
	for _, s := range pf.sites {
		as, ok := s.Parent(1).(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Lhs[0] != s.Node() {
			continue
		}
		list := s.Parent(2)
		stmts := flow.StmtList(list)
		var next ast.Stmt
		last := false
		for i, st := range stmts {
			if st == ast.Stmt(as) {
				last = i == len(stmts)-1
				if !last {
					next = stmts[i+1]
				}
			}
		}
		var sl *returnSlot
		for _, x := range slots {
			if x.ret != nil && next != nil && ast.Stmt(x.ret) == next || x.ret == nil && last && list == ast.Node(body) {
				sl = x
			}
		}
		if sl == nil || sl.pair != nil || sl.hoist {
			continue
		}
		end := body.Rbrace
		if sl.ret != nil {
			end = sl.ret.Pos()
			if pf.hasErr && !plainName(sl.ret.Results[0]) {
				continue
			}
		}
		if e.hasComment(pf.file, as.Pos(), as.Rhs[0].Pos()) || e.hasComment(pf.file, as.Rhs[0].End(), end) {
			continue
		}
		sl.pair = as
		pairs[s] = sl
	}
	return pairs
}

// plainName reports whether x is a name or a package's name (nil, err,
// sql.ErrNoRows): nothing whose evaluation order or edits matter.
func plainName(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		_, ok := x.X.(*ast.Ident)
		return ok && x.Sel.Name != "Result"
	}
	return false
}

func (e *emitter) hasComment(f *ast.File, from, to token.Pos) bool {
	for _, cg := range f.Comments {
		if cg.Pos() < to && cg.End() > from {
			return true
		}
	}
	return false
}

// mentions are the positions of the emission's edits inside body whose
// text names the variable name (a forward assigning it, say).
func (e *emitter) mentions(body *ast.BlockStmt, name string) []token.Pos {
	tf := e.Prog.Fset.File(body.Pos())
	lo, hi := tf.Offset(body.Lbrace), tf.Offset(body.Rbrace)
	var out []token.Pos
	for _, ed := range e.out.Edits {
		if ed.File == tf.Name() && ed.Start > lo && ed.End <= hi && namesIdent(ed.New, name) {
			out = append(out, tf.Pos(ed.Start))
		}
	}
	return out
}

// namesIdent reports whether the Go text src has the identifier name.
func namesIdent(src, name string) bool {
	for i := strings.Index(src, name); i >= 0; {
		end := i + len(name)
		if (i == 0 || !isIdentByte(src[i-1])) && (end == len(src) || !isIdentByte(src[end])) {
			return true
		}
		j := strings.Index(src[i+1:], name)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isIdentByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b >= 0x80
}

// mentionedLate reports whether a mention sits in a function literal or
// a deferred call, which may run after a return.
func mentionedLate(body *ast.BlockStmt, mentions []token.Pos) bool {
	late := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit, *ast.DeferStmt:
			for _, p := range mentions {
				if n.Pos() <= p && p < n.End() {
					late = true
				}
			}
			return false
		}
		return !late
	})
	return late
}

// mayBeAssigned reports whether one of the mentions can have run before
// the slot returns: it comes before it in the source, or shares a loop
// with it (or fd has a goto).
func mayBeAssigned(fd *ast.FuncDecl, body *ast.BlockStmt, mentions []token.Pos, sl *returnSlot) bool {
	if len(mentions) == 0 {
		return false
	}
	if hasGoto(fd) {
		return true
	}
	start, end := sl.span(body)
	for _, p := range mentions {
		if p < end {
			return true
		}
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= start && end <= n.End() {
				for _, p := range mentions {
					if n.Pos() <= p && p < n.End() {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

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
	e.edit(end, end, "\n"+e.Prog.Indent(declStack[k].Pos())+"var "+r+" "+typ)
	return true
}
