package emit

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/cqtools/cq/refactor/flow"
)

// emitMock replaces a mock method's body with the one mockery v2 writes
// for a method returning (U, error): a return-func of the whole new
// signature wins; else each result comes from its own return-func or
// from the values given to Return, the first nil-checked when U can be
// nil, so that Return(nil, err) gives the zero U.
func (e *emitter) emitMock(m *flow.Member, typ string) {
	mm, fd := m.Mock, m.Decl.Decl
	params := strings.Join(mm.Params, ", ")
	ptypes := e.mockParamTypes(m)
	types_ := strings.Join(ptypes, ", ")
	fn := func(res string) string { return "func(" + types_ + ") " + res }
	// mockery v3 names the return func returnFunc and leaves out the blank
	// lines v2 puts between the unpacking steps.
	rf, gap := "rf", "\n"
	if mm.V3 {
		rf, gap = "returnFunc", ""
	}
	var b strings.Builder
	b.WriteString("{\n\t" + mm.Ret + " := " + mm.Called + "(" + params + ")\n\n")
	if mm.Guard != "" {
		b.WriteString("\tif len(" + mm.Ret + ") == 0 {\n\t\tpanic(" + mm.Guard + ")\n\t}\n\n")
	}
	b.WriteString("\tvar r0 " + typ + "\n\tvar r1 error\n")
	b.WriteString("\tif " + rf + ", ok := " + mm.Ret + ".Get(0).(" + fn("("+typ+", error)") + "); ok {\n\t\treturn " + rf + "(" + params + ")\n\t}\n")
	b.WriteString("\tif " + rf + ", ok := " + mm.Ret + ".Get(0).(" + fn(typ) + "); ok {\n\t\tr0 = " + rf + "(" + params + ")\n\t} else {\n")
	if flow.Nillable(flow.ResultType(e.a.Target)) {
		b.WriteString("\t\tif " + mm.Ret + ".Get(0) != nil {\n\t\t\tr0 = " + mm.Ret + ".Get(0).(" + typ + ")\n\t\t}\n")
	} else {
		b.WriteString("\t\tr0 = " + mm.Ret + ".Get(0).(" + typ + ")\n")
	}
	b.WriteString("\t}\n" + gap)
	b.WriteString("\tif " + rf + ", ok := " + mm.Ret + ".Get(1).(" + fn("error") + "); ok {\n\t\tr1 = " + rf + "(" + params + ")\n\t} else {\n\t\tr1 = " + mm.Ret + ".Error(1)\n\t}\n" + gap)
	b.WriteString("\treturn r0, r1\n}")
	e.edit(fd.Body.Lbrace, fd.Body.Rbrace+1, b.String())
	if r := mm.CallReturn; r != nil {
		// Return(_a0 error) -> Return(_a0 U, _a1 error), passing both on.
		p := r.Decl.Type.Params
		old := p.List[0].Names[0].Name
		first, second := "_a0", old
		if old == "_a0" {
			second = "_a1"
		}
		rtyp := e.typeText(r.Pkg.PkgPath, r.File, flow.ResultType(e.a.Target))
		if mm.V3 {
			// Return(thing *Thing, err error): v3 names the values after
			// their types.
			first = mockeryV3Name(flow.ResultType(e.a.Target), mockeryV3Taken(r.File, mm.Params, rtyp, old))
		}
		e.returnsBoth(r, old, first, second, rtyp)
	}
	if r := mm.CallReturn; r != nil && mm.CallRunAndReturn == nil {
		// An older mockery wrote no RunAndReturn; the one it writes now
		// is what a computed value needs.
		e.addRunAndReturn(r, ptypes, e.typeText(r.Pkg.PkgPath, r.File, flow.ResultType(e.a.Target)))
	}
	if r := mm.CallRunAndReturn; r != nil {
		e.funcParamReturnsU(r)
	}
}

// funcParamReturnsU changes the one func-typed parameter of a generated
// call type's method (RunAndReturn(run func(...) error), gomock's Do and
// DoAndReturn) to return (U, error).
func (e *emitter) funcParamReturnsU(r *flow.FuncInfo) {
	p := r.Decl.Type.Params
	if len(p.List) != 1 {
		return
	}
	if ft, ok := p.List[0].Type.(*ast.FuncType); ok && ft.Results != nil && len(ft.Results.List) == 1 {
		e.resultsEdit(ft, e.typeText(r.Pkg.PkgPath, r.File, flow.ResultType(e.a.Target)), true)
	}
}

// returnsBoth rewrites a generated call type's Return(old error), which
// passes old on as Call.Return(old), to take and pass on the value first
// of type rtyp and the error second.
func (e *emitter) returnsBoth(r *flow.FuncInfo, old, first, second, rtyp string) {
	p := r.Decl.Type.Params
	e.edit(p.Opening+1, p.Closing, first+" "+rtyp+", "+second+" error")
	ast.Inspect(r.Decl.Body, func(n ast.Node) bool {
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

// addRunAndReturn adds to a _Call type the RunAndReturn mockery writes,
// after its Return, when Return passes its values on as _c.Call.Return.
func (e *emitter) addRunAndReturn(r *flow.FuncInfo, ptypes []string, rtyp string) {
	recv := r.Decl.Recv.List[0]
	if len(recv.Names) != 1 || r.Decl.Type.Results == nil {
		return
	}
	c := recv.Names[0].Name
	if !strings.Contains(e.Prog.Text(r.Decl.Body), c+".Call.Return(") {
		return
	}
	ft := "func(" + strings.Join(ptypes, ", ") + ") (" + rtyp + ", error)"
	text := "\n\nfunc " + e.Prog.Text(r.Decl.Recv) + " RunAndReturn(run " + ft + ") " + e.Prog.Text(r.Decl.Type.Results) + " {\n\t" + c + ".Call.Return(run)\n\treturn " + c + "\n}"
	e.edit(r.Decl.End(), r.Decl.End(), text)
}

// emitExpectation rewrites one expectation.
func (e *emitter) emitExpectation(x *flow.Expectation) {
	prog := e.Prog
	s := x.Site
	u := flow.ResultType(e.a.Target)
	typ := e.typeText(s.Pkg.PkgPath, s.File, u)
	fd := s.OuterFunc()
	if x.DoLit != nil {
		e.litProducer(fd, x.DoLit, nil, typ)
	}
	switch x.Form {
	case flow.ExpZero:
		if x.ErrArg != nil {
			// A counterfeiter setter's parameter is typed U.
			e.edit(x.ErrArg.Pos(), x.ErrArg.Pos(), zeroText(u, typ)+", ")
			break
		}
		arg := x.Ret.Args[0]
		e.edit(arg.Pos(), arg.Pos(), zeroExact(u, typ)+", ")
	case flow.ExpLit:
		e.litProducer(fd, x.Lit, x.Sites, typ)
	case flow.ExpValue:
		e.deleteCall(x.Run)
		arg := x.Ret.Args[0]
		e.edit(arg.Pos(), arg.Pos(), valueText(s.Pkg.TypesInfo, x.Value, u, typ, prog.Text(x.Value))+", ")
	case flow.ExpMerge:
		if x.Gomock {
			e.gomockMerge(x, fd, typ)
			break
		}
		lit := x.Lit
		errText := prog.Text(x.Ret.Args[0])
		var params string
		if x.Typed {
			// Rendered: with --value-params, *Q in the parameters became Q.
			params = e.render(lit.Type.Params.Pos(), lit.Type.Params.End())
		} else {
			params = e.runParams(x, fd)
		}
		text := e.mergedFunc(x, fd, params, typ, errText)
		e.deleteCall(x.Run)
		if x.Typed {
			sel := x.Ret.Fun.(*ast.SelectorExpr)
			e.edit(sel.Sel.Pos(), sel.Sel.End(), "RunAndReturn")
		}
		e.edit(x.Ret.Lparen+1, x.Ret.Rparen, text)
	}
}

// lastWholeWrite is the last statement of body when it is q.Result = x,
// sites are that statement's access alone, and body returns nowhere
// (each return would need the value too); else nil.
func lastWholeWrite(body *ast.BlockStmt, sites []*flow.Site) *ast.AssignStmt {
	if len(sites) != 1 || len(body.List) == 0 {
		return nil
	}
	as, ok := body.List[len(body.List)-1].(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Lhs[0] != sites[0].Node() {
		return nil
	}
	returns := false
	flow.ReturnsIn(body, func(*ast.ReturnStmt) { returns = true })
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
func (e *emitter) runParams(x *flow.Expectation, fd *ast.FuncDecl) string {
	mm := x.Member.Mock
	names := make([]string, len(mm.Params))
	used := map[int]bool{}
	for _, i := range x.ArgUses {
		used[i] = true
	}
	for i := range names {
		switch {
		case i == x.QueryIndex && x.QueryDecl != nil:
			names[i] = x.QueryDecl.Lhs[0].(*ast.Ident).Name
		case used[i]:
			names[i] = e.fresh(fd, mm.Params[i])
		default:
			names[i] = "_"
		}
	}
	if x.QueryDecl != nil {
		e.deleteStmt(x.QueryDecl)
	}
	for use, i := range x.ArgUses {
		if x.QueryDecl != nil && flow.Contains(x.QueryDecl, use) || e.insideSite(x.Sites, use) {
			continue // goes with the statement, or with the Result access
		}
		e.edit(use.Pos(), use.End(), names[i])
	}
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + " " + e.typeText(x.Site.Pkg.PkgPath, x.Site.File, e.paramType(x.Member, mm.ParamVars[i]))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func (e *emitter) insideSite(sites []*flow.Site, n ast.Node) bool {
	for _, s := range sites {
		if flow.Contains(s.Node(), n) {
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

// litProducer converts a function literal the mock calls in place of
// the method, as a producer: (U, error) results, its body as a
// producer's (producerBody).
func (e *emitter) litProducer(fd *ast.FuncDecl, lit *ast.FuncLit, sites []*flow.Site, typ string) {
	e.resultsEdit(lit.Type, typ, true)
	at := e.Prog.At(lit.Pos()).Filename
	pf := &producerFunc{
		fd: fd, body: lit.Body, file: e.Prog.Files[at], info: e.Prog.Owner[at].TypesInfo,
		sites: sites, hasErr: true, label: "a function literal",
	}
	e.producerBody(pf, "", typ, flow.ResultType(e.a.Target))
}

// zeroExact is the zero value of u as a value whose dynamic type is
// exactly u when stored in an interface, as testify stores Return's
// values and the mock asserts ret.Get(0).(U): nil where the mock's nil
// check accepts it, else a literal of u's own type (int64(0), not 0).
func zeroExact(u types.Type, typ string) string {
	if flow.Nillable(u) {
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

// mockeryV3Taken are the names a value's name must not collide with in a
// mockery v3 method: the file's import qualifiers (and the one typ
// adds), the method's parameters, and the names given before it.
func mockeryV3Taken(f *ast.File, params []string, typ string, more ...string) map[string]bool {
	taken := map[string]bool{}
	for _, spec := range f.Imports {
		name := path.Base(importPath(spec))
		if spec.Name != nil {
			name = spec.Name.Name
		}
		taken[name] = true
	}
	for _, t := range strings.FieldsFunc(typ, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '.' }) {
		if q, _, ok := strings.Cut(t, "."); ok {
			taken[q] = true
		}
	}
	for _, n := range append(params, more...) {
		taken[n] = true
	}
	return taken
}

// mockeryV3Name is the name mockery v3 gives an unnamed value of type t:
// one after the type (*Dashboard: dashboard, []*Dashboard: dashboards,
// map[string]int: stringToInt, string: s, int: n, bool: b, error: err),
// with Param after a keyword or a predeclared type's name, and a number
// after a name already taken.
func mockeryV3Name(t types.Type, taken map[string]bool) string {
	name := mockeryV3TypeName(t)
	if token.IsKeyword(name) || mockeryV3Reserved[name] {
		name += "Param"
	}
	out := name
	for i := 1; taken[out]; i++ {
		out = name + strconv.Itoa(i)
	}
	return out
}

// mockeryV3Reserved are the names besides Go's keywords that mockery v3
// does not give a value: its own, and the predeclared types'.
var mockeryV3Reserved = map[string]bool{
	"mock": true, "callInfo": true, "string": true, "bool": true, "byte": true, "rune": true, "uintptr": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"float32": true, "float64": true, "complex64": true, "complex128": true,
}

func mockeryV3TypeName(t types.Type) string {
	inner := func(t types.Type) string {
		if b, ok := t.(*types.Basic); ok {
			return lowerFirst(b.Name())
		}
		return mockeryV3TypeName(t)
	}
	switch t := t.(type) {
	case *types.Named, *types.Alias:
		obj := t.(interface{ Obj() *types.TypeName }).Obj()
		if obj.Name() == "error" {
			return "err"
		}
		name := lowerFirst(obj.Name())
		if name == obj.Name() {
			name += "MoqParam"
		}
		return name
	case *types.Basic:
		// mockery compares the whole kind: an unsigned integer is a v.
		switch t.Info() {
		case types.IsBoolean:
			return "b"
		case types.IsInteger:
			return "n"
		case types.IsFloat:
			return "f"
		case types.IsString:
			return "s"
		}
	case *types.Array:
		return inner(t.Elem()) + "s"
	case *types.Slice:
		return inner(t.Elem()) + "s"
	case *types.Struct:
		return "val"
	case *types.Pointer:
		return mockeryV3TypeName(t.Elem())
	case *types.Signature:
		return "fn"
	case *types.Interface:
		return "ifaceVal"
	case *types.Map:
		v := inner(t.Elem())
		return inner(t.Key()) + "To" + strings.ToUpper(v[:1]) + v[1:]
	case *types.Chan:
		return inner(t.Elem()) + "Ch"
	}
	return "v"
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }
