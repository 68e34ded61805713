package emit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/types/typeutil"
)

// A valuePass decides whether one type's query goes by value and writes
// the edits that do it, into a trial emission kept only when it does.
type valuePass struct {
	*emitter
	why *flow.Refusal
	// vars are the query variables whose type becomes the value: the
	// members' parameters and those of the literals converted with them.
	vars map[types.Object]bool
	// handled are the nodes inside which the pass itself rewrites *T, so
	// that the type assertions there are not in the way; edited the
	// AnythingOfType strings it rewrote.
	handled []ast.Node
	edited  map[*ast.BasicLit]bool
}

// emitValueParams makes the type's producers take the query by value when
// that is safe, with every caller and double; else it records why the
// pointer stays.
func (e *emitter) emitValueParams() {
	a := e.a
	if why := e.pointer[a.Target.Name]; why != "" {
		e.out.Pointer = &flow.Refusal{Type: a.Target.Short, Reason: why, Pos: e.Prog.Position(a.Target.Obj.Pos())}
		return
	}
	switch {
	case a.Form == flow.FormDelete:
		e.out.Pointer = &flow.Refusal{Type: a.Target.Short, Reason: "nothing produces it (its dead Result field is deleted): no signature to change", Pos: e.Prog.Position(a.Target.Obj.Pos())}
		return
	case len(a.Adapters) > 0:
		e.out.Pointer = &flow.Refusal{Type: a.Target.Short, Reason: "a generated Legacy adapter serves it", Pos: e.Prog.Position(a.Adapters[0].KeyValue.Pos())}
		return
	}
	vp := &valuePass{emitter: e.trial(), vars: map[types.Object]bool{}, edited: map[*ast.BasicLit]bool{}}
	vp.byValue = true
	if !vp.run() {
		vp.release()
		e.out.Pointer = vp.why
		return
	}
	e.keep(vp.emitter)
	e.byValue, e.out.ByValue = true, true
}

// keep records why the pointer stays and reports false.
func (vp *valuePass) keep(pos token.Pos, format string, args ...any) bool {
	if vp.why == nil {
		vp.why = &flow.Refusal{Type: vp.a.Target.Short, Reason: fmt.Sprintf(format, args...), Pos: vp.Prog.Position(pos)}
	}
	return false
}

func (vp *valuePass) run() bool {
	a := vp.a
	if lock := lockPath(a.Target.Obj.Type(), nil); lock != "" {
		return vp.keep(a.Target.Obj.Pos(), "it holds a lock (%s), which go vet's copylocks check forbids copying", lock)
	}
	for _, k := range a.Keys {
		if !vp.member(a.Members[k]) {
			return false
		}
	}
	for _, ff := range a.FuncFields {
		if !vp.funcField(ff) {
			return false
		}
	}
	for _, x := range a.Expects {
		if !vp.expectation(x) {
			return false
		}
	}
	if !vp.assertCalls() || !vp.callers() {
		return false
	}
	for _, s := range vp.Values.Asserts[a.Target] {
		if !vp.isHandled(s.Node()) {
			return vp.keep(s.Node().Pos(), "a type assertion or type switch to *%s here would compile and fail at run time once the query is passed by value", a.Target.Obj.Name())
		}
	}
	for _, s := range vp.Values.Strings[a.Target] {
		if lit := s.Node().(*ast.BasicLit); !vp.edited[lit] {
			return vp.keep(lit.Pos(), "the string %s here names the query's pointer type (a mock.AnythingOfType cqgen does not rewrite)", lit.Value)
		}
	}
	return true
}

// lockPath names the field through which a value of t holds a lock (a
// type whose pointer has Lock and Unlock methods, as go vet's copylocks
// check sees it: sync.Mutex, a noCopy), or "".
func lockPath(t types.Type, seen map[types.Type]bool) string {
	if seen[t] {
		return ""
	}
	if seen == nil {
		seen = map[types.Type]bool{}
	}
	seen[t] = true
	if _, ok := t.Underlying().(*types.Interface); !ok {
		ms := types.NewMethodSet(types.NewPointer(t))
		if ms.Lookup(nil, "Lock") != nil && ms.Lookup(nil, "Unlock") != nil {
			return types.TypeString(t, func(p *types.Package) string { return p.Name() })
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if p := lockPath(u.Field(i).Type(), seen); p != "" {
				return u.Field(i).Name() + " " + p
			}
		}
	case *types.Array:
		return lockPath(u.Elem(), seen)
	}
	return ""
}

// member turns the query parameter of one member into a value and checks
// its body.
func (vp *valuePass) member(m *flow.Member) bool {
	prog := vp.Prog
	vp.vars[m.Param] = true
	var params *ast.FieldList
	var info *types.Info
	if m.Iface {
		ft, _, at := prog.IfaceFuncType(m.Fn)
		if ft == nil {
			return vp.keep(m.Fn.Pos(), "the interface method %s has no syntax", m.Fn.Name())
		}
		params, info = ft.Params, prog.Owner[prog.At(at).Filename].TypesInfo
	} else {
		params, info = m.Decl.Decl.Type.Params, m.Decl.Pkg.TypesInfo
	}
	if m.Gomock != nil || m.Fake != nil {
		// gomock matches the arguments with reflect.DeepEqual and checks
		// Do's functions by reflection: cqgen does not rewrite them by value.
		return vp.keep(m.Fn.Pos(), "%s is a gomock mock or counterfeiter fake method, whose doubles keep the pointer", flow.FuncLabel(m.Fn))
	}
	if vp.valueTypes(params, info) != 1 {
		return vp.keep(params.Pos(), "the query parameter of %s is not written *%s", flow.FuncLabel(m.Fn), vp.a.Target.Obj.Name())
	}
	if m.Decl == nil {
		return true
	}
	if m.Mock != nil {
		return vp.mockery(m)
	}
	return vp.checkUses(flow.FuncLabel(m.Fn), m.Decl.Decl.Body, info, m.Param)
}

// mockery rewrites *Q in the Run and RunAndReturn of mockery's _Call
// type for a mock method (Return holds no query); the method's own body
// is rewritten whole by emitMock, with the value types.
func (vp *valuePass) mockery(m *flow.Member) bool {
	named := types.Unalias(flow.DerefT(m.Fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
	vp.expecterDoc(m, named)
	ct := flow.MockeryType(named, "_"+m.Fn.Name()+"_Call")
	if ct == nil {
		return true
	}
	for _, name := range []string{"Run", "RunAndReturn"} {
		fn, fi := vp.MethodOf(ct, name)
		if fn == nil {
			continue
		}
		if fi == nil {
			return vp.keep(fn.Pos(), "%s has no body in the loaded packages", fn.Name())
		}
		if name == "RunAndReturn" {
			vp.valueTypes(fi.Decl.Type.Params, fi.Pkg.TypesInfo)
			continue
		}
		// run func(ctx, q *Q), and args[i].(*Q) passing it on.
		vp.valueTypes(fi.Decl, fi.Pkg.TypesInfo)
		vp.handled = append(vp.handled, fi.Decl)
	}
	return true
}

// expecterDoc rewrites the line "//   - q *Q" of the doc comment mockery
// writes on the expecter's method, as it would write it now.
func (vp *valuePass) expecterDoc(m *flow.Member, mock *types.Named) {
	et := flow.MockeryType(mock, "_Expecter")
	if et == nil {
		return
	}
	_, fi := vp.MethodOf(et, m.Fn.Name())
	if fi == nil || fi.Decl.Doc == nil {
		return
	}
	line := "- " + m.Param.Name() + " *"
	for _, c := range fi.Decl.Doc.List {
		if i := strings.Index(c.Text, line); i >= 0 && strings.TrimSpace(c.Text[:i]) == "//" {
			at := c.Pos() + token.Pos(i+len(line)-1)
			vp.edit(at, at+1, "")
		}
	}
}

// funcField turns *Q into Q in a func field's type, the parameters of the
// constructors that store into it, and the literals assigned to it, whose
// bodies it checks.
func (vp *valuePass) funcField(ff *flow.FuncField) bool {
	prog := vp.Prog
	ft, ok := ff.Decl.Type.(*ast.FuncType)
	if !ok || vp.valueTypes(ft.Params, prog.Owner[prog.At(ff.Decl.Pos()).Filename].TypesInfo) != 1 {
		return vp.keep(ff.Decl.Pos(), "the function field %s does not take the query as *%s", ff.Field.Name(), vp.a.Target.Obj.Name())
	}
	for _, hp := range ff.Params {
		if vp.valueTypes(hp.Decl.Type.(*ast.FuncType).Params, hp.Fn.Pkg.TypesInfo) != 1 {
			return vp.keep(hp.Decl.Pos(), "the parameter of %s stored in %s does not take the query as *%s", hp.Fn.Obj.Name(), ff.Field.Name(), vp.a.Target.Obj.Name())
		}
	}
	for _, l := range ff.Lits {
		info := l.Site.Pkg.TypesInfo
		if vp.valueTypes(l.Lit.Type.Params, info) != 1 {
			return vp.keep(l.Lit.Pos(), "a function literal assigned to %s does not take the query as *%s", ff.Field.Name(), vp.a.Target.Obj.Name())
		}
		if q := vp.queryParam(info, l.Lit.Type); q != nil {
			vp.vars[q] = true
			if !vp.checkUses("a function literal assigned to "+ff.Field.Name(), l.Lit.Body, info, q) {
				return false
			}
		}
	}
	return true
}

// queryParam is the parameter of a function literal that is the query.
func (vp *valuePass) queryParam(info *types.Info, ft *ast.FuncType) types.Object {
	for _, f := range ft.Params.List {
		for _, n := range f.Names {
			if obj := info.Defs[n]; obj != nil && vp.Index.TargetOf(vp.Prog, obj.Type()) == vp.a.Target {
				return obj
			}
		}
	}
	return nil
}

// expectation rewrites one mock expectation: what it matches the query
// with, its Run literal and its return-func.
func (vp *valuePass) expectation(x *flow.Expectation) bool {
	info := x.Site.Pkg.TypesInfo
	call := x.Site.Node().(*ast.CallExpr)
	label := "an expectation of " + flow.FuncLabel(x.Member.Fn)
	at := paramIndex(x.Member)
	if !x.Typed {
		at++ // after the method's name
	}
	if !vp.matchArg(x.Site, call, at, label) {
		return false
	}
	if x.Run != nil {
		lit := x.Run.Args[0].(*ast.FuncLit)
		switch {
		case x.Form == flow.ExpValue:
			vp.handled = append(vp.handled, lit) // Run goes
		case x.Typed:
			// run(ctx, q *Q): in place, or rendered into the return-func
			// of flow.ExpMerge.
			vp.valueTypes(lit.Type.Params, info)
			if x.LitParam != nil {
				vp.vars[x.LitParam] = true
				if !vp.checkUses("the Run of "+label, lit.Body, info, x.LitParam) {
					return false
				}
			}
		default:
			if !vp.untypedRun(x, lit, label) {
				return false
			}
		}
	}
	if x.Form == flow.ExpLit {
		if vp.valueTypes(x.Lit.Type.Params, info) != 1 {
			return vp.keep(x.Lit.Pos(), "a return-func of %s does not take the query as *%s", label, vp.a.Target.Obj.Name())
		}
		if x.LitParam != nil {
			vp.vars[x.LitParam] = true
			if !vp.checkUses("a return-func of "+label, x.Lit.Body, info, x.LitParam) {
				return false
			}
		}
	}
	return true
}

// untypedRun checks the uses of the query in Run(func(args
// mock.Arguments) {...}) and turns args.Get(i).(*Q) into .(Q); where the
// Run becomes a return-func (flow.ExpMerge), runParams replaces those.
func (vp *valuePass) untypedRun(x *flow.Expectation, lit *ast.FuncLit, label string) bool {
	info := x.Site.Pkg.TypesInfo
	qi := paramIndex(x.Member)
	var qvar types.Object
	if x.QueryDecl != nil {
		qvar = info.Defs[x.QueryDecl.Lhs[0].(*ast.Ident)]
		vp.vars[qvar] = true
	}
	ok := true
	flow.WithStack(lit.Body, func(n ast.Node, stack []ast.Node) {
		e, isExpr := n.(ast.Expr)
		if !isExpr || !ok {
			return
		}
		if i, found := x.ArgUses[e]; !found || i != qi {
			return
		}
		vp.handled = append(vp.handled, e)
		if x.Form != flow.ExpMerge {
			if ta, isAssert := e.(*ast.TypeAssertExpr); isAssert {
				vp.valueTypes(ta.Type, info)
			}
		}
		if x.QueryDecl != nil && ast.Unparen(x.QueryDecl.Rhs[0]) == e {
			return // names the query: its uses are checked below
		}
		if why := vp.use(info, stack); why != "" {
			ok = vp.keep(e.Pos(), "the Run of %s %s", label, why)
		}
	})
	if !ok {
		return false
	}
	return qvar == nil || vp.checkUses("the Run of "+label, lit.Body, info, qvar)
}

// matchArg rewrites what an expectation (or an assertion) matches the
// query with, args[at] of call: &v and &Q{...} lose the &,
// AnythingOfType("*pkg.Q") its *, MatchedBy(func(q *Q) bool) its
// parameter's *; mock.Anything stays.
func (vp *valuePass) matchArg(s *flow.Site, call *ast.CallExpr, at int, label string) bool {
	info := s.Pkg.TypesInfo
	if call.Ellipsis.IsValid() || len(call.Args) <= at {
		return vp.keep(call.Pos(), "%s does not give the query's matcher as an argument of its own", label)
	}
	arg := ast.Unparen(call.Args[at])
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		// &v is read when the mock is called, v when the expectation is
		// registered: the same only if nothing changes v in between.
		if id, isVar := ast.Unparen(u.X).(*ast.Ident); isVar {
			if fd := s.OuterFunc(); fd == nil || !vp.frozen(info, fd, info.Uses[id]) {
				return vp.keep(u.Pos(), "%s matches the query with &%s, which may change after the expectation is registered", label, id.Name)
			}
		} else if flow.CompositeLit(u) == nil {
			return vp.keep(u.Pos(), "%s matches the query with %s, which may change after the expectation is registered", label, vp.Prog.Text(u))
		}
		vp.edit(u.OpPos, u.OpPos+1, "")
		return true
	}
	if id := testifyObj(info, arg); id == "Anything" {
		return true
	}
	if c, ok := arg.(*ast.CallExpr); ok && len(c.Args) == 1 {
		switch testifyObj(info, c.Fun) {
		case "AnythingOfType":
			lit, ok := ast.Unparen(c.Args[0]).(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return vp.keep(c.Pos(), "%s matches the query with AnythingOfType of something other than a string literal", label)
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && strings.HasPrefix(s, "*") && (lit.Value[0] == '"' || lit.Value[0] == '`') && lit.Value[1] == '*' {
				vp.edit(lit.Pos()+1, lit.Pos()+2, "")
				vp.edited[lit] = true
			}
			return true
		case "MatchedBy":
			lit, ok := ast.Unparen(c.Args[0]).(*ast.FuncLit)
			if !ok || vp.valueTypes(lit.Type.Params, info) != 1 {
				return vp.keep(c.Pos(), "%s matches the query with a MatchedBy whose function is not a literal taking *%s", label, vp.a.Target.Obj.Name())
			}
			if q := vp.queryParam(info, lit.Type); q != nil {
				return vp.checkUses("the MatchedBy function of "+label, lit.Body, info, q)
			}
			return true
		}
	}
	if info.Types[arg].IsNil() {
		return vp.keep(arg.Pos(), "%s matches the query with nil, which a value never equals", label)
	}
	return vp.keep(arg.Pos(), "%s matches the query with %s, which cqgen refactor does not rewrite (a pointer variable would be read at registration, not at the call)", label, vp.Prog.Text(arg))
}

// frozen reports whether nothing in fd changes the variable obj after its
// declaration: no assignment, no write of a field, and its address given
// only to testify (On, an expecter's method, AssertCalled) or to the
// members, which this pass has checked write nothing.
func (vp *valuePass) frozen(info *types.Info, fd *ast.FuncDecl, obj types.Object) bool {
	ok := true
	flow.UsesOf(fd.Body, info, obj, func(id *ast.Ident, stack []ast.Node) {
		k := len(stack) - 2
		for k > 0 {
			if _, paren := stack[k].(*ast.ParenExpr); !paren {
				break
			}
			k--
		}
		switch p := stack[k].(type) {
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return
			}
			if call, isCall := stack[k-1].(*ast.CallExpr); isCall && ast.Unparen(call.Fun) != ast.Expr(p) {
				fn, _ := typeutil.Callee(info, call).(*types.Func)
				if flow.IsMockCall(info, call) || fn != nil && (vp.a.Members[vp.Prog.Key(fn)] != nil || fn.Pkg() != nil && fn.Pkg().Path() == flow.TestifyMockPath && strings.HasPrefix(fn.Name(), "Assert")) {
					return
				}
			}
			ok = false
		case *ast.AssignStmt:
			if slices.Contains(p.Lhs, stack[k+1].(ast.Expr)) {
				ok = false
			}
		case *ast.IncDecStmt:
			ok = false
		case *ast.RangeStmt:
			if p.Key == stack[k+1] || p.Value == stack[k+1] {
				ok = false
			}
		case *ast.SelectorExpr:
			if vp.selectorUse(info, stack[:k+1]) != "" {
				ok = false // written, its address taken, a pointer method
			}
		}
	})
	return ok
}

// testifyObj is the name of the object of testify's mock package e
// refers to (mock.Anything, mock.MatchedBy), or "".
func testifyObj(info *types.Info, e ast.Expr) string {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return ""
	}
	if obj := info.Uses[id]; obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == flow.TestifyMockPath {
		return obj.Name()
	}
	return ""
}

// assertCalls rewrites the query argument of AssertCalled(t, "M", ...)
// and AssertNotCalled of the type's mock methods.
func (vp *valuePass) assertCalls() bool {
	mocks := map[program.Key]map[string]*flow.Member{}
	for _, k := range vp.a.Keys {
		m := vp.a.Members[k]
		if m.Mock == nil {
			continue
		}
		tk := vp.Prog.Key(types.Unalias(flow.DerefT(m.Fn.Type().(*types.Signature).Recv().Type())).(*types.Named).Obj())
		if mocks[tk] == nil {
			mocks[tk] = map[string]*flow.Member{}
		}
		mocks[tk][m.Fn.Name()] = m
	}
	if len(mocks) == 0 {
		return true
	}
	for _, s := range vp.Values.AssertCalls {
		call, info := s.Node().(*ast.CallExpr), s.Pkg.TypesInfo
		ms := flow.MockOf(vp.Prog, info, call.Fun.(*ast.SelectorExpr), mocks)
		if ms == nil || len(call.Args) < 2 {
			continue
		}
		name, ok := flow.StringLit(info, call.Args[1:])
		if !ok {
			return vp.keep(call.Pos(), "an assertion on the mock names its method with something other than a string literal")
		}
		m := ms[name]
		if m == nil {
			continue
		}
		if !vp.matchArg(s, call, paramIndex(m)+2, "an assertion on "+flow.FuncLabel(m.Fn)) {
			return false
		}
	}
	return true
}

// callers makes every call of a member pass the value: v for &v, Q{...}
// for &Q{...}, *p for a pointer p; a query variable that becomes a value
// itself (a forward) stays as it is.
func (vp *valuePass) callers() bool {
	for _, c := range vp.Index.Calls {
		if vp.a.Members[c.Callee] == nil {
			continue
		}
		arg := vp.QueryArg(c)
		if arg == nil {
			continue
		}
		info := c.Pkg.TypesInfo
		x := ast.Unparen(arg)
		if id, ok := x.(*ast.Ident); ok && vp.vars[info.Uses[id]] {
			continue
		}
		switch u, _ := x.(*ast.UnaryExpr); {
		case info.Types[x].IsNil():
			return vp.keep(arg.Pos(), "%s is given nil as the query here", flow.FuncLabel(c.Fn))
		case u != nil && u.Op == token.AND:
			vp.edit(u.OpPos, u.OpPos+1, "")
		default:
			vp.edit(x.Pos(), x.Pos(), "*")
		}
	}
	return true
}

// checkUses checks every use of the query variable obj under body.
func (vp *valuePass) checkUses(label string, body ast.Node, info *types.Info, obj types.Object) bool {
	ok := true
	flow.UsesOf(body, info, obj, func(id *ast.Ident, stack []ast.Node) {
		if !ok {
			return
		}
		if why := vp.use(info, stack); why != "" {
			ok = vp.keep(id.Pos(), "%s %s", label, why)
		}
	})
	return ok
}

// use judges the use of the query at the end of stack (from the body
// down): it returns why the pointer must stay, or "".
func (vp *valuePass) use(info *types.Info, stack []ast.Node) string {
	i := len(stack) - 1
	for j := 1; j < i; j++ {
		if _, ok := stack[j].(*ast.FuncLit); !ok {
			continue
		}
		if localCallee(info, stack[0], stack[j-1], stack[j]) {
			continue
		}
		call, ok := stack[j-1].(*ast.CallExpr)
		if ok {
			_, builtin := typeutil.Callee(info, call).(*types.Builtin) // append(handlers, func() {...})
			ok = !builtin
		}
		if !ok {
			return "captures it in a function literal that is neither called in place nor passed to a call (it may outlive the call)"
		}
		if j >= 2 {
			if _, ok := stack[j-2].(*ast.GoStmt); ok {
				return "captures it in a goroutine"
			}
		}
	}
	cur := stack[i]
	k := i - 1
	for k > 0 {
		p, ok := stack[k].(*ast.ParenExpr)
		if !ok {
			break
		}
		cur, k = p, k-1
	}
	switch p := stack[k].(type) {
	case *ast.SelectorExpr:
		return vp.selectorUse(info, stack[:k+1])
	case *ast.CallExpr:
		if p.Fun != cur {
			return vp.argUse(info, p, cur.(ast.Expr))
		}
	case *ast.BinaryExpr:
		return "compares it (with nil, or its address)"
	case *ast.StarExpr:
		// A copy (append(ops, *q)) is the value itself; a write through
		// it or its address is not.
		if k > 0 {
			switch pp := stack[k-1].(type) {
			case *ast.AssignStmt:
				if slices.Contains(pp.Lhs, ast.Expr(p)) {
					return "writes through it"
				}
			case *ast.UnaryExpr:
				if pp.Op == token.AND {
					return "takes its address"
				}
			case *ast.SelectorExpr, *ast.IncDecStmt, *ast.ParenExpr, *ast.RangeStmt:
				return "dereferences it"
			}
		}
		vp.edit(p.Star, p.Star+1, "")
		return ""
	}
	return "keeps the pointer (assigns, returns, sends or stores it)"
}

// localCallee reports whether the function literal lit, whose parent is
// parent, is declared as a local variable (has := func(...) {...}) that
// root only calls, never in a go statement: it runs while the call does.
func localCallee(info *types.Info, root, parent, lit ast.Node) bool {
	as, ok := parent.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Rhs[0] != lit {
		return false
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok || info.Defs[id] == nil {
		return false
	}
	only := true
	flow.UsesOf(root, info, info.Defs[id], func(use *ast.Ident, stack []ast.Node) {
		call, ok := stack[len(stack)-2].(*ast.CallExpr)
		if !ok || call.Fun != ast.Expr(use) {
			only = false
		} else if len(stack) > 2 {
			if _, isGo := stack[len(stack)-3].(*ast.GoStmt); isGo {
				only = false
			}
		}
	})
	return only
}

// selectorUse judges q.F... (the selector at the end of stack): a read is
// fine; a write of a field (or of what it holds by value), its address,
// or a pointer method called on it is not.
func (vp *valuePass) selectorUse(info *types.Info, stack []ast.Node) string {
	k := len(stack) - 1
	s := stack[k].(*ast.SelectorExpr)
	sel := info.Selections[s]
	if sel == nil {
		return ""
	}
	if sel.Kind() == types.MethodVal {
		if ptrRecv(sel.Obj()) {
			return "calls the pointer method " + s.Sel.Name + " on it"
		}
		return ""
	}
	if vp.Index.ByField[vp.Prog.Key(sel.Obj())] == vp.a.Target {
		return "" // Result: the conversion's
	}
	shared := func(x ast.Expr) bool {
		switch info.TypeOf(x).Underlying().(type) {
		case *types.Pointer, *types.Map, *types.Slice, *types.Chan, *types.Interface, *types.Signature:
			return true
		}
		return false
	}
	write := "writes its field " + s.Sel.Name
	var cur ast.Node = s
	for k--; k >= 0; k-- {
		switch p := stack[k].(type) {
		case *ast.ParenExpr:
			cur = p
			continue
		case *ast.SelectorExpr:
			if p.X != cur {
				return ""
			}
			if sl := info.Selections[p]; sl != nil && sl.Kind() == types.MethodVal {
				if ptrRecv(sl.Obj()) && !shared(p.X) {
					return "calls the pointer method " + p.Sel.Name + " on its field " + s.Sel.Name
				}
				return ""
			}
			if shared(p.X) {
				return ""
			}
			cur = p
			continue
		case *ast.IndexExpr:
			if p.X != cur || shared(p.X) {
				return ""
			}
			cur = p
			continue
		case *ast.SliceExpr:
			if p.X == cur && !shared(p.X) {
				return "slices its array field " + s.Sel.Name
			}
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == cur {
					return write
				}
			}
		case *ast.IncDecStmt:
			return write
		case *ast.RangeStmt:
			if p.Key == cur || p.Value == cur {
				return write
			}
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				return "takes the address of its field " + s.Sel.Name
			}
		}
		return ""
	}
	return ""
}

// argUse judges the query passed to a call: to a member (a forward), to
// a func field the members forward to, to testify's Called, or to be
// formatted is fine.
func (vp *valuePass) argUse(info *types.Info, call *ast.CallExpr, arg ast.Expr) string {
	if vp.a.FieldForwards[call] || flow.IsCalled(info, call) || isFormatting(info, call, arg) {
		return ""
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn != nil && vp.a.Members[vp.Prog.Key(fn)] != nil {
		return ""
	}
	if sig, ok := info.TypeOf(call.Fun).Underlying().(*types.Signature); ok && sig.Params().Len() > 0 {
		for i, x := range call.Args {
			if x != arg {
				continue
			}
			p := sig.Params().At(min(i, sig.Params().Len()-1)).Type()
			if sig.Variadic() && i >= sig.Params().Len()-1 {
				p = p.(*types.Slice).Elem()
			}
			if types.IsInterface(p) {
				return "passes it to " + vp.Prog.Text(call.Fun) + " as an interface value, which may keep it or assert its type"
			}
		}
	}
	return "passes it to " + vp.Prog.Text(call.Fun) + ", which takes the pointer and does not change with it"
}

func ptrRecv(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	_, ok = types.Unalias(recv.Type()).(*types.Pointer)
	return ok
}

// paramIndex is the index of m's query parameter.
func paramIndex(m *flow.Member) int {
	sig := m.Fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == m.Param {
			return i
		}
	}
	return -1
}

// valueTypes deletes the * of every *T (T the pass's type) written as a
// type under root, and returns how many.
func (vp *valuePass) valueTypes(root ast.Node, info *types.Info) int {
	n := 0
	ast.Inspect(root, func(x ast.Node) bool {
		if s, ok := x.(*ast.StarExpr); ok {
			if tv, ok := info.Types[s]; ok && tv.IsType() && flow.PointerTarget(vp.Prog, vp.Index, tv.Type) == vp.a.Target {
				vp.edit(s.Star, s.Star+1, "")
				n++
			}
		}
		return true
	})
	return n
}

func (vp *valuePass) isHandled(n ast.Node) bool {
	for _, h := range vp.handled {
		if flow.Contains(h, n) {
			return true
		}
	}
	return false
}

// mockParamTypes are the types of a mock method's parameters as its new
// body writes them: the query's by value with --value-params.
func (e *emitter) mockParamTypes(m *flow.Member) []string {
	mm := m.Mock
	if !e.byValue {
		return mm.ParamTypes
	}
	out := append([]string(nil), mm.ParamTypes...)
	for i, v := range mm.ParamVars {
		if v == m.Param {
			out[i] = strings.TrimPrefix(out[i], "*")
		}
	}
	return out
}

// paramType is the type of v, a parameter of m, after the conversion.
func (e *emitter) paramType(m *flow.Member, v *types.Var) types.Type {
	if e.byValue && v == m.Param {
		return flow.DerefT(v.Type())
	}
	return v.Type()
}
