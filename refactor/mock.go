package refactor

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/types/typeutil"
)

// Test doubles built on testify's mock package are members of a
// conversion like hand-written fakes, but their methods do not write
// Result: they return what an expectation set up elsewhere. So the
// method is rewritten whole, in the shape mockery v2 writes for a method
// returning (U, error), and every expectation of it changes with it:
//
//	m.On("GetX", ctx, mock.Anything).Return(nil)       -> .Return(nil, nil)
//	m.On("GetX", ...).Run(func(args mock.Arguments) {
//		args.Get(1).(*Q).Result = v
//	}).Return(nil)                                      -> .Return(v, nil)
//	m.On("GetX", ...).Return(func(ctx context.Context, q *Q) error {...})
//	                                                    -> a return-func of the new signature
//
// and mockery's typed expecter (m.EXPECT().GetX(...).Run/Return/
// RunAndReturn) likewise, with its generated _Call type's Return and
// RunAndReturn rewritten as mockery writes them for (U, error).

// testifyMockPath is the package of testify's mock.Mock.
const testifyMockPath = "github.com/stretchr/testify/mock"

// embedsTestifyMock reports whether t is a struct embedding testify's
// mock.Mock.
func embedsTestifyMock(t *types.Named) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if n, ok := types.Unalias(derefT(f.Type())).(*types.Named); ok && f.Embedded() && n.Obj().Name() == "Mock" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == testifyMockPath {
			return true
		}
	}
	return false
}

// isMockCall reports whether call is where an expectation starts: testify's
// (*mock.Mock).On, or a method of a mockery <Mock>_Expecter.
func isMockCall(info *types.Info, call *ast.CallExpr) bool {
	if _, ok := call.Fun.(*ast.SelectorExpr); !ok {
		return false
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Name() == "On" && fn.Pkg().Path() == testifyMockPath {
		return true
	}
	return strings.HasSuffix(recvName(fn), "_Expecter")
}

// recvName is the name of fn's receiver type, or "".
func recvName(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := types.Unalias(derefT(recv.Type())).(*types.Named); ok {
			return n.Obj().Name()
		}
	}
	return ""
}

// A mockMethod is a testify mock method whose body is replaced.
type mockMethod struct {
	ret    string   // the variable holding what Called returns
	called string   // the Called call's function, as written (_m.Called)
	params []string // the parameters' names and type texts
	ptypes []string
	pvars  []*types.Var
	// call is mockery's <Mock>_<Method>_Call type with its Return and
	// RunAndReturn methods, when the mock has an expecter.
	callReturn, callRunAndReturn *funcInfo
}

// An expectation is one chain of calls that sets up a mock method: On
// (or the expecter's typed method), then Run, Return, RunAndReturn and
// calls that change nothing of the values (Once, Times, Maybe, ...).
type expectation struct {
	m     *member
	site  *site // the call starting the chain
	typed bool  // through mockery's expecter
	run   *ast.CallExpr
	ret   *ast.CallExpr // Return
	rar   *ast.CallExpr // RunAndReturn
	form  expForm
	// lit is the function literal converted as a producer (a return-func
	// or RunAndReturn's), with its query parameter; for expMerge, Run's.
	lit      *ast.FuncLit
	litParam types.Object
	sites    []*site // the Result accesses in lit
	// For an untyped Run (func(args mock.Arguments)): the uses of args,
	// by argument index, and the statement `q := args.Get(i).(*Q)` that
	// names the query, which the return-func's parameter replaces.
	argUses map[ast.Expr]int
	qdecl   *ast.AssignStmt
	qindex  int
	// value, for expValue: the value Run's only statement assigns.
	value ast.Expr
}

type expForm int

const (
	expZero  expForm = iota // Return(err): the zero U goes before err
	expLit                  // a return-func or RunAndReturn literal converts as a producer
	expValue                // Run sets Result to a value fixed at registration: Return(v, err)
	expMerge                // Run's work moves into a return-func of the new signature
)

// analyzeMocks finds the testify mock members and every expectation of
// them, refusing the type when one cannot be read statically.
func (pl *planner) analyzeMocks(a *analysis) {
	prog, ix := pl.prog, pl.ix
	mocks := map[program.Key]map[string]*member{} // by mock type, by method
	for _, k := range a.keys {
		m := a.members[k]
		if m.mock == nil {
			continue
		}
		named := types.Unalias(derefT(m.fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
		tk := prog.Key(named.Obj())
		if mocks[tk] == nil {
			mocks[tk] = map[string]*member{}
		}
		mocks[tk][m.fn.Name()] = m
	}
	if len(mocks) == 0 {
		return
	}
	for _, s := range ix.mockCalls {
		call := s.node().(*ast.CallExpr)
		info := s.pkg.TypesInfo
		fn := typeutil.Callee(info, call).(*types.Func)
		var m *member
		typed := false
		if fn.Name() == "On" && fn.Pkg().Path() == testifyMockPath {
			if fd := s.outerFunc(); fd != nil && fd.Recv != nil && strings.HasSuffix(recvTypeName(fd), "_Expecter") {
				continue // the expecter's own On
			}
			ms := mockOf(prog, info, call.Fun.(*ast.SelectorExpr), mocks)
			if ms == nil {
				continue
			}
			name, ok := stringLit(info, call.Args)
			if !ok {
				a.refuse(prog, call.Pos(), "an expectation of the mock names its method with something other than a string literal, so which method it sets up cannot be read statically")
				return
			}
			if m = ms[name]; m == nil {
				continue
			}
		} else {
			recv := types.Unalias(derefT(fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
			mockName := strings.TrimSuffix(recv.Obj().Name(), "_Expecter")
			obj := recv.Obj().Pkg().Scope().Lookup(mockName)
			if obj == nil || mocks[prog.Key(obj)] == nil {
				continue
			}
			if m = mocks[prog.Key(obj)][fn.Name()]; m == nil {
				continue
			}
			typed = true
		}
		x := &expectation{m: m, site: s, typed: typed}
		if !pl.readExpectation(a, x) {
			return
		}
		a.expects = append(a.expects, x)
	}
}

// recvTypeName is the name of a method declaration's receiver type.
func recvTypeName(fd *ast.FuncDecl) string {
	t := fd.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// mockOf finds, among the types on the way from the receiver of an On
// call to the mock.Mock whose On it is (m, m.Mock, a struct embedding a
// mock), the one in mocks.
func mockOf(prog *program.Program, info *types.Info, on *ast.SelectorExpr, mocks map[program.Key]map[string]*member) map[string]*member {
	sel := info.Selections[on]
	if sel == nil {
		return nil
	}
	t := info.TypeOf(on.X)
	idx := sel.Index()
	for i := 0; ; i++ {
		n, ok := types.Unalias(derefT(t)).(*types.Named)
		if ok && mocks[prog.Key(n.Obj())] != nil {
			return mocks[prog.Key(n.Obj())]
		}
		st, ok := types.Unalias(derefT(t)).Underlying().(*types.Struct)
		if !ok || i >= len(idx)-1 {
			break
		}
		t = st.Field(idx[i]).Type()
	}
	// m.Mock.On(...): the mock is m.
	if x, ok := ast.Unparen(on.X).(*ast.SelectorExpr); ok && x.Sel.Name == "Mock" {
		if n, ok := types.Unalias(derefT(info.TypeOf(x.X))).(*types.Named); ok {
			return mocks[prog.Key(n.Obj())]
		}
	}
	return nil
}

// stringLit is the value of the first argument when it is a constant
// string.
func stringLit(info *types.Info, args []ast.Expr) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	tv := info.Types[args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// readExpectation reads the chain of calls after x's first call and
// decides how it converts.
func (pl *planner) readExpectation(a *analysis, x *expectation) bool {
	prog := pl.prog
	info := x.site.pkg.TypesInfo
	stack := x.site.stack
	cur := ast.Node(x.site.node())
	i := len(stack) - 1
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
		case "Run":
			slot = &x.run
		case "Return":
			slot = &x.ret
		case "RunAndReturn":
			slot = &x.rar
		case "Once", "Twice", "Times", "Maybe", "After", "WaitUntil", "NotBefore":
		default:
			return fail(sel.Sel.Pos(), "an expectation of %s calls %s, which cqgen refactor does not know", funcLabel(x.m.fn), sel.Sel.Name)
		}
		if slot != nil {
			if *slot != nil {
				return fail(c.Pos(), "an expectation of %s calls %s twice", funcLabel(x.m.fn), sel.Sel.Name)
			}
			*slot = c
		}
		cur, i = c, i-2
	}
	if _, ok := stack[i-1].(*ast.ExprStmt); !ok {
		return fail(cur.Pos(), "an expectation of %s is kept or passed on, so what it returns cannot be read statically", funcLabel(x.m.fn))
	}
	var runWrites []*site
	if x.run != nil {
		lit, ok := singleArg(x.run).(*ast.FuncLit)
		if !ok {
			return fail(x.run.Pos(), "the Run of an expectation of %s is not a function literal", funcLabel(x.m.fn))
		}
		x.lit = lit
		var ok2 bool
		if runWrites, ok2 = pl.runSites(a, x, lit); !ok2 {
			return false
		}
	}
	switch {
	case x.rar != nil:
		lit, ok := singleArg(x.rar).(*ast.FuncLit)
		if !ok || len(runWrites) > 0 {
			return fail(x.rar.Pos(), "the RunAndReturn of an expectation of %s is not a function literal, or its Run sets Result too", funcLabel(x.m.fn))
		}
		return pl.litProducer(a, x, lit)
	case x.ret == nil:
		if len(runWrites) > 0 {
			return fail(x.run.Pos(), "an expectation of %s sets Result in Run but has no Return", funcLabel(x.m.fn))
		}
		return true // it returns nothing, as before: the mock panics if called
	}
	if x.ret.Ellipsis.IsValid() {
		return fail(x.ret.Pos(), "an expectation of %s spreads a slice into Return, so what it returns cannot be read statically", funcLabel(x.m.fn))
	}
	if len(x.ret.Args) != 1 {
		return fail(x.ret.Pos(), "an expectation of %s gives Return %d values, not the method's error alone", funcLabel(x.m.fn), len(x.ret.Args))
	}
	if lit, ok := x.ret.Args[0].(*ast.FuncLit); ok && !x.typed {
		if len(runWrites) > 0 {
			return fail(x.run.Pos(), "an expectation of %s sets Result in Run and returns a return-func too", funcLabel(x.m.fn))
		}
		return pl.litProducer(a, x, lit)
	}
	if len(runWrites) == 0 {
		x.form, x.lit = expZero, nil
		return true
	}
	if !registrationSafe(info, x.site.outerFunc(), x.ret.Args[0], nil) {
		return fail(x.ret.Args[0].Pos(), "an expectation of %s returns %s, which a return-func would evaluate at each call instead of once", funcLabel(x.m.fn), prog.Text(x.ret.Args[0]))
	}
	x.form, x.sites = expMerge, runWrites
	if v := pl.fixedValue(a, x); v != nil {
		x.form, x.value = expValue, v
	}
	return true
}

func singleArg(c *ast.CallExpr) ast.Expr {
	if len(c.Args) != 1 {
		return nil
	}
	return c.Args[0]
}

// runSites finds the Result accesses in a Run literal and checks that
// they and the literal's other uses of its arguments can move into a
// return-func: through args.Get(i).(*Q), or a variable q declared as
// q := args.Get(i).(*Q) at the top of the body (untyped Run), or through
// the literal's query parameter (the expecter's typed Run).
func (pl *planner) runSites(a *analysis, x *expectation, lit *ast.FuncLit) ([]*site, bool) {
	prog := pl.prog
	info := x.site.pkg.TypesInfo
	sig := x.m.fn.Type().(*types.Signature)
	qi := -1
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == x.m.param {
			qi = i
		}
	}
	x.qindex = qi
	var params []types.Object
	for _, f := range lit.Type.Params.List {
		for _, n := range f.Names {
			params = append(params, info.Defs[n])
		}
	}
	fail := func(pos token.Pos, why string) ([]*site, bool) {
		a.refuse(prog, pos, "the Run of an expectation of %s %s, so it cannot move into a return-func", funcLabel(x.m.fn), why)
		return nil, false
	}
	var qvar types.Object
	if x.typed {
		if len(params) != sig.Params().Len() {
			return fail(lit.Pos(), "has unnamed parameters")
		}
		qvar = params[qi]
		x.litParam = qvar
	} else {
		if len(params) != 1 || params[0] == nil {
			return fail(lit.Pos(), "does not take its arguments as one named parameter")
		}
		args := params[0]
		x.argUses = map[ast.Expr]int{}
		var bad token.Pos
		usesOf(lit.Body, info, args, func(id *ast.Ident, stack []ast.Node) {
			if bad.IsValid() {
				return
			}
			use, idx, ok := argUse(info, stack, sig)
			if !ok {
				bad = id.Pos()
				return
			}
			x.argUses[use] = idx
		})
		if bad.IsValid() {
			return fail(bad, "uses its arguments other than as args.Get(i).(T) of the parameter's own type")
		}
		if len(lit.Body.List) > 0 {
			if as, ok := lit.Body.List[0].(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
				if idx, ok := x.argUses[ast.Unparen(as.Rhs[0])]; ok && idx == qi {
					x.qdecl = as
					qvar = info.Defs[as.Lhs[0].(*ast.Ident)]
				}
			}
		}
	}
	var out []*site
	for _, s := range pl.ix.resultsOf[a.t] {
		if !contains(lit, s.node()) {
			continue
		}
		sx := ast.Unparen(s.node().(*ast.SelectorExpr).X)
		if id, ok := sx.(*ast.Ident); ok && qvar != nil && info.Uses[id] == qvar {
			out = append(out, s)
			continue
		}
		if idx, ok := x.argUses[sx]; ok && idx == qi {
			out = append(out, s)
			continue
		}
		return fail(s.node().Pos(), "reaches Result other than through the query argument")
	}
	for _, s := range out {
		if deferredOrAsync(s.stack) {
			return fail(s.node().Pos(), "sets Result in a deferred function or a goroutine")
		}
	}
	return out, true
}

// argUse reads the use of Run's args at the end of stack: args.Get(i).(T)
// with T the method's parameter type, or args.String(i), Int, Bool,
// Error of a parameter of that type; it returns the expression a
// parameter replaces and i.
func argUse(info *types.Info, stack []ast.Node, sig *types.Signature) (ast.Expr, int, bool) {
	n := len(stack)
	if n < 4 {
		return nil, 0, false
	}
	sel, ok := stack[n-2].(*ast.SelectorExpr)
	if !ok {
		return nil, 0, false
	}
	call, ok := stack[n-3].(*ast.CallExpr)
	if !ok || call.Fun != ast.Expr(sel) || len(call.Args) != 1 {
		return nil, 0, false
	}
	tv := info.Types[call.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	i64, _ := constant.Int64Val(tv.Value)
	i := int(i64)
	if i < 0 || i >= sig.Params().Len() {
		return nil, 0, false
	}
	pt := sig.Params().At(i).Type()
	switch sel.Sel.Name {
	case "Get":
		ta, ok := stack[n-4].(*ast.TypeAssertExpr)
		if !ok || ta.X != ast.Expr(call) || ta.Type == nil || !sameType(info.TypeOf(ta.Type), pt) {
			return nil, 0, false
		}
		return ta, i, true
	case "String", "Int", "Bool", "Error":
		if !sameType(info.TypeOf(call), pt) {
			return nil, 0, false
		}
		return call, i, true
	}
	return nil, 0, false
}

// litProducer checks a function literal that the mock calls in place of
// the method (a return-func, RunAndReturn's): it converts as a producer.
func (pl *planner) litProducer(a *analysis, x *expectation, lit *ast.FuncLit) bool {
	prog := pl.prog
	info := x.site.pkg.TypesInfo
	sig, _ := info.TypeOf(lit).(*types.Signature)
	msig := x.m.fn.Type().(*types.Signature)
	if sig == nil || signatureString(sig) != signatureString(msig) {
		a.refuse(prog, lit.Pos(), "a return-func of an expectation of %s does not have the method's signature", funcLabel(x.m.fn))
		return false
	}
	qi := -1
	for i := 0; i < msig.Params().Len(); i++ {
		if msig.Params().At(i) == x.m.param {
			qi = i
		}
	}
	var params []types.Object
	for _, f := range lit.Type.Params.List {
		for _, n := range f.Names {
			params = append(params, info.Defs[n])
		}
	}
	x.form, x.lit = expLit, lit
	if len(params) == msig.Params().Len() {
		x.litParam = params[qi]
	}
	for _, s := range pl.ix.resultsOf[a.t] {
		if !contains(lit, s.node()) {
			continue
		}
		id, ok := ast.Unparen(s.node().(*ast.SelectorExpr).X).(*ast.Ident)
		if !ok || x.litParam == nil || info.Uses[id] != x.litParam {
			a.refuse(prog, s.node().Pos(), "a return-func of an expectation of %s reaches Result other than through its query parameter", funcLabel(x.m.fn))
			return false
		}
		if deferredOrAsync(s.stack) {
			a.refuse(prog, s.node().Pos(), "a return-func of an expectation of %s writes Result in a deferred function or a goroutine", funcLabel(x.m.fn))
			return false
		}
		x.sites = append(x.sites, s)
	}
	return true
}

// fixedValue is v when Run does nothing but `q.Result = v` (after naming
// the query) with v the same at registration as at each call, typed
// exactly as U or an untyped constant: then Return(v, err) says the same.
func (pl *planner) fixedValue(a *analysis, x *expectation) ast.Expr {
	body := x.lit.Body.List
	if x.qdecl != nil {
		body = body[1:]
	}
	if len(body) != 1 || len(x.sites) != 1 {
		return nil
	}
	as, ok := body[0].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || ast.Unparen(as.Lhs[0]) != x.sites[0].node() {
		return nil
	}
	info := x.site.pkg.TypesInfo
	v := as.Rhs[0]
	if !registrationSafe(info, x.site.outerFunc(), v, x.lit) {
		return nil
	}
	u := resultType(a.t)
	tv := info.Types[v]
	switch {
	case tv.IsNil():
		if !nillable(u) {
			return nil
		}
	case tv.Value != nil && isUntyped(tv.Type):
		// an untyped constant: typed as U when written (see valueText)
	case !sameType(tv.Type, u):
		return nil
	}
	return v
}

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}

// registrationSafe reports whether e has the same value when an
// expectation is registered as when the mock is called: a literal, a
// constant, nil, a package-level variable of another package, or a local
// variable of fd that nothing assigns after its declaration, and nothing
// declared inside except (the Run literal).
func registrationSafe(info *types.Info, fd *ast.FuncDecl, e ast.Expr, except ast.Node) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			if _, isPkg := info.Uses[id].(*types.PkgName); isPkg {
				return true // models.ErrNotFound
			}
		}
		return false
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.Nil, *types.Const:
			return true
		case *types.Var:
			if except != nil && obj.Pos() >= except.Pos() && obj.Pos() < except.End() {
				return false
			}
			if fd == nil || obj.Parent() == nil || obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() {
				return false
			}
			return !assignedAfterDecl(info, fd, obj)
		}
	}
	return false
}

// assignedAfterDecl reports whether fd assigns obj anywhere but where it
// declares it, increments it, or takes its address.
func assignedAfterDecl(info *types.Info, fd *ast.FuncDecl, obj types.Object) bool {
	found := false
	ast.Inspect(fd, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.Uses[id] == obj {
					found = true
				}
			}
		case *ast.IncDecStmt:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[id] == obj {
				found = true
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && info.Uses[id] == obj {
				found = true
			}
		}
		return !found
	})
	return found
}

func nillable(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return true
	}
	return false
}

// checkMockMethod reads a testify mock method: its body must be
// `ret := m.Called(params...)` followed by nothing but the unpacking of
// ret (ret.Get(0), ret.Error(0), a return-func override), which the
// rewrite replaces.
func (pl *planner) checkMockMethod(a *analysis, m *member) {
	prog := pl.prog
	fd, info := m.decl.decl, m.decl.pkg.TypesInfo
	fail := func(pos token.Pos, why string) {
		a.refuse(prog, pos, "%s is a testify mock method, but %s: cqgen refactor rewrites only the shape mockery writes (ret := m.Called(args...), then ret unpacked)", funcLabel(m.fn), why)
	}
	if !m.hasErr() {
		fail(fd.Pos(), "it returns nothing")
		return
	}
	if len(m.sites) > 0 {
		fail(m.sites[0].node().Pos(), "it sets Result too")
		return
	}
	mm := &mockMethod{}
	var pobjs []types.Object
	for _, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			fail(f.Pos(), "a parameter has no name")
			return
		}
		for _, n := range f.Names {
			switch n.Name {
			case "_", "ret", "r0", "r1", "rf", "ok":
				fail(n.Pos(), "a parameter is named "+n.Name)
				return
			}
			mm.params = append(mm.params, n.Name)
			mm.ptypes = append(mm.ptypes, prog.Text(f.Type))
			pobjs = append(pobjs, info.Defs[n])
			if v, ok := info.Defs[n].(*types.Var); ok {
				mm.pvars = append(mm.pvars, v)
			}
		}
	}
	if fd.Type.Params.List[len(fd.Type.Params.List)-1].Type != nil {
		if _, ok := fd.Type.Params.List[len(fd.Type.Params.List)-1].Type.(*ast.Ellipsis); ok {
			fail(fd.Pos(), "it is variadic")
			return
		}
	}
	body := fd.Body.List
	var first *ast.AssignStmt
	var called *ast.CallExpr
	if len(body) > 0 {
		first, _ = body[0].(*ast.AssignStmt)
	}
	if first != nil && first.Tok == token.DEFINE && len(first.Lhs) == 1 && len(first.Rhs) == 1 {
		called, _ = first.Rhs[0].(*ast.CallExpr)
	} else if len(body) == 1 {
		// return m.Called(ctx, q).Error(0)
		if r, ok := body[0].(*ast.ReturnStmt); ok && len(r.Results) == 1 {
			if c, ok := r.Results[0].(*ast.CallExpr); ok && len(c.Args) == 1 {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" {
					called, _ = sel.X.(*ast.CallExpr)
				}
			}
		}
	}
	if called == nil || !isCalled(info, called) || len(called.Args) != len(pobjs) {
		fail(fd.Body.Pos(), "it does not start with ret := m.Called(its parameters)")
		return
	}
	for i, arg := range called.Args {
		if id, ok := arg.(*ast.Ident); !ok || info.Uses[id] != pobjs[i] {
			fail(arg.Pos(), "Called is not given its parameters in order")
			return
		}
	}
	mm.ret, mm.called = "ret", prog.Text(called.Fun)
	if first == nil {
		m.mock = mm
		pl.findCallType(a, m)
		return
	}
	ret := info.Defs[first.Lhs[0].(*ast.Ident)]
	mm.ret = ret.Name()
	// The rest may only unpack ret: calls of ret's methods and of
	// variables declared in the body, assignments to those.
	local := func(id *ast.Ident) bool {
		obj := info.Uses[id]
		return obj != nil && obj.Pos() >= fd.Body.Pos() && obj.Pos() < fd.Body.End()
	}
	var bad ast.Node
	for _, st := range body[1:] {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				switch f := ast.Unparen(n.Fun).(type) {
				case *ast.SelectorExpr:
					if id, ok := f.X.(*ast.Ident); !ok || info.Uses[id] != ret {
						bad = n
					}
				case *ast.Ident:
					if !local(f) {
						bad = n
					}
				}
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); !ok || !(local(id) || info.Defs[id] != nil || id.Name == "_") {
						bad = n
					}
				}
			case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt, *ast.IncDecStmt, *ast.SendStmt:
				bad = n
			}
			return bad == nil
		})
	}
	if bad != nil {
		fail(bad.Pos(), "it does more than unpack what Called returns")
		return
	}
	m.mock = mm
	pl.findCallType(a, m)
}

// findCallType finds mockery's <Mock>_<Method>_Call type of a mock
// method, with the Return and RunAndReturn methods that change with it.
func (pl *planner) findCallType(a *analysis, m *member) {
	prog, mm := pl.prog, m.mock
	named := types.Unalias(derefT(m.fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
	if ct := mockeryType(named, "_"+m.fn.Name()+"_Call"); ct != nil {
		for _, name := range []string{"Return", "RunAndReturn"} {
			fn, fi := pl.methodOf(ct, name)
			if fn == nil {
				continue
			}
			if fi == nil {
				a.refuse(prog, fn.Pos(), "%s has no body in the loaded packages", fn.Name())
				return
			}
			if name == "Return" {
				mm.callReturn = fi
			} else {
				mm.callRunAndReturn = fi
			}
		}
		if mm.callReturn == nil || len(mm.callReturn.decl.Type.Params.List) != 1 || len(mm.callReturn.decl.Type.Params.List[0].Names) != 1 {
			a.refuse(prog, ct.Pos(), "the expecter call type %s has no Return(error) of the shape mockery writes", ct.Name())
		}
	}
}

// mockeryType is the type mockery declares beside the mock type named,
// named after it with suffix (_Expecter, _<Method>_Call), or nil.
func mockeryType(named *types.Named, suffix string) *types.TypeName {
	tn, _ := named.Obj().Pkg().Scope().Lookup(named.Obj().Name() + suffix).(*types.TypeName)
	return tn
}

// methodOf is the method name of *tn, and its declaration (nil when it
// has no body in the loaded packages); nil, nil when there is none.
func (pl *planner) methodOf(tn *types.TypeName, name string) (*types.Func, *funcInfo) {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, tn.Pkg(), name)
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil, nil
	}
	return fn, pl.ix.funcs[pl.prog.Key(fn)]
}

// callsCalled reports whether a method calls testify's Called: a method
// of a type embedding mock.Mock that does not is a hand-written fake.
func callsCalled(fi *funcInfo) bool {
	found := false
	ast.Inspect(fi.decl.Body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && isCalled(fi.pkg.TypesInfo, c) {
			found = true
		}
		return !found
	})
	return found
}

// isCalled reports whether call is testify's (*mock.Mock).Called.
func isCalled(info *types.Info, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn != nil && fn.Name() == "Called" && fn.Pkg() != nil && fn.Pkg().Path() == testifyMockPath
}

// emitMock replaces a mock method's body with the one mockery v2 writes
// for a method returning (U, error): a return-func of the whole new
// signature wins; else each result comes from its own return-func or
// from the values given to Return, the first nil-checked when U can be
// nil, so that Return(nil, err) gives the zero U.
func (e *emitter) emitMock(m *member, typ string) {
	mm, fd := m.mock, m.decl.decl
	params := strings.Join(mm.params, ", ")
	ptypes := e.mockParamTypes(m)
	types_ := strings.Join(ptypes, ", ")
	fn := func(res string) string { return "func(" + types_ + ") " + res }
	var b strings.Builder
	b.WriteString("{\n\t" + mm.ret + " := " + mm.called + "(" + params + ")\n\n")
	b.WriteString("\tvar r0 " + typ + "\n\tvar r1 error\n")
	b.WriteString("\tif rf, ok := " + mm.ret + ".Get(0).(" + fn("("+typ+", error)") + "); ok {\n\t\treturn rf(" + params + ")\n\t}\n")
	b.WriteString("\tif rf, ok := " + mm.ret + ".Get(0).(" + fn(typ) + "); ok {\n\t\tr0 = rf(" + params + ")\n\t} else {\n")
	if nillable(resultType(e.a.t)) {
		b.WriteString("\t\tif " + mm.ret + ".Get(0) != nil {\n\t\t\tr0 = " + mm.ret + ".Get(0).(" + typ + ")\n\t\t}\n")
	} else {
		b.WriteString("\t\tr0 = " + mm.ret + ".Get(0).(" + typ + ")\n")
	}
	b.WriteString("\t}\n\n")
	b.WriteString("\tif rf, ok := " + mm.ret + ".Get(1).(" + fn("error") + "); ok {\n\t\tr1 = rf(" + params + ")\n\t} else {\n\t\tr1 = " + mm.ret + ".Error(1)\n\t}\n\n")
	b.WriteString("\treturn r0, r1\n}")
	e.edit(fd.Body.Lbrace, fd.Body.Rbrace+1, b.String())
	if r := mm.callReturn; r != nil {
		// Return(_a0 error) -> Return(_a0 U, _a1 error), passing both on.
		p := r.decl.Type.Params
		old := p.List[0].Names[0].Name
		first, second := "_a0", old
		if old == "_a0" {
			second = "_a1"
		}
		rtyp := e.typeText(r.pkg.PkgPath, r.file, resultType(e.a.t))
		e.edit(p.Opening+1, p.Closing, first+" "+rtyp+", "+second+" error")
		ast.Inspect(r.decl.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Return" && len(c.Args) == 1 {
					if id, ok := c.Args[0].(*ast.Ident); ok && id.Name == old {
						e.edit(c.Args[0].Pos(), c.Args[0].End(), first+", "+second)
					}
				}
			}
			return true
		})
	}
	if r := mm.callReturn; r != nil && mm.callRunAndReturn == nil {
		// An older mockery wrote no RunAndReturn; the one it writes now
		// is what a computed value needs.
		e.addRunAndReturn(r, ptypes, e.typeText(r.pkg.PkgPath, r.file, resultType(e.a.t)))
	}
	if r := mm.callRunAndReturn; r != nil {
		p := r.decl.Type.Params
		if len(p.List) == 1 {
			if ft, ok := p.List[0].Type.(*ast.FuncType); ok && ft.Results != nil && len(ft.Results.List) == 1 {
				e.resultsEdit(ft, e.typeText(r.pkg.PkgPath, r.file, resultType(e.a.t)), true)
			}
		}
	}
}

// addRunAndReturn adds to a _Call type the RunAndReturn mockery writes,
// after its Return, when Return passes its values on as _c.Call.Return.
func (e *emitter) addRunAndReturn(r *funcInfo, ptypes []string, rtyp string) {
	recv := r.decl.Recv.List[0]
	if len(recv.Names) != 1 || r.decl.Type.Results == nil {
		return
	}
	c := recv.Names[0].Name
	if !strings.Contains(e.prog.Text(r.decl.Body), c+".Call.Return(") {
		return
	}
	ft := "func(" + strings.Join(ptypes, ", ") + ") (" + rtyp + ", error)"
	text := "\n\nfunc " + e.prog.Text(r.decl.Recv) + " RunAndReturn(run " + ft + ") " + e.prog.Text(r.decl.Type.Results) + " {\n\t" + c + ".Call.Return(run)\n\treturn " + c + "\n}"
	e.edit(r.decl.End(), r.decl.End(), text)
}

// emitExpectation rewrites one expectation.
func (e *emitter) emitExpectation(x *expectation) {
	prog := e.prog
	s := x.site
	u := resultType(e.a.t)
	typ := e.typeText(s.pkg.PkgPath, s.file, u)
	fd := s.outerFunc()
	switch x.form {
	case expZero:
		arg := x.ret.Args[0]
		e.edit(arg.Pos(), arg.Pos(), zeroExact(u, typ)+", ")
	case expLit:
		e.litProducer(fd, x.lit, x.sites, typ)
	case expValue:
		e.deleteCall(x.run)
		arg := x.ret.Args[0]
		e.edit(arg.Pos(), arg.Pos(), valueText(s.pkg.TypesInfo, x.value, u, typ, prog.Text(x.value))+", ")
	case expMerge:
		lit := x.lit
		errText := prog.Text(x.ret.Args[0])
		// Run's last statement sets Result, whole, and nothing else
		// touches it: that value is the one returned.
		last := lastWholeWrite(lit.Body, x.sites)
		name := ""
		if last != nil {
			v := last.Rhs[0]
			e.edit(last.Pos(), v.Pos(), "return ")
			e.edit(v.End(), last.End(), ", "+errText)
		} else {
			name = e.fresh(fd, "result")
			for _, st := range x.sites {
				e.edit(st.node().Pos(), st.node().End(), name)
			}
			returnsIn(lit.Body, func(r *ast.ReturnStmt) {
				e.edit(r.Pos(), r.End(), "return "+name+", "+errText)
			})
		}
		var params string
		if x.typed {
			// Rendered: with --value-params, *Q in the parameters became Q.
			params = e.render(lit.Type.Params.Pos(), lit.Type.Params.End())
		} else {
			params = e.runParams(x, fd)
		}
		body := strings.TrimRight(e.render(lit.Body.Lbrace+1, lit.Body.Rbrace), " \t\r\n")
		text := "func" + params + " (" + typ + ", error) {" + body + "\n}"
		if last == nil {
			text = "func" + params + " (" + typ + ", error) {\nvar " + name + " " + typ + body + "\nreturn " + name + ", " + errText + "\n}"
		}
		e.deleteCall(x.run)
		if x.typed {
			sel := x.ret.Fun.(*ast.SelectorExpr)
			e.edit(sel.Sel.Pos(), sel.Sel.End(), "RunAndReturn")
		}
		e.edit(x.ret.Lparen+1, x.ret.Rparen, text)
	}
}

// lastWholeWrite is the last statement of body when it is q.Result = x,
// sites are that statement's access alone, and body returns nowhere
// (each return would need the value too); else nil.
func lastWholeWrite(body *ast.BlockStmt, sites []*site) *ast.AssignStmt {
	if len(sites) != 1 || len(body.List) == 0 {
		return nil
	}
	as, ok := body.List[len(body.List)-1].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Lhs[0] != sites[0].node() {
		return nil
	}
	returns := false
	returnsIn(body, func(*ast.ReturnStmt) { returns = true })
	if returns {
		return nil
	}
	return as
}

// runParams writes the parameter list of the return-func an untyped Run
// becomes, and the edits that point Run's uses of its arguments at the
// parameters: the query keeps the name its declaration gave it (the
// declaration goes), the others get the mock method's names (fresh in
// fd) or _ when unused.
func (e *emitter) runParams(x *expectation, fd *ast.FuncDecl) string {
	mm := x.m.mock
	names := make([]string, len(mm.params))
	used := map[int]bool{}
	for _, i := range x.argUses {
		used[i] = true
	}
	for i := range names {
		switch {
		case i == x.qindex && x.qdecl != nil:
			names[i] = x.qdecl.Lhs[0].(*ast.Ident).Name
		case used[i]:
			names[i] = e.fresh(fd, mm.params[i])
		default:
			names[i] = "_"
		}
	}
	if x.qdecl != nil {
		e.deleteStmt(x.qdecl)
	}
	for use, i := range x.argUses {
		if x.qdecl != nil && contains(x.qdecl, use) || e.insideSite(x.sites, use) {
			continue // goes with the statement, or with the Result access
		}
		e.edit(use.Pos(), use.End(), names[i])
	}
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + " " + e.typeText(x.site.pkg.PkgPath, x.site.file, e.paramType(x.m, mm.pvars[i]))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func (e *emitter) insideSite(sites []*site, n ast.Node) bool {
	for _, s := range sites {
		if contains(s.node(), n) {
			return true
		}
	}
	return false
}

// deleteCall removes a call of a chain: x.Run(...) becomes x.
func (e *emitter) deleteCall(c *ast.CallExpr) {
	sel := c.Fun.(*ast.SelectorExpr)
	e.edit(sel.X.End(), c.End(), "")
}

// returnsIn calls f for each return statement of body, not of the
// function literals inside it.
func returnsIn(body *ast.BlockStmt, f func(*ast.ReturnStmt)) {
	findOwn(body, func(n ast.Node) bool {
		if r, ok := n.(*ast.ReturnStmt); ok {
			f(r)
		}
		return false
	})
}

// findOwn reports whether a node of n outside the function literals in
// it (n's own code; a literal n has none) satisfies f, visiting them in
// order until one does.
func findOwn(n ast.Node, f func(ast.Node) bool) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if found || x == nil {
			return false
		}
		if _, ok := x.(*ast.FuncLit); ok {
			return false
		}
		found = f(x)
		return !found
	})
	return found
}

// litProducer converts a function literal the mock calls in place of
// the method, as a producer: (U, error) results, its body as a
// producer's (producerBody).
func (e *emitter) litProducer(fd *ast.FuncDecl, lit *ast.FuncLit, sites []*site, typ string) {
	e.resultsEdit(lit.Type, typ, true)
	at := e.prog.At(lit.Pos()).Filename
	pf := &producerFunc{
		fd: fd, body: lit.Body, file: e.prog.Files[at], info: e.prog.Owner[at].TypesInfo,
		sites: sites, hasErr: true, label: "a function literal",
	}
	e.producerBody(pf, "", typ, resultType(e.a.t))
}

// zeroExact is the zero value of u as a value whose dynamic type is
// exactly u when stored in an interface, as testify stores Return's
// values and the mock asserts ret.Get(0).(U): nil where the mock's nil
// check accepts it, else a literal of u's own type (int64(0), not 0).
func zeroExact(u types.Type, typ string) string {
	if nillable(u) {
		return "nil"
	}
	z := zeroText(u, typ)
	if b, ok := u.(*types.Basic); ok && types.Identical(b, types.Default(untypedOf(b))) {
		return z // bool, string, int, float64: the literal's default type
	}
	if _, ok := u.Underlying().(*types.Basic); ok {
		return typ + "(" + z + ")"
	}
	return z
}

// untypedOf is the untyped kind whose default type a basic type could be.
func untypedOf(b *types.Basic) types.Type {
	switch {
	case b.Info()&types.IsBoolean != 0:
		return types.Typ[types.UntypedBool]
	case b.Info()&types.IsString != 0:
		return types.Typ[types.UntypedString]
	case b.Info()&types.IsInteger != 0:
		return types.Typ[types.UntypedInt]
	case b.Info()&types.IsFloat != 0:
		return types.Typ[types.UntypedFloat]
	case b.Info()&types.IsComplex != 0:
		return types.Typ[types.UntypedComplex]
	}
	return b
}

// valueText writes v for Return so that its dynamic type is exactly u:
// an untyped constant whose default type is not u is converted.
func valueText(info *types.Info, v ast.Expr, u types.Type, typ, text string) string {
	tv := info.Types[v]
	if tv.Value == nil {
		return text
	}
	// A constant takes its type from the assignment it was in; alone it
	// would take its kind's default type.
	def := map[constant.Kind]types.BasicKind{constant.Bool: types.Bool, constant.String: types.String, constant.Int: types.Int, constant.Float: types.Float64, constant.Complex: types.Complex128}
	if k, ok := def[tv.Value.Kind()]; ok && types.Identical(types.Typ[k], u) {
		return text
	}
	return typ + "(" + text + ")"
}
