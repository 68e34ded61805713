package flow

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

// TestifyMockPath is the package of testify's mock.Mock.
const TestifyMockPath = "github.com/stretchr/testify/mock"

// embedsTestifyMock reports whether t is a struct embedding testify's
// mock.Mock.
func embedsTestifyMock(t *types.Named) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if n, ok := types.Unalias(DerefT(f.Type())).(*types.Named); ok && f.Embedded() && n.Obj().Name() == "Mock" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == TestifyMockPath {
			return true
		}
	}
	return false
}

// IsMockCall reports whether call is where an expectation starts: testify's
// (*mock.Mock).On, or a method of a mockery <Mock>_Expecter.
func IsMockCall(info *types.Info, call *ast.CallExpr) bool {
	if _, ok := call.Fun.(*ast.SelectorExpr); !ok {
		return false
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if fn.Name() == "On" && fn.Pkg().Path() == TestifyMockPath {
		return true
	}
	return strings.HasSuffix(recvName(fn), "_Expecter")
}

// RecvName is the name of fn's receiver type, or "".
func recvName(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := types.Unalias(DerefT(recv.Type())).(*types.Named); ok {
			return n.Obj().Name()
		}
	}
	return ""
}

// A mockMethod is a testify mock method whose body is replaced.
type mockMethod struct {
	Ret        string   // the variable holding what Called returns
	Called     string   // the Called call's function, as written (_m.Called)
	Params     []string // the parameters' names and type texts
	ParamTypes []string
	ParamVars  []*types.Var
	// Guard is the panic's argument of the guard mockery writes since
	// v2.38 right after Called (if len(ret) == 0 { panic("no return value
	// specified for GetX") }), as written; "" when there is none.
	Guard string
	// call is mockery's <Mock>_<Method>_Call type with its Return and
	// RunAndReturn methods, when the mock has an expecter.
	CallReturn, CallRunAndReturn *FuncInfo
}

// An expectation is one chain of calls that sets up a mock method: On
// (or the expecter's typed method), then Run, Return, RunAndReturn and
// calls that change nothing of the values (Once, Times, Maybe, ...).
type Expectation struct {
	Member *Member
	Site   *Site // the call starting the chain
	Typed  bool  // through mockery's expecter
	Run    *ast.CallExpr
	Ret    *ast.CallExpr // Return
	rar    *ast.CallExpr // RunAndReturn
	Form   expForm
	// Lit is the function literal converted as a producer (a return-func
	// or RunAndReturn's), with its query parameter; for ExpMerge, Run's.
	Lit      *ast.FuncLit
	LitParam types.Object
	Sites    []*Site // the Result accesses in lit
	// For an untyped Run (func(args mock.Arguments)): the uses of args,
	// by argument index, and the statement `q := args.Get(i).(*Q)` that
	// names the query, which the return-func's parameter replaces.
	ArgUses    map[ast.Expr]int
	QueryDecl  *ast.AssignStmt
	QueryIndex int
	// Value, for ExpValue: the value Run's only statement assigns.
	Value ast.Expr
}

type expForm int

const (
	ExpZero  expForm = iota // Return(err): the zero U goes before err
	ExpLit                  // a return-func or RunAndReturn literal converts as a producer
	ExpValue                // Run sets Result to a value fixed at registration: Return(v, err)
	ExpMerge                // Run's work moves into a return-func of the new signature
)

// analyzeMocks finds the testify mock members and every expectation of
// them, refusing the type when one cannot be read statically.
func (pl *Analyzer) analyzeMocks(a *Analysis) {
	prog, ix := pl.Prog, pl.Index
	mocks := map[program.Key]map[string]*Member{} // by mock type, by method
	for _, k := range a.Keys {
		m := a.Members[k]
		if m.Mock == nil {
			continue
		}
		named := types.Unalias(DerefT(m.Fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
		tk := prog.Key(named.Obj())
		if mocks[tk] == nil {
			mocks[tk] = map[string]*Member{}
		}
		mocks[tk][m.Fn.Name()] = m
	}
	if len(mocks) == 0 {
		return
	}
	for _, s := range ix.mockCalls {
		call := s.Node().(*ast.CallExpr)
		info := s.Pkg.TypesInfo
		fn := typeutil.Callee(info, call).(*types.Func)
		var m *Member
		typed := false
		if fn.Name() == "On" && fn.Pkg().Path() == TestifyMockPath {
			if fd := s.OuterFunc(); fd != nil && fd.Recv != nil && strings.HasSuffix(recvTypeName(fd), "_Expecter") {
				continue // the expecter's own On
			}
			ms := MockOf(prog, info, call.Fun.(*ast.SelectorExpr), mocks)
			if ms == nil {
				continue
			}
			name, ok := StringLit(info, call.Args)
			if !ok {
				a.refuse(prog, call.Pos(), "an expectation of the mock names its method with something other than a string literal, so which method it sets up cannot be read statically")
				return
			}
			if m = ms[name]; m == nil {
				continue
			}
		} else {
			recv := types.Unalias(DerefT(fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
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
		x := &Expectation{Member: m, Site: s, Typed: typed}
		if !pl.readExpectation(a, x) {
			return
		}
		a.Expects = append(a.Expects, x)
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

// MockOf finds, among the types on the way from the receiver of an On
// call to the mock.Mock whose On it is (m, m.Mock, a struct embedding a
// mock), the one in mocks.
func MockOf(prog *program.Program, info *types.Info, on *ast.SelectorExpr, mocks map[program.Key]map[string]*Member) map[string]*Member {
	sel := info.Selections[on]
	if sel == nil {
		return nil
	}
	t := info.TypeOf(on.X)
	idx := sel.Index()
	for i := 0; ; i++ {
		n, ok := types.Unalias(DerefT(t)).(*types.Named)
		if ok && mocks[prog.Key(n.Obj())] != nil {
			return mocks[prog.Key(n.Obj())]
		}
		st, ok := types.Unalias(DerefT(t)).Underlying().(*types.Struct)
		if !ok || i >= len(idx)-1 {
			break
		}
		t = st.Field(idx[i]).Type()
	}
	// m.Mock.On(...): the mock is m.
	if x, ok := ast.Unparen(on.X).(*ast.SelectorExpr); ok && x.Sel.Name == "Mock" {
		if n, ok := types.Unalias(DerefT(info.TypeOf(x.X))).(*types.Named); ok {
			return mocks[prog.Key(n.Obj())]
		}
	}
	return nil
}

// StringLit is the value of the first argument when it is a constant
// string.
func StringLit(info *types.Info, args []ast.Expr) (string, bool) {
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
func (pl *Analyzer) readExpectation(a *Analysis, x *Expectation) bool {
	prog := pl.Prog
	info := x.Site.Pkg.TypesInfo
	stack := x.Site.Stack
	cur := ast.Node(x.Site.Node())
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
			slot = &x.Run
		case "Return":
			slot = &x.Ret
		case "RunAndReturn":
			slot = &x.rar
		case "Once", "Twice", "Times", "Maybe", "After", "WaitUntil", "NotBefore":
		default:
			return fail(sel.Sel.Pos(), "an expectation of %s calls %s, which cqgen refactor does not know", FuncLabel(x.Member.Fn), sel.Sel.Name)
		}
		if slot != nil {
			if *slot != nil {
				return fail(c.Pos(), "an expectation of %s calls %s twice", FuncLabel(x.Member.Fn), sel.Sel.Name)
			}
			*slot = c
		}
		cur, i = c, i-2
	}
	if _, ok := stack[i-1].(*ast.ExprStmt); !ok {
		return fail(cur.Pos(), "an expectation of %s is kept or passed on, so what it returns cannot be read statically", FuncLabel(x.Member.Fn))
	}
	var runWrites []*Site
	if x.Run != nil {
		lit, ok := singleArg(x.Run).(*ast.FuncLit)
		if !ok {
			return fail(x.Run.Pos(), "the Run of an expectation of %s is not a function literal", FuncLabel(x.Member.Fn))
		}
		x.Lit = lit
		var ok2 bool
		if runWrites, ok2 = pl.runSites(a, x, lit); !ok2 {
			return false
		}
	}
	switch {
	case x.rar != nil:
		lit, ok := singleArg(x.rar).(*ast.FuncLit)
		if !ok || len(runWrites) > 0 {
			return fail(x.rar.Pos(), "the RunAndReturn of an expectation of %s is not a function literal, or its Run sets Result too", FuncLabel(x.Member.Fn))
		}
		return pl.litProducer(a, x, lit)
	case x.Ret == nil:
		if len(runWrites) > 0 {
			return fail(x.Run.Pos(), "an expectation of %s sets Result in Run but has no Return", FuncLabel(x.Member.Fn))
		}
		return true // it returns nothing, as before: the mock panics if called
	}
	if x.Ret.Ellipsis.IsValid() {
		return fail(x.Ret.Pos(), "an expectation of %s spreads a slice into Return, so what it returns cannot be read statically", FuncLabel(x.Member.Fn))
	}
	if len(x.Ret.Args) != 1 {
		return fail(x.Ret.Pos(), "an expectation of %s gives Return %d values, not the method's error alone", FuncLabel(x.Member.Fn), len(x.Ret.Args))
	}
	if lit, ok := x.Ret.Args[0].(*ast.FuncLit); ok && !x.Typed {
		if len(runWrites) > 0 {
			return fail(x.Run.Pos(), "an expectation of %s sets Result in Run and returns a return-func too", FuncLabel(x.Member.Fn))
		}
		return pl.litProducer(a, x, lit)
	}
	if len(runWrites) == 0 {
		x.Form, x.Lit = ExpZero, nil
		return true
	}
	if !registrationSafe(info, x.Site.OuterFunc(), x.Ret.Args[0], nil) {
		return fail(x.Ret.Args[0].Pos(), "an expectation of %s returns %s, which a return-func would evaluate at each call instead of once", FuncLabel(x.Member.Fn), prog.Text(x.Ret.Args[0]))
	}
	x.Form, x.Sites = ExpMerge, runWrites
	if v := pl.fixedValue(a, x); v != nil {
		x.Form, x.Value = ExpValue, v
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
func (pl *Analyzer) runSites(a *Analysis, x *Expectation, lit *ast.FuncLit) ([]*Site, bool) {
	prog := pl.Prog
	info := x.Site.Pkg.TypesInfo
	sig := x.Member.Fn.Type().(*types.Signature)
	qi := -1
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == x.Member.Param {
			qi = i
		}
	}
	x.QueryIndex = qi
	var params []types.Object
	for _, f := range lit.Type.Params.List {
		for _, n := range f.Names {
			params = append(params, info.Defs[n])
		}
	}
	fail := func(pos token.Pos, why string) ([]*Site, bool) {
		a.refuse(prog, pos, "the Run of an expectation of %s %s, so it cannot move into a return-func", FuncLabel(x.Member.Fn), why)
		return nil, false
	}
	var qvar types.Object
	if x.Typed {
		if len(params) != sig.Params().Len() {
			return fail(lit.Pos(), "has unnamed parameters")
		}
		qvar = params[qi]
		x.LitParam = qvar
	} else {
		if len(params) != 1 || params[0] == nil {
			return fail(lit.Pos(), "does not take its arguments as one named parameter")
		}
		args := params[0]
		x.ArgUses = map[ast.Expr]int{}
		var bad token.Pos
		UsesOf(lit.Body, info, args, func(id *ast.Ident, stack []ast.Node) {
			if bad.IsValid() {
				return
			}
			use, idx, ok := argUse(info, stack, sig)
			if !ok {
				bad = id.Pos()
				return
			}
			x.ArgUses[use] = idx
		})
		if bad.IsValid() {
			return fail(bad, "uses its arguments other than as args.Get(i).(T) of the parameter's own type")
		}
		if len(lit.Body.List) > 0 {
			if as, ok := lit.Body.List[0].(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
				if idx, ok := x.ArgUses[ast.Unparen(as.Rhs[0])]; ok && idx == qi {
					x.QueryDecl = as
					qvar = info.Defs[as.Lhs[0].(*ast.Ident)]
				}
			}
		}
	}
	var out []*Site
	for _, s := range pl.Index.resultsOf[a.Target] {
		if !Contains(lit, s.Node()) {
			continue
		}
		sx := ast.Unparen(s.Node().(*ast.SelectorExpr).X)
		if id, ok := sx.(*ast.Ident); ok && qvar != nil && info.Uses[id] == qvar {
			out = append(out, s)
			continue
		}
		if idx, ok := x.ArgUses[sx]; ok && idx == qi {
			out = append(out, s)
			continue
		}
		return fail(s.Node().Pos(), "reaches Result other than through the query argument")
	}
	for _, s := range out {
		if deferredOrAsync(s.Stack) {
			return fail(s.Node().Pos(), "sets Result in a deferred function or a goroutine")
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
		if !ok || ta.X != ast.Expr(call) || ta.Type == nil || !SameType(info.TypeOf(ta.Type), pt) {
			return nil, 0, false
		}
		return ta, i, true
	case "String", "Int", "Bool", "Error":
		if !SameType(info.TypeOf(call), pt) {
			return nil, 0, false
		}
		return call, i, true
	}
	return nil, 0, false
}

// litProducer checks a function literal that the mock calls in place of
// the method (a return-func, RunAndReturn's): it converts as a producer.
func (pl *Analyzer) litProducer(a *Analysis, x *Expectation, lit *ast.FuncLit) bool {
	prog := pl.Prog
	info := x.Site.Pkg.TypesInfo
	sig, _ := info.TypeOf(lit).(*types.Signature)
	msig := x.Member.Fn.Type().(*types.Signature)
	if sig == nil || signatureString(sig) != signatureString(msig) {
		a.refuse(prog, lit.Pos(), "a return-func of an expectation of %s does not have the method's signature", FuncLabel(x.Member.Fn))
		return false
	}
	qi := -1
	for i := 0; i < msig.Params().Len(); i++ {
		if msig.Params().At(i) == x.Member.Param {
			qi = i
		}
	}
	var params []types.Object
	for _, f := range lit.Type.Params.List {
		for _, n := range f.Names {
			params = append(params, info.Defs[n])
		}
	}
	x.Form, x.Lit = ExpLit, lit
	if len(params) == msig.Params().Len() {
		x.LitParam = params[qi]
	}
	for _, s := range pl.Index.resultsOf[a.Target] {
		if !Contains(lit, s.Node()) {
			continue
		}
		id, ok := ast.Unparen(s.Node().(*ast.SelectorExpr).X).(*ast.Ident)
		if !ok || x.LitParam == nil || info.Uses[id] != x.LitParam {
			a.refuse(prog, s.Node().Pos(), "a return-func of an expectation of %s reaches Result other than through its query parameter", FuncLabel(x.Member.Fn))
			return false
		}
		if deferredOrAsync(s.Stack) {
			a.refuse(prog, s.Node().Pos(), "a return-func of an expectation of %s writes Result in a deferred function or a goroutine", FuncLabel(x.Member.Fn))
			return false
		}
		x.Sites = append(x.Sites, s)
	}
	return true
}

// fixedValue is v when Run does nothing but `q.Result = v` (after naming
// the query) with v the same at registration as at each call, typed
// exactly as U or an untyped constant: then Return(v, err) says the same.
func (pl *Analyzer) fixedValue(a *Analysis, x *Expectation) ast.Expr {
	body := x.Lit.Body.List
	if x.QueryDecl != nil {
		body = body[1:]
	}
	if len(body) != 1 || len(x.Sites) != 1 {
		return nil
	}
	as, ok := body[0].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || ast.Unparen(as.Lhs[0]) != x.Sites[0].Node() {
		return nil
	}
	info := x.Site.Pkg.TypesInfo
	v := as.Rhs[0]
	if !registrationSafe(info, x.Site.OuterFunc(), v, x.Lit) {
		return nil
	}
	u := ResultType(a.Target)
	tv := info.Types[v]
	switch {
	case tv.IsNil():
		if !Nillable(u) {
			return nil
		}
	case tv.Value != nil && isUntyped(tv.Type):
		// an untyped constant: typed as U when written (see valueText)
	case !SameType(tv.Type, u):
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

func Nillable(t types.Type) bool {
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
func (pl *Analyzer) checkMockMethod(a *Analysis, m *Member) {
	prog := pl.Prog
	fd, info := m.Decl.Decl, m.Decl.Pkg.TypesInfo
	fail := func(pos token.Pos, why string) {
		a.refuse(prog, pos, "%s is a testify mock method, but %s: cqgen refactor rewrites only the shape mockery writes (ret := m.Called(args...), then ret unpacked)", FuncLabel(m.Fn), why)
	}
	if !m.HasErr() {
		fail(fd.Pos(), "it returns nothing")
		return
	}
	if len(m.Sites) > 0 {
		fail(m.Sites[0].Node().Pos(), "it sets Result too")
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
			mm.Params = append(mm.Params, n.Name)
			mm.ParamTypes = append(mm.ParamTypes, prog.Text(f.Type))
			pobjs = append(pobjs, info.Defs[n])
			if v, ok := info.Defs[n].(*types.Var); ok {
				mm.ParamVars = append(mm.ParamVars, v)
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
	if called == nil || !IsCalled(info, called) || len(called.Args) != len(pobjs) {
		fail(fd.Body.Pos(), "it does not start with ret := m.Called(its parameters)")
		return
	}
	for i, arg := range called.Args {
		if id, ok := arg.(*ast.Ident); !ok || info.Uses[id] != pobjs[i] {
			fail(arg.Pos(), "Called is not given its parameters in order")
			return
		}
	}
	mm.Ret, mm.Called = "ret", prog.Text(called.Fun)
	if first == nil {
		m.Mock = mm
		pl.findCallType(a, m)
		return
	}
	ret := info.Defs[first.Lhs[0].(*ast.Ident)]
	mm.Ret = ret.Name()
	// The rest may only unpack ret: calls of ret's methods and of
	// variables declared in the body, assignments to those.
	local := func(id *ast.Ident) bool {
		obj := info.Uses[id]
		return obj != nil && obj.Pos() >= fd.Body.Pos() && obj.Pos() < fd.Body.End()
	}
	rest := body[1:]
	if len(rest) > 0 {
		if arg := noReturnGuard(info, rest[0], ret); arg != nil {
			mm.Guard = prog.Text(arg)
			rest = rest[1:]
		}
	}
	var bad ast.Node
	for _, st := range rest {
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
	m.Mock = mm
	pl.findCallType(a, m)
}

// findCallType finds mockery's <Mock>_<Method>_Call type of a mock
// method, with the Return and RunAndReturn methods that change with it.
func (pl *Analyzer) findCallType(a *Analysis, m *Member) {
	prog, mm := pl.Prog, m.Mock
	named := types.Unalias(DerefT(m.Fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
	if ct := MockeryType(named, "_"+m.Fn.Name()+"_Call"); ct != nil {
		for _, name := range []string{"Return", "RunAndReturn"} {
			fn, fi := pl.MethodOf(ct, name)
			if fn == nil {
				continue
			}
			if fi == nil {
				a.refuse(prog, fn.Pos(), "%s has no body in the loaded packages", fn.Name())
				return
			}
			if name == "Return" {
				mm.CallReturn = fi
			} else {
				mm.CallRunAndReturn = fi
			}
		}
		if mm.CallReturn == nil || len(mm.CallReturn.Decl.Type.Params.List) != 1 || len(mm.CallReturn.Decl.Type.Params.List[0].Names) != 1 {
			a.refuse(prog, ct.Pos(), "the expecter call type %s has no Return(error) of the shape mockery writes", ct.Name())
		}
	}
}

// MockeryType is the type mockery declares beside the mock type named,
// named after it with suffix (_Expecter, _<Method>_Call), or nil.
func MockeryType(named *types.Named, suffix string) *types.TypeName {
	tn, _ := named.Obj().Pkg().Scope().Lookup(named.Obj().Name() + suffix).(*types.TypeName)
	return tn
}

// MethodOf is the method name of *tn, and its declaration (nil when it
// has no body in the loaded packages); nil, nil when there is none.
func (pl *Analyzer) MethodOf(tn *types.TypeName, name string) (*types.Func, *FuncInfo) {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, tn.Pkg(), name)
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil, nil
	}
	return fn, pl.Index.funcs[pl.Prog.Key(fn)]
}

// noReturnGuard returns the panic's argument when st is the guard mockery
// writes after Called, if len(ret) == 0 { panic(arg) }, with len and
// panic the builtins and ret the variable Called's result is in; else nil.
func noReturnGuard(info *types.Info, st ast.Stmt, ret types.Object) ast.Expr {
	ifs, ok := st.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return nil
	}
	builtin := func(e ast.Expr, name string) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := info.Uses[id].(*types.Builtin)
		return ok && b.Name() == name
	}
	cond, ok := ifs.Cond.(*ast.BinaryExpr)
	if !ok || cond.Op != token.EQL {
		return nil
	}
	n, ok := cond.X.(*ast.CallExpr)
	if !ok || !builtin(n.Fun, "len") || len(n.Args) != 1 {
		return nil
	}
	if id, ok := n.Args[0].(*ast.Ident); !ok || info.Uses[id] != ret {
		return nil
	}
	if zero, ok := cond.Y.(*ast.BasicLit); !ok || zero.Value != "0" {
		return nil
	}
	es, ok := ifs.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return nil
	}
	p, ok := es.X.(*ast.CallExpr)
	if !ok || !builtin(p.Fun, "panic") || len(p.Args) != 1 {
		return nil
	}
	return p.Args[0]
}

// callsCalled reports whether a method calls testify's Called: a method
// of a type embedding mock.Mock that does not is a hand-written fake.
func callsCalled(fi *FuncInfo) bool {
	found := false
	ast.Inspect(fi.Decl.Body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && IsCalled(fi.Pkg.TypesInfo, c) {
			found = true
		}
		return !found
	})
	return found
}

// IsCalled reports whether call is testify's (*mock.Mock).Called.
func IsCalled(info *types.Info, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn != nil && fn.Name() == "Called" && fn.Pkg() != nil && fn.Pkg().Path() == TestifyMockPath
}

// ReturnsIn calls f for each return statement of body, not of the
// function literals inside it.
func ReturnsIn(body *ast.BlockStmt, f func(*ast.ReturnStmt)) {
	FindOwn(body, func(n ast.Node) bool {
		if r, ok := n.(*ast.ReturnStmt); ok {
			f(r)
		}
		return false
	})
}

// FindOwn reports whether a node of n outside the function literals in
// it (n's own code; a literal n has none) satisfies f, visiting them in
// order until one does.
func FindOwn(n ast.Node, f func(ast.Node) bool) bool {
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
