package refactor

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/program"
)

// A fake that forwards to a func-typed field (GetXFunc func(ctx, *Q)
// error, set by each test) is a producer through that field: the field's
// type becomes func(ctx, *Q) (U, error), the fake's `return f.GetXFunc(ctx,
// q)` stays a forward, and every function literal assigned to the field,
// in any package, converts as a producer.

// A funcField is a func-typed field the members forward to.
type funcField struct {
	field *types.Var
	decl  *ast.Field // its declaration
	file  *ast.File
	pkg   string // the declaring package's path
	lits  []*funcLit
	// params are the parameters of constructors that store their
	// argument in the field: their types change too.
	params []*heldParam
}

// A heldParam is a func-typed parameter of a function that only stores
// it in a func field; every call passes a literal (or nil).
type heldParam struct {
	decl *ast.Field
	fn   *funcInfo
}

// A funcLit is a function literal converted as a producer: its query
// parameter's Result accesses become a local returned with the error.
type funcLit struct {
	site  *site // where the literal is assigned
	lit   *ast.FuncLit
	sites []*site
}

// analyzeFuncFields finds the func-typed fields the members forward their
// query to, and checks that every use of them can change with them.
func (pl *planner) analyzeFuncFields(a *analysis) bool {
	prog, ix := pl.prog, pl.ix
	byField := map[program.Key]*funcField{}
	var order []program.Key
	for _, k := range a.keys {
		m := a.members[k]
		if m.decl == nil || m.mock != nil {
			continue
		}
		fd, info := m.decl.decl, m.decl.pkg.TypesInfo
		for _, s := range ix.funcFields {
			call, ok := s.parent(1).(*ast.CallExpr)
			if s.outerFunc() != fd || !ok || call.Fun != s.node() || !passes(info, call, m.param) {
				continue
			}
			v := info.Selections[s.node().(*ast.SelectorExpr)].Obj().(*types.Var)
			if !pl.takesOnly(v.Type().Underlying().(*types.Signature), a.t) {
				continue // a helper computing something from the query, not a producer
			}
			r, isRet := s.parent(2).(*ast.ReturnStmt)
			if fn, _, _ := enclosingFunc(s.stack); !isRet || len(r.Results) != 1 || fn != ast.Node(fd) || !m.hasErr() {
				a.refuse(prog, call.Pos(), "%s passes the query to the function field %s other than as its return value", funcLabel(m.fn), prog.Text(call.Fun))
				return false
			}
			if _, named := types.Unalias(v.Type()).(*types.Named); named {
				a.refuse(prog, call.Pos(), "the function field %s has a named func type, which other code may use", v.Name())
				return false
			}
			if a.fieldForwards == nil {
				a.fieldForwards = map[*ast.CallExpr]bool{}
			}
			a.fieldForwards[call] = true
			if byField[s.field] == nil {
				decl, file := pl.fieldDecl(v)
				if decl == nil || len(decl.Names) != 1 {
					a.refuse(prog, v.Pos(), "cannot find the declaration of the function field %s", v.Name())
					return false
				}
				byField[s.field] = &funcField{field: v, decl: decl, file: file, pkg: v.Pkg().Path()}
				order = append(order, s.field)
			}
		}
	}
	seen := map[*ast.FuncLit]bool{}
	for _, s := range ix.funcFields {
		ff := byField[s.field]
		if ff == nil {
			continue
		}
		info := s.pkg.TypesInfo
		var value ast.Expr
		switch p := s.parent(1).(type) {
		case *ast.CallExpr:
			if a.fieldForwards[p] {
				continue
			}
			a.refuse(prog, p.Pos(), "the function field %s is called other than by a fake forwarding its query", ff.field.Name())
			return false
		case *ast.BinaryExpr:
			if (p.Op == token.EQL || p.Op == token.NEQ) && (isNil(info, p.X) || isNil(info, p.Y)) {
				continue
			}
		case *ast.AssignStmt:
			for i, l := range p.Lhs {
				if l == s.node() && len(p.Lhs) == len(p.Rhs) {
					value = p.Rhs[i]
				}
			}
		case *ast.CompositeLit:
			value = s.node().(*ast.KeyValueExpr).Value
		}
		if value != nil && isNil(info, value) {
			continue
		}
		lit, ok := ast.Unparen(value).(*ast.FuncLit)
		if !ok && value != nil {
			lit, ok = heldLiteral(info, s.outerFunc(), value, byField, prog)
		}
		if !ok && value != nil {
			if hp, lits, held := pl.heldParam(a, s, value, byField); held {
				if hp == nil {
					return false // refused
				}
				ff.params = append(ff.params, hp)
				for _, l := range lits {
					if !seen[l.lit] {
						seen[l.lit] = true
						ff.lits = append(ff.lits, l)
					}
				}
				continue
			}
		}
		if !ok {
			a.refuse(prog, s.node().Pos(), "the function field %s is used here other than by being assigned a function literal (or a local variable holding only one), called by the fake or compared with nil", ff.field.Name())
			return false
		}
		if seen[lit] {
			continue // a variable holding it, assigned twice
		}
		seen[lit] = true
		sites, ok := pl.literalSites(a, info, lit)
		if !ok {
			return false
		}
		ff.lits = append(ff.lits, &funcLit{site: s, lit: lit, sites: sites})
	}
	for _, k := range order {
		a.funcFields = append(a.funcFields, byField[k])
	}
	return true
}

// takesOnly reports whether sig is func(..., *t, ...) error with no other
// command or query.
func (pl *planner) takesOnly(sig *types.Signature, t *Target) bool {
	n := 0
	for i := 0; i < sig.Params().Len(); i++ {
		if o := pl.ix.targetOf(pl.prog, sig.Params().At(i).Type()); o != nil {
			if o != t {
				return false
			}
			n++
		}
	}
	return n == 1 && sig.Results().Len() == 1 && cqmodel.IsError(sig.Results().At(0).Type())
}

// heldLiteral is the function literal a local variable of fd holds, when
// it is declared with it, never assigned again, and used only as the
// value of the func fields that change (getX := func(...) error {...};
// fake := &Fake{GetXFunc: getX}).
func heldLiteral(info *types.Info, fd *ast.FuncDecl, value ast.Expr, fields map[program.Key]*funcField, prog *program.Program) (*ast.FuncLit, bool) {
	id, ok := ast.Unparen(value).(*ast.Ident)
	if !ok || fd == nil {
		return nil, false
	}
	obj, ok := info.Uses[id].(*types.Var)
	if !ok || obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() || assignedAfterDecl(info, fd, obj) {
		return nil, false
	}
	var lit *ast.FuncLit
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
			for i, l := range as.Lhs {
				if lid, ok := l.(*ast.Ident); ok && info.Defs[lid] == obj {
					lit, _ = as.Rhs[i].(*ast.FuncLit)
				}
			}
		}
		return lit == nil
	})
	if lit == nil {
		return nil, false
	}
	return lit, onlyFieldValues(info, fd, obj, fields, prog)
}

// heldParam reads value, assigned to a func field at s, as a parameter
// of the function around s that only stores it there (a constructor:
// newFake(getX func(ctx, *Q) error) *Fake { return &Fake{getX: getX} }),
// and every call of that function, which must pass a function literal
// or nil there: the literals convert as producers. It reports false when
// value is no such parameter; nil with true when it refused the type.
func (pl *planner) heldParam(a *analysis, s *site, value ast.Expr, fields map[program.Key]*funcField) (*heldParam, []*funcLit, bool) {
	prog, info, fd := pl.prog, s.pkg.TypesInfo, s.outerFunc()
	id, ok := ast.Unparen(value).(*ast.Ident)
	if !ok || fd == nil || fd.Name.Name == "_" {
		return nil, nil, false
	}
	obj, _ := info.Uses[id].(*types.Var)
	index, decl := -1, (*ast.Field)(nil)
	i := 0
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			if obj != nil && info.Defs[n] == obj {
				index, decl = i, f
			}
			i++
		}
	}
	if index < 0 {
		return nil, nil, false
	}
	refuse := func(pos token.Pos, why string) (*heldParam, []*funcLit, bool) {
		a.refuse(prog, pos, "the parameter %s of %s is stored in a function field that changes, but %s", obj.Name(), fd.Name.Name, why)
		return nil, nil, true
	}
	if _, ok := decl.Type.(*ast.FuncType); !ok || len(decl.Names) != 1 || assignedAfterDecl(info, fd, obj) || !onlyFieldValues(info, fd, obj, fields, prog) {
		return refuse(id.Pos(), "it is declared with others, not as a func type, assigned, or used otherwise")
	}
	fn, _ := info.Defs[fd.Name].(*types.Func)
	fi := pl.ix.funcs[prog.Key(fn)]
	if fn == nil || fi == nil {
		return refuse(id.Pos(), "its function has no body in the loaded packages")
	}
	var lits []*funcLit
	var bad token.Pos
	fkey := prog.Key(fn)
	usesEverywhere(prog, fkey, func(p *packages.Package, f *ast.File, use *ast.Ident, stack []ast.Node) {
		if bad.IsValid() {
			return
		}
		// A use of the function: it must be the callee of a call.
		var callee ast.Node = use
		up := len(stack) - 2
		if sel, ok := stack[up].(*ast.SelectorExpr); ok && sel.Sel == use {
			callee, up = sel, up-1
		}
		call, ok := stack[up].(*ast.CallExpr)
		if !ok || call.Fun != callee || len(call.Args) <= index {
			bad = use.Pos()
			return
		}
		arg := call.Args[index]
		if p.TypesInfo.Types[arg].IsNil() {
			return
		}
		lit, ok := ast.Unparen(arg).(*ast.FuncLit)
		if !ok {
			bad = arg.Pos()
			return
		}
		sites, ok := pl.literalSites(a, p.TypesInfo, lit)
		if !ok {
			bad = lit.Pos()
			return
		}
		ls := &site{pkg: p, file: f, stack: append([]ast.Node(nil), stack[:up+1]...)}
		if ls.outerFunc() == nil {
			bad = lit.Pos() // a package-level call: no function to name variables in
			return
		}
		lits = append(lits, &funcLit{site: ls, lit: lit, sites: sites})
	})
	if bad.IsValid() {
		if len(a.refusals) > 0 {
			return nil, nil, true
		}
		return refuse(bad, "it is given something other than a function literal or nil here, or its function is used other than by calls")
	}
	return &heldParam{decl: decl, fn: fi}, lits, true
}

// onlyFieldValues reports whether every use of obj in fd is as the value
// of one of fields, in an assignment or a composite literal.
func onlyFieldValues(info *types.Info, fd *ast.FuncDecl, obj types.Object, fields map[program.Key]*funcField, prog *program.Program) bool {
	fieldOf := func(e ast.Expr) *types.Var {
		switch e := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel := info.Selections[e]; sel != nil {
				v, _ := sel.Obj().(*types.Var)
				return v
			}
		case *ast.Ident:
			v, _ := info.Uses[e].(*types.Var)
			return v
		}
		return nil
	}
	only := true
	usesOf(fd.Body, info, obj, func(use *ast.Ident, stack []ast.Node) {
		var f *types.Var
		switch p := stack[len(stack)-2].(type) {
		case *ast.KeyValueExpr:
			if p.Value == ast.Expr(use) {
				f = fieldOf(p.Key)
			}
		case *ast.AssignStmt:
			for i, r := range p.Rhs {
				if r == ast.Expr(use) && len(p.Lhs) == len(p.Rhs) {
					f = fieldOf(p.Lhs[i])
				}
			}
		}
		if f == nil || fields[prog.Key(f)] == nil {
			only = false
		}
	})
	return only
}

// passes reports whether one of call's arguments is obj, or &obj.
func passes(info *types.Info, call *ast.CallExpr, obj types.Object) bool {
	for _, arg := range call.Args {
		if v := rootIdent(arg); v != nil && info.Uses[v] == obj {
			return true
		}
	}
	return false
}

func isNil(info *types.Info, e ast.Expr) bool { return info.Types[e].IsNil() }

// literalSites are the Result accesses of a function literal converted
// as a producer: all through its query parameter, none deferred.
func (pl *planner) literalSites(a *analysis, info *types.Info, lit *ast.FuncLit) ([]*site, bool) {
	prog := pl.prog
	var param types.Object
	for _, f := range lit.Type.Params.List {
		for _, n := range f.Names {
			if obj := info.Defs[n]; obj != nil && pl.ix.targetOf(prog, obj.Type()) == a.t {
				param = obj
			}
		}
	}
	var out []*site
	for _, s := range pl.ix.resultsOf[a.t] {
		if !contains(lit, s.node()) {
			continue
		}
		id, ok := ast.Unparen(s.node().(*ast.SelectorExpr).X).(*ast.Ident)
		if !ok || param == nil || info.Uses[id] != param {
			a.refuse(prog, s.node().Pos(), "a function literal converted as a producer reaches Result other than through its query parameter")
			return nil, false
		}
		if deferredOrAsync(s.stack) {
			a.refuse(prog, s.node().Pos(), "a function literal converted as a producer writes Result in a deferred function or a goroutine")
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// fieldDecl finds the declaration of a named struct field.
func (pl *planner) fieldDecl(v *types.Var) (*ast.Field, *ast.File) {
	f := pl.prog.Files[pl.prog.At(v.Pos()).Filename]
	if f == nil {
		return nil, nil
	}
	var found *ast.Field
	ast.Inspect(f, func(n ast.Node) bool {
		if fld, ok := n.(*ast.Field); ok {
			for _, name := range fld.Names {
				if name.Pos() == v.Pos() {
					found = fld
				}
			}
		}
		return found == nil
	})
	return found, f
}

// emitFuncFields changes the fields' types and converts their literals.
func (e *emitter) emitFuncFields() {
	u := resultType(e.a.t)
	for _, ff := range e.a.funcFields {
		if ft, ok := ff.decl.Type.(*ast.FuncType); ok {
			e.resultsEdit(ft, e.typeText(ff.pkg, ff.file, u), true)
		}
		for _, hp := range ff.params {
			e.resultsEdit(hp.decl.Type.(*ast.FuncType), e.typeText(hp.fn.pkg.PkgPath, hp.fn.file, u), true)
		}
		for _, l := range ff.lits {
			e.litProducer(l.site.outerFunc(), l.lit, l.sites, e.typeText(l.site.pkg.PkgPath, l.site.file, u))
		}
	}
}
