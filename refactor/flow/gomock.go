package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/types/typeutil"
)

// Mocks written by mockgen (go.uber.org/mock, and the archived
// github.com/golang/mock it continues) are the second family of
// generated doubles. A mock method hands its arguments to the
// controller and unpacks what the matched expectation's actions give
// back:
//
//	ret := m.ctrl.Call(m, "GetX", ctx, q)
//	ret0, _ := ret[0].(error)
//	return ret0
//
// so, like testify's, it is rewritten whole, and every expectation of it
// changes with it:
//
//	m.EXPECT().GetX(ctx, gomock.Any()).Return(nil)       -> .Return(nil, nil)
//	.DoAndReturn(func(ctx context.Context, q *Q) error {...})
//	                                                      -> a function of the new signature
//	.Do(func(ctx context.Context, q *Q) { q.Result = v }).Return(nil)
//	                                                      -> .Return(v, nil), or one DoAndReturn
//
// With -typed, mockgen also writes a <Mock><Method>Call type whose
// Return, Do and DoAndReturn take the method's own types; they change as
// mockgen writes them for (U, error). The recorder's
// reflect.TypeOf((*Mock)(nil).GetX) only reads the method's type, which
// gomock checks Return's values against: it changes with the signature,
// and the expectations with it.

// gomockPaths are the packages of gomock's Controller and Call.
var gomockPaths = map[string]bool{
	"go.uber.org/mock/gomock":       true,
	"github.com/golang/mock/gomock": true,
}

// isGomock reports whether obj is declared in a gomock package.
func isGomock(obj types.Object) bool {
	return obj != nil && obj.Pkg() != nil && gomockPaths[obj.Pkg().Path()]
}

// isGomockType reports whether t is *gomock.<name>.
func isGomockType(t types.Type, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Name() == name && isGomock(n.Obj())
}

// hasGomockController reports whether named is a struct with a
// *gomock.Controller field: a mock mockgen wrote.
func hasGomockController(named *types.Named) bool {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if isGomockType(st.Field(i).Type(), "Controller") {
			return true
		}
	}
	return false
}

// embedsGomockCall reports whether t (or what it points to) is a struct
// embedding *gomock.Call: mockgen -typed's call wrapper.
func embedsGomockCall(t types.Type) bool {
	st, ok := types.Unalias(DerefT(t)).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i).Embedded() && isGomockType(st.Field(i).Type(), "Call") {
			return true
		}
	}
	return false
}

// isGomockRecording reports whether call starts a gomock expectation: a
// method of a recorder, which returns *gomock.Call or a typed wrapper of
// one, on a receiver that is neither.
func isGomockRecording(info *types.Info, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || isGomock(fn) {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil || sig.Results().Len() != 1 || embedsGomockCall(sig.Recv().Type()) {
		return false
	}
	r := sig.Results().At(0).Type()
	return isGomockType(r, "Call") || embedsGomockCall(r)
}

// isControllerCall reports whether call is (*gomock.Controller).<name>.
func isControllerCall(info *types.Info, call *ast.CallExpr, name string) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Name() != name || !isGomock(fn) {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	return recv != nil && isGomockType(recv.Type(), "Controller")
}

// callsController reports whether fi calls the controller's Call: a
// method of a type with a controller that does not is written by hand.
func callsController(fi *FuncInfo) bool {
	return FindOwn(fi.Decl.Body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		return ok && isControllerCall(fi.Pkg.TypesInfo, c, "Call")
	})
}

// A GomockMethod is a mockgen mock method whose unpacking is replaced.
type GomockMethod struct {
	// Ret is the variable holding what the controller's Call returns;
	// Unpack, the first statement after it: from there to the end of the
	// body is rewritten.
	Ret    string
	Unpack ast.Stmt
	// Recorder is the recorder's method of the same name.
	Recorder *FuncInfo
	// Typed: mockgen -typed's <Mock><Method>Call methods, which change
	// with the signature.
	CallReturn, CallDo, CallDoAndReturn *FuncInfo
}

// checkGomockMethod reads a mockgen mock method: Helper calls, then
// ret := m.ctrl.Call(m, "Name", its parameters...), then nothing but the
// unpacking of ret.
func (pl *Analyzer) checkGomockMethod(a *Analysis, m *Member) {
	prog := pl.Prog
	fd, info := m.Decl.Decl, m.Decl.Pkg.TypesInfo
	fail := func(pos token.Pos, why string) {
		a.refuse(prog, pos, "%s is a gomock mock method, but %s: cqgen refactor rewrites only the shape mockgen writes (ret := m.ctrl.Call(m, \"Name\", args...), then ret unpacked)", FuncLabel(m.Fn), why)
	}
	if !m.HasErr() {
		fail(fd.Pos(), "it returns nothing")
		return
	}
	if len(m.Sites) > 0 {
		fail(m.Sites[0].Node().Pos(), "it sets Result too")
		return
	}
	var params []types.Object
	for _, f := range fd.Type.Params.List {
		if _, ok := f.Type.(*ast.Ellipsis); ok {
			fail(f.Pos(), "it is variadic")
			return
		}
		if len(f.Names) == 0 {
			fail(f.Pos(), "a parameter has no name")
			return
		}
		for _, n := range f.Names {
			switch n.Name {
			case "_", "ret", "ret0", "ret1":
				fail(n.Pos(), "a parameter is named "+n.Name)
				return
			}
			params = append(params, info.Defs[n])
		}
	}
	recv := info.Defs[fd.Recv.List[0].Names[0]]
	body := fd.Body.List
	i := 0
	for i < len(body) && isHelperCall(body[i]) {
		i++
	}
	var call *ast.CallExpr
	var ret types.Object
	if i < len(body) {
		if as, ok := body[i].(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
			call, _ = as.Rhs[0].(*ast.CallExpr)
			ret = info.Defs[as.Lhs[0].(*ast.Ident)]
		}
	}
	if call == nil || ret == nil || !isControllerCall(info, call, "Call") || len(call.Args) != len(params)+2 {
		fail(fd.Body.Pos(), "it does not start with ret := m.ctrl.Call(m, \"Name\", its parameters)")
		return
	}
	if id, ok := call.Args[0].(*ast.Ident); !ok || recv == nil || info.Uses[id] != recv {
		fail(call.Args[0].Pos(), "the controller is not given the mock itself")
		return
	}
	if name, ok := StringLit(info, call.Args[1:]); !ok || name != m.Fn.Name() {
		fail(call.Args[1].Pos(), "the controller is not given the method's own name")
		return
	}
	for j, arg := range call.Args[2:] {
		if id, ok := arg.(*ast.Ident); !ok || info.Uses[id] != params[j] {
			fail(arg.Pos(), "the controller is not given the parameters in order")
			return
		}
	}
	rest := body[i+1:]
	if len(rest) == 0 {
		fail(fd.Body.Rbrace, "it does not return what the controller gives")
		return
	}
	local := func(id *ast.Ident) bool {
		obj := info.Uses[id]
		return obj != nil && obj.Pos() >= fd.Body.Pos() && obj.Pos() < fd.Body.End()
	}
	var bad ast.Node
	for _, st := range rest {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr, *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt, *ast.IncDecStmt, *ast.SendStmt:
				bad = n
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); !ok || !(local(id) || info.Defs[id] != nil || id.Name == "_") {
						bad = n
					}
				}
			}
			return bad == nil
		})
	}
	if bad != nil {
		fail(bad.Pos(), "it does more than unpack what the controller's Call returns")
		return
	}
	gm := &GomockMethod{Ret: ret.Name(), Unpack: rest[0]}
	if !pl.findRecorder(a, m, gm) {
		return
	}
	m.Gomock = gm
}

// isHelperCall reports whether st is x.Helper(), as mockgen starts each
// method with m.ctrl.T.Helper().
func isHelperCall(st ast.Stmt) bool {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return false
	}
	c, ok := es.X.(*ast.CallExpr)
	if !ok || len(c.Args) != 0 {
		return false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Helper"
}

// findRecorder finds the recorder's method of m (on the type the mock's
// EXPECT returns) and, for mockgen -typed, the methods of the call
// wrapper it returns that change with the signature.
func (pl *Analyzer) findRecorder(a *Analysis, m *Member, gm *GomockMethod) bool {
	prog := pl.Prog
	named := types.Unalias(DerefT(m.Fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
	expect, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), false, named.Obj().Pkg(), "EXPECT")
	efn, ok := expect.(*types.Func)
	if !ok || efn.Type().(*types.Signature).Results().Len() != 1 {
		a.refuse(prog, m.Fn.Pos(), "%s is a gomock mock method, but its mock has no EXPECT returning a recorder", FuncLabel(m.Fn))
		return false
	}
	rec, ok := types.Unalias(DerefT(efn.Type().(*types.Signature).Results().At(0).Type())).(*types.Named)
	if !ok {
		a.refuse(prog, efn.Pos(), "the EXPECT of %s's mock does not return a recorder type", FuncLabel(m.Fn))
		return false
	}
	rfn, rfi := pl.MethodOf(rec.Obj(), m.Fn.Name())
	if rfn == nil || rfi == nil {
		a.refuse(prog, rec.Obj().Pos(), "the recorder %s has no method %s in the loaded packages", rec.Obj().Name(), m.Fn.Name())
		return false
	}
	gm.Recorder = rfi
	res := rfn.Type().(*types.Signature).Results()
	if res.Len() != 1 || isGomockType(res.At(0).Type(), "Call") {
		return true
	}
	ct, ok := types.Unalias(DerefT(res.At(0).Type())).(*types.Named)
	if !ok || !embedsGomockCall(ct) {
		a.refuse(prog, rfn.Pos(), "the recorder method %s returns neither *gomock.Call nor a typed call", rfn.Name())
		return false
	}
	for _, name := range []string{"Return", "Do", "DoAndReturn"} {
		fn, fi := pl.MethodOf(ct.Obj(), name)
		if fn == nil || fi == nil || isGomock(fn) {
			a.refuse(prog, ct.Obj().Pos(), "the typed call %s has no %s of its own in the loaded packages", ct.Obj().Name(), name)
			return false
		}
		switch name {
		case "Return":
			gm.CallReturn = fi
		case "Do":
			gm.CallDo = fi
		default:
			gm.CallDoAndReturn = fi
		}
	}
	if p := gm.CallReturn.Decl.Type.Params; len(p.List) != 1 || len(p.List[0].Names) != 1 {
		a.refuse(prog, ct.Obj().Pos(), "the typed call %s has no Return(error) of the shape mockgen writes", ct.Obj().Name())
		return false
	}
	return true
}

// gomockRecorderValue reports whether v, a member used as a value, is the
// method value a member's recorder gives reflect.TypeOf: only its type is
// read, and it changes with the member.
func (a *Analysis) gomockRecorderValue(v *CallSite) bool {
	for _, m := range a.Members {
		if m.Gomock == nil || m.Gomock.Recorder == nil || !Contains(m.Gomock.Recorder.Decl.Body, v.Node()) {
			continue
		}
		if len(v.Stack) < 2 {
			return false
		}
		c, ok := v.Stack[len(v.Stack)-2].(*ast.CallExpr)
		if !ok || len(c.Args) != 1 {
			// the selector: its parent is the call
			if len(v.Stack) < 3 {
				return false
			}
			c, ok = v.Stack[len(v.Stack)-3].(*ast.CallExpr)
			if !ok || len(c.Args) != 1 {
				return false
			}
		}
		fn, _ := typeutil.Callee(v.Pkg.TypesInfo, c).(*types.Func)
		return fn != nil && fn.Name() == "TypeOf" && fn.Pkg() != nil && fn.Pkg().Path() == "reflect" && Contains(c.Args[0], v.Node())
	}
	return false
}

// analyzeGomock finds every expectation of the gomock members.
func (pl *Analyzer) analyzeGomock(a *Analysis) {
	prog := pl.Prog
	recorders := map[program.Key]*Member{} // by recorder method
	for _, k := range a.Keys {
		if m := a.Members[k]; m.Gomock != nil {
			recorders[prog.Key(m.Gomock.Recorder.Obj)] = m
		}
	}
	if len(recorders) == 0 {
		return
	}
	for _, s := range pl.Index.mockCalls {
		call := s.Node().(*ast.CallExpr)
		fn, _ := typeutil.Callee(s.Pkg.TypesInfo, call).(*types.Func)
		m := recorders[prog.Key(fn)]
		if m == nil {
			continue
		}
		x := &Expectation{Member: m, Site: s, Typed: true, Gomock: true}
		if !pl.readGomockExpectation(a, x) {
			return
		}
		a.Expects = append(a.Expects, x)
	}
}

// readGomockExpectation reads the chain of calls after x's recording and
// decides how it converts.
func (pl *Analyzer) readGomockExpectation(a *Analysis, x *Expectation) bool {
	prog := pl.Prog
	info := x.Site.Pkg.TypesInfo
	stack := x.Site.Stack
	cur := ast.Node(x.Site.Node())
	i := len(stack) - 1
	label := FuncLabel(x.Member.Fn)
	fail := func(pos token.Pos, format string, args ...any) bool {
		a.refuse(prog, pos, format, args...)
		return false
	}
	for i >= 2 {
		sel, ok := stack[i-1].(*ast.SelectorExpr)
		if !ok || sel.X != cur {
			break
		}
		c, ok := stack[i-2].(*ast.CallExpr)
		if !ok || c.Fun != ast.Expr(sel) {
			break
		}
		var slot **ast.CallExpr
		switch sel.Sel.Name {
		case "Do":
			slot = &x.Run
		case "Return":
			slot = &x.Ret
		case "DoAndReturn":
			slot = &x.rar
		case "Times", "AnyTimes", "MinTimes", "MaxTimes", "After":
		default:
			return fail(sel.Sel.Pos(), "an expectation of %s calls %s, which cqgen refactor does not know", label, sel.Sel.Name)
		}
		if slot != nil {
			if *slot != nil {
				return fail(c.Pos(), "an expectation of %s calls %s twice", label, sel.Sel.Name)
			}
			*slot = c
		}
		cur, i = c, i-2
	}
	if !pl.gomockChainEnds(info, x.Site.OuterFunc(), cur, stack[:i]) {
		return fail(cur.Pos(), "an expectation of %s is kept or passed on other than to gomock.InOrder or After, so what it returns cannot be read statically", label)
	}
	if x.rar != nil {
		lit, ok := singleArg(x.rar).(*ast.FuncLit)
		if !ok {
			return fail(x.rar.Pos(), "the DoAndReturn of an expectation of %s is not a function literal", label)
		}
		if x.Run != nil || x.Ret != nil {
			// gomock returns what the last action that returns gave.
			return fail(x.rar.Pos(), "an expectation of %s has DoAndReturn beside Do or Return, so which values it returns depends on their order", label)
		}
		return pl.litProducer(a, x, lit)
	}
	var runWrites []*Site
	if x.Run != nil {
		lit, ok := singleArg(x.Run).(*ast.FuncLit)
		if !ok {
			return fail(x.Run.Pos(), "the Do of an expectation of %s is not a function literal", label)
		}
		x.Lit = lit
		var ok2 bool
		if runWrites, ok2 = pl.runSites(a, x, lit); !ok2 {
			return false
		}
		if sig, _ := info.TypeOf(lit).(*types.Signature); sig != nil && sig.Results().Len() > 0 && len(runWrites) == 0 {
			// A typed Do takes the method's whole signature: its
			// literal changes with it, though gomock drops what it
			// returns.
			if !pl.litProducer(a, x, lit) {
				return false
			}
			x.DoLit, x.Lit, x.Sites, x.Form = lit, nil, nil, ExpNone
		}
	}
	if x.Ret != nil {
		if x.Ret.Ellipsis.IsValid() {
			return fail(x.Ret.Pos(), "an expectation of %s spreads a slice into Return, so what it returns cannot be read statically", label)
		}
		if len(x.Ret.Args) != 1 {
			return fail(x.Ret.Pos(), "an expectation of %s gives Return %d values, not the method's error alone", label, len(x.Ret.Args))
		}
	}
	if len(runWrites) == 0 {
		if x.Ret == nil {
			x.Form = ExpNone // gomock returns zero values, as before
			return true
		}
		x.Form = ExpZero
		return true
	}
	if x.Ret != nil && !registrationSafe(info, x.Site.OuterFunc(), x.Ret.Args[0], nil) {
		return fail(x.Ret.Args[0].Pos(), "an expectation of %s returns %s, which a DoAndReturn would evaluate at each call instead of once", label, prog.Text(x.Ret.Args[0]))
	}
	x.Form, x.Sites = ExpMerge, runWrites
	if x.Ret != nil {
		if v := pl.fixedValue(a, x); v != nil {
			x.Form, x.Value = ExpValue, v
		}
	}
	return true
}

// gomockChainEnds reports whether the chain ending at cur (with stack
// above it) is a statement of its own, an argument of gomock.InOrder or
// of another expectation's After, or a variable's value used only so.
func (pl *Analyzer) gomockChainEnds(info *types.Info, fd *ast.FuncDecl, cur ast.Node, stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	ordering := func(parent ast.Node, child ast.Node) bool {
		c, ok := parent.(*ast.CallExpr)
		if !ok || c.Fun == child {
			return false
		}
		fn, _ := typeutil.Callee(info, c).(*types.Func)
		if fn == nil {
			return false
		}
		return fn.Name() == "InOrder" && isGomock(fn) || fn.Name() == "After" && (isGomock(fn) || embedsGomockCall(fn.Type().(*types.Signature).Recv().Type()))
	}
	switch p := stack[len(stack)-1].(type) {
	case *ast.ExprStmt:
		return true
	case *ast.CallExpr:
		return ordering(p, cur)
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || len(p.Rhs) != 1 || p.Tok != token.DEFINE || fd == nil {
			return false
		}
		id, ok := p.Lhs[0].(*ast.Ident)
		if !ok {
			return false
		}
		obj := info.Defs[id]
		if obj == nil || assignedAfterDecl(info, fd, obj) {
			return false
		}
		only := true
		UsesOf(fd.Body, info, obj, func(use *ast.Ident, st []ast.Node) {
			if use == id {
				return
			}
			if !ordering(st[len(st)-2], use) {
				only = false
			}
		})
		return only
	}
	return false
}
