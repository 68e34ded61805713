package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/program"
)

// A Target is a command or query with a Result field.
type Target struct {
	Name  string // import path and type name: example.com/shop.GetOrderQuery
	Short string // package name and type name: shop.GetOrderQuery
	Key   program.Key
	Field program.Key // the Result field
	Obj   *types.TypeName
	Pkg   *packages.Package
	File  *ast.File
	Node  *ast.Field
	Spec  *ast.TypeSpec
}

func (t *Target) StructType() (*ast.StructType, bool) {
	st, ok := t.Spec.Type.(*ast.StructType)
	return st, ok
}

// Site is a node of interest with its ancestors, in the owner package of
// its file.
type Site struct {
	Pkg   *packages.Package
	File  *ast.File
	Stack []ast.Node  // from the file down to the node itself
	Field program.Key // for Result accesses and keys: the field's key
	// outer stands for the function literal around the site when no
	// function declaration is (var f = func(...) {...}).
	outer *ast.FuncDecl
}

func (s *Site) Node() ast.Node { return s.Stack[len(s.Stack)-1] }

func (s *Site) Parent(up int) ast.Node {
	if i := len(s.Stack) - 1 - up; i >= 0 {
		return s.Stack[i]
	}
	return nil
}

// OuterFunc is the top-level function declaration around the site, or
// one standing for the outermost function literal of a package-level
// declaration, or nil.
func (s *Site) OuterFunc() *ast.FuncDecl {
	if s.outer != nil {
		return s.outer
	}
	if len(s.Stack) > 1 {
		fd, _ := s.Stack[1].(*ast.FuncDecl)
		return fd
	}
	return nil
}

// FuncInfo is a function or method declaration with a body.
type FuncInfo struct {
	Obj  *types.Func
	Decl *ast.FuncDecl
	Pkg  *packages.Package
	File *ast.File
}

type CallSite struct {
	Site
	Call   *ast.CallExpr
	Callee program.Key
	Fn     *types.Func
}

// index is everything the planner looks at, found in one walk of the
// owner packages' syntax.
type index struct {
	targets   map[program.Key]*Target // by type
	ByField   map[program.Key]*Target // by Result field
	order     []*Target
	funcs     map[program.Key]*FuncInfo
	results   []*Site             // selectors x.Result of a target's field
	resultsOf map[*Target][]*Site // results by target, in the same order
	Literals  []*Site             // composite literals setting Result
	Calls     []*CallSite         // calls of functions with a target parameter
	values    []*CallSite         // such functions used other than by a call (call is nil)
	lits      []*Site             // function literals with a target parameter
	// mockCalls are calls of testify's (*mock.Mock).On and of the methods
	// of mockery's <Mock>_Expecter types: where expectations start.
	mockCalls []*Site
	// FuncFields are the selectors and composite-literal keys of struct
	// fields of a func type that takes a target (GetXFunc func(ctx, *Q)
	// error), as fakes forward to them.
	funcFields []*Site
	// ifaceMethods are the interface methods with a target parameter, and
	// implOf the methods that implement each of them.
	ifaceMethods map[program.Key]*types.Func
	implOf       map[program.Key][]program.Key
	implDecl     map[program.Key]*types.Named // the type of each implementing method
	// observations are the places where a value holding a target is seen
	// whole (observe.go); holdsCache memoizes index.holds.
	observations []*observation
	observed     map[ast.Expr]bool // the observations' expressions
	holdsCache   *typeutil.Map
	// localIfaces are the methods with a target parameter of interfaces
	// that are not package-level types (an assertion to interface{ M(...)
	// error }, a type declared in a function): nothing rewrites them.
	localIfaces []*localIfaceMethod
	// fakeMethodUses are the uses of the methods of fakes (onFake), by
	// method, each ending at the method's name; fakeTypes memoizes onFake.
	fakeMethodUses map[program.Key][]*Site
	fakeTypes      map[*types.Named]bool
}

// localIfaceMethod is a method of an interface type literal.
type localIfaceMethod struct {
	name, sig string
	pos       token.Pos
}

// FindTargets classifies the owner packages the patterns matched and
// returns the commands and queries with a Result field, filtered by only
// (type names, or import path.TypeName), in a stable order.
func FindTargets(prog *program.Program, cfg *cqmodel.Config, only []string) []*Target {
	var out []*Target
	for _, p := range prog.Owners {
		if !prog.IsSelected(p) {
			continue
		}
		in := cqmodel.Classify(cfg, p.Syntax, p.Types, p.TypesInfo, nil)
		for _, m := range in.Messages {
			if m.Result == nil || !m.Kind.IsRequest() || !prog.Owns(p, m.File) {
				continue
			}
			t := &Target{
				Name:  p.PkgPath + "." + m.Obj.Name(),
				Short: p.Types.Name() + "." + m.Obj.Name(),
				Key:   prog.Key(m.Obj),
				Field: prog.Key(m.Result),
				Obj:   m.Obj,
				Pkg:   p,
				File:  m.File,
				Spec:  m.Spec,
			}
			if !Selected(t, only) {
				continue
			}
			for _, f := range m.Spec.Type.(*ast.StructType).Fields.List {
				for _, n := range f.Names {
					if p.TypesInfo.Defs[n] == m.Result {
						t.Node = f
					}
				}
			}
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func Selected(t *Target, only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == t.Obj.Name() || o == t.Name || o == t.Short {
			return true
		}
		// A path suffix: pkg/path.Type matches example.com/x/pkg/path.Type.
		if len(t.Name) > len(o) && t.Name[len(t.Name)-len(o)-1] == '/' && t.Name[len(t.Name)-len(o):] == o {
			return true
		}
	}
	return false
}

func BuildIndex(prog *program.Program, targets []*Target) *index {
	ix := &index{
		targets: map[program.Key]*Target{}, ByField: map[program.Key]*Target{}, order: targets,
		funcs: map[program.Key]*FuncInfo{}, ifaceMethods: map[program.Key]*types.Func{},
		fakeMethodUses: map[program.Key][]*Site{}, fakeTypes: map[*types.Named]bool{},
		implOf: map[program.Key][]program.Key{}, implDecl: map[program.Key]*types.Named{},
	}
	for _, t := range targets {
		ix.targets[t.Key] = t
		ix.ByField[t.Field] = t
	}
	for _, p := range prog.Owners {
		for _, f := range p.Syntax {
			if prog.Owns(p, f) {
				ix.walk(prog, p, f)
			}
		}
	}
	ix.resultsOf = map[*Target][]*Site{}
	for _, s := range ix.results {
		t := ix.ByField[s.Field]
		ix.resultsOf[t] = append(ix.resultsOf[t], s)
	}
	ix.findImplementations(prog)
	return ix
}

// TargetOf is the target t is, or points to, or nil.
func (ix *index) TargetOf(prog *program.Program, t types.Type) *Target {
	if obj := cqmodel.NamedStruct(t); obj != nil {
		return ix.targets[prog.Key(obj)]
	}
	return nil
}

// isFuncField reports whether obj is a struct field of a func type
// that takes a target.
func (ix *index) isFuncField(prog *program.Program, obj types.Object) bool {
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() {
		return false
	}
	sig, ok := v.Type().Underlying().(*types.Signature)
	return ok && ix.hasTarget(prog, sig)
}

// onFake reports whether obj is a method of a struct with a func field
// that takes a target (a fake that forwards to a stub), memoized by type.
func (ix *index) onFake(prog *program.Program, obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	named := namedOfRecv(fn)
	if named == nil {
		return false
	}
	if v, ok := ix.fakeTypes[named]; ok {
		return v
	}
	v := false
	if st, ok := named.Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields() && !v; i++ {
			v = ix.isFuncField(prog, st.Field(i))
		}
	}
	ix.fakeTypes[named] = v
	return v
}

// namedOfRecv is the named type of fn's receiver, or nil.
func namedOfRecv(fn *types.Func) *types.Named {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	n, _ := types.Unalias(DerefT(recv.Type())).(*types.Named)
	return n
}

// hasTarget reports whether sig takes a target.
func (ix *index) hasTarget(prog *program.Program, sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		if ix.TargetOf(prog, sig.Params().At(i).Type()) != nil {
			return true
		}
	}
	return false
}

func (ix *index) walk(prog *program.Program, p *packages.Package, f *ast.File) {
	info := p.TypesInfo
	var stack []ast.Node
	// Package-level function literals stand in for declarations, one
	// each, so that their calls and reads group like a function's.
	outer := map[*ast.FuncLit]*ast.FuncDecl{}
	here := func() Site {
		s := Site{Pkg: p, File: f, Stack: append([]ast.Node(nil), stack...)}
		if len(stack) > 1 {
			if _, ok := stack[1].(*ast.FuncDecl); !ok {
				for _, n := range stack {
					if lit, ok := n.(*ast.FuncLit); ok {
						if outer[lit] == nil {
							outer[lit] = &ast.FuncDecl{Name: &ast.Ident{NamePos: lit.Pos(), Name: "_"}, Type: lit.Type, Body: lit.Body}
						}
						s.outer = outer[lit]
						break
					}
				}
			}
		}
		return s
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		ix.observe(prog, p, n, stack, here)
		switch n := n.(type) {
		case *ast.InterfaceType:
			ix.localIface(prog, info, n, stack)
		case *ast.FuncDecl:
			if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				ix.funcs[prog.Key(fn)] = &FuncInfo{Obj: fn, Decl: n, Pkg: p, File: f}
			}
		case *ast.FuncLit:
			if sig, ok := info.TypeOf(n).(*types.Signature); ok && ix.hasTarget(prog, sig) {
				s := here()
				ix.lits = append(ix.lits, &s)
			}
		case *ast.CallExpr:
			if IsMockCall(info, n) {
				s := here()
				ix.mockCalls = append(ix.mockCalls, &s)
			}
		case *ast.SelectorExpr:
			if sel := info.Selections[n]; sel != nil && sel.Kind() == types.FieldVal {
				if fk := prog.Key(sel.Obj()); ix.ByField[fk] != nil {
					s := here()
					s.Field = fk
					ix.results = append(ix.results, &s)
				}
			}
			if sel := info.Selections[n]; sel != nil && sel.Kind() == types.FieldVal && ix.isFuncField(prog, sel.Obj()) {
				s := here()
				s.Field = prog.Key(sel.Obj())
				ix.funcFields = append(ix.funcFields, &s)
			}
			if sel := info.Selections[n]; sel != nil && sel.Kind() != types.FieldVal && ix.onFake(prog, sel.Obj()) {
				// GetXReturns(err): the uses a counterfeiter fake's setters
				// need (counterfeiter.go), at the method's name.
				stack = append(stack, n.Sel)
				s := here()
				stack = stack[:len(stack)-1]
				ix.fakeMethodUses[prog.Key(sel.Obj())] = append(ix.fakeMethodUses[prog.Key(sel.Obj())], &s)
			}
			ix.funcUse(prog, p, n, n.Sel, stack, here)
		case *ast.Ident:
			ix.funcUse(prog, p, n, n, stack, here)
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && ix.isFuncField(prog, info.Uses[id]) {
						stack = append(stack, kv)
						s := here()
						s.Field = prog.Key(info.Uses[id])
						stack = stack[:len(stack)-1]
						ix.funcFields = append(ix.funcFields, &s)
					}
				}
			}
			if ix.TargetOf(prog, info.TypeOf(n)) != nil {
				for _, e := range n.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok && ix.ByField[prog.Key(info.Uses[id])] != nil {
							stack = append(stack, kv)
							s := here()
							s.Field = prog.Key(info.Uses[id])
							stack = stack[:len(stack)-1]
							ix.Literals = append(ix.Literals, &s)
						}
					}
				}
			}
		}
		return true
	})
}

// localIface records the target-taking methods of it, an interface type
// literal, unless it is the type of a package-level declaration.
func (ix *index) localIface(prog *program.Program, info *types.Info, it *ast.InterfaceType, stack []ast.Node) {
	if len(stack) >= 4 {
		if ts, ok := stack[len(stack)-2].(*ast.TypeSpec); ok && ts.Type == it {
			if _, ok := stack[len(stack)-3].(*ast.GenDecl); ok {
				if _, ok := stack[len(stack)-4].(*ast.File); ok {
					return
				}
			}
		}
	}
	for _, f := range it.Methods.List {
		for _, name := range f.Names {
			if fn, ok := info.Defs[name].(*types.Func); ok && ix.hasTarget(prog, fn.Type().(*types.Signature)) {
				ix.localIfaces = append(ix.localIfaces, &localIfaceMethod{name: fn.Name(), sig: sigString(fn), pos: name.Pos()})
			}
		}
	}
}

// funcUse records a use of a function or method with a target parameter:
// a call when it is the called expression, a value otherwise.
func (ix *index) funcUse(prog *program.Program, p *packages.Package, n ast.Expr, id *ast.Ident, stack []ast.Node, here func() Site) {
	fn, ok := p.TypesInfo.Uses[id].(*types.Func)
	if !ok || !ix.hasTarget(prog, fn.Type().(*types.Signature)) {
		return
	}
	if sel, ok := stack[len(stack)-2].(*ast.SelectorExpr); ok && sel.Sel == id {
		return // recorded as the selector
	}
	cs := &CallSite{Site: here(), Callee: prog.Key(fn), Fn: fn}
	if call, k := callOf(stack, len(stack)-1); call != nil {
		cs.Call = call
		cs.Stack = cs.Stack[: k+1 : k+1]
		ix.Calls = append(ix.Calls, cs)
		return
	}
	ix.values = append(ix.values, cs)
}

// callOf returns the call that calls the function stack[k] names, and
// its index in stack, or nil when stack[k] is not the called expression.
// The callee may be parenthesized and instantiated: f[T](x) and
// (f[T, U])(x) call f.
func callOf(stack []ast.Node, k int) (*ast.CallExpr, int) {
	x := stack[k]
	for i := k - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			x = p
			continue
		case *ast.IndexExpr:
			if p.X == x {
				x = p
				continue
			}
		case *ast.IndexListExpr:
			if p.X == x {
				x = p
				continue
			}
		case *ast.CallExpr:
			if p.Fun == x {
				return p, i
			}
		}
		return nil, -1
	}
	return nil, -1
}

// findImplementations records, for each interface method with a target
// parameter, the methods that implement it. Types and interfaces are
// compared by their method names and signatures written with full package
// paths, not with types.Implements: a type often satisfies an interface of
// a package it does not import (it meets it only where a constructor
// argument is converted), so no one package variant sees both, and the
// variants do not share type identities.
func (ix *index) findImplementations(prog *program.Program) {
	type iface struct {
		methods map[string]string      // name -> signature
		keys    map[string]program.Key // name -> key of the method
	}
	var ifaces []*iface
	seenIface := map[program.Key]bool{}
	for _, p := range prog.Pkgs {
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			it, ok := tn.Type().Underlying().(*types.Interface)
			if !ok || seenIface[prog.Key(tn)] {
				continue
			}
			seenIface[prog.Key(tn)] = true
			in := &iface{methods: map[string]string{}, keys: map[string]program.Key{}}
			cand := false
			for i := 0; i < it.NumMethods(); i++ {
				m := it.Method(i)
				in.methods[m.Name()] = sigString(m)
				in.keys[m.Name()] = prog.Key(m)
				if ix.hasTarget(prog, m.Type().(*types.Signature)) {
					ix.ifaceMethods[prog.Key(m)] = m
					cand = true
				}
			}
			if cand {
				ifaces = append(ifaces, in)
			}
		}
	}
	if len(ifaces) == 0 {
		return
	}
	seenType := map[program.Key]bool{}
	seen := map[[2]program.Key]bool{}
	for _, w := range prog.Owners {
		scope := w.Types.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || seenType[prog.Key(tn)] {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || types.IsInterface(named) || named.TypeParams().Len() > 0 {
				continue
			}
			seenType[prog.Key(tn)] = true
			mset := types.NewMethodSet(types.NewPointer(named))
			if mset.Len() == 0 {
				continue
			}
			have := map[string]*types.Func{}
			for i := 0; i < mset.Len(); i++ {
				if fn, ok := mset.At(i).Obj().(*types.Func); ok {
					have[fn.Name()] = fn
				}
			}
			for _, in := range ifaces {
				ok := true
				for name, sig := range in.methods {
					fn := have[name]
					if fn == nil || sigString(fn) != sig {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				for name, ik := range in.keys {
					if ix.ifaceMethods[ik] == nil {
						continue
					}
					pair := [2]program.Key{ik, prog.Key(have[name])}
					if !seen[pair] {
						seen[pair] = true
						ix.implOf[ik] = append(ix.implOf[ik], pair[1])
						ix.implDecl[pair[1]] = named
					}
				}
			}
		}
	}
	for k := range ix.implOf {
		sort.Slice(ix.implOf[k], func(i, j int) bool { return ix.implOf[k][i] < ix.implOf[k][j] })
	}
}

// sigString is a method's signature without receiver, with every type
// qualified by its full package path.
func sigString(fn *types.Func) string { return signatureString(fn.Type().(*types.Signature)) }

// signatureString is sig without receiver and parameter names, with
// every type qualified by its full package path.
func signatureString(sig *types.Signature) string {
	unnamed := func(t *types.Tuple) *types.Tuple {
		vars := make([]*types.Var, t.Len())
		for i := range vars {
			vars[i] = types.NewParam(token.NoPos, nil, "", t.At(i).Type())
		}
		return types.NewTuple(vars...)
	}
	return types.TypeString(types.NewSignatureType(nil, nil, nil, unnamed(sig.Params()), unnamed(sig.Results()), sig.Variadic()), nil)
}

// EnclosingFunc returns the innermost function (declaration or literal)
// around the site, its type and body, or nils.
func EnclosingFunc(stack []ast.Node) (ast.Node, *ast.FuncType, *ast.BlockStmt) {
	for i := len(stack) - 2; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			return f, f.Type, f.Body
		case *ast.FuncLit:
			return f, f.Type, f.Body
		}
	}
	return nil, nil, nil
}

// ParamOf reports whether obj is a parameter of the function fn.
func ParamOf(info *types.Info, ft *ast.FuncType, obj types.Object) bool {
	if obj == nil {
		return false
	}
	for _, fld := range ft.Params.List {
		for _, n := range fld.Names {
			if info.Defs[n] == obj {
				return true
			}
		}
	}
	return false
}

// ResultType is the type of t's Result field, qualified by package name.
func (t *Target) ResultType() string {
	return types.TypeString(ResultType(t), func(p *types.Package) string { return p.Name() })
}

// declaringFunc returns the function (declaration or literal) around the
// site that has obj as a parameter, or nil.
func declaringFunc(stack []ast.Node, info *types.Info, obj types.Object) ast.Node {
	for i := len(stack) - 2; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			if ParamOf(info, f.Type, obj) {
				return f
			}
		case *ast.FuncLit:
			if ParamOf(info, f.Type, obj) {
				return f
			}
		}
	}
	return nil
}

// SameType compares types by how they are written with full package
// paths: a query's package, its producers, mocks and tests may be seen
// through different package variants (a test variant, another build
// configuration), whose types are never identical.
func SameType(a, b types.Type) bool {
	return types.TypeString(a, nil) == types.TypeString(b, nil)
}
