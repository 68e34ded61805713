package flow

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

// A FuncField is a func-typed field the members forward to.
type FuncField struct {
	Field *types.Var
	Decl  *ast.Field // its declaration
	File  *ast.File
	Pkg   string // the declaring package's path
	Lits  []*funcLit
	// Params are the parameters of constructors that store their
	// argument in the field: their types change too.
	Params []*heldParam
}

// A heldParam is a func-typed parameter of a function that only stores
// it in a func field; every call passes a literal (or nil).
type heldParam struct {
	Decl *ast.Field
	Fn   *FuncInfo
}

// A funcLit is a function literal converted as a producer: its query
// parameter's Result accesses become a local returned with the error.
type funcLit struct {
	Site  *Site // where the literal is assigned
	Lit   *ast.FuncLit
	Sites []*Site
}

// analyzeFuncFields finds the func-typed fields the members forward their
// query to, and checks that every use of them can change with them.
func (pl *Analyzer) analyzeFuncFields(a *Analysis) bool {
	prog, ix := pl.Prog, pl.Index
	byField := map[program.Key]*FuncField{}
	var order []program.Key
	for _, k := range a.Keys {
		m := a.Members[k]
		if m.Decl == nil || m.Double() {
			continue
		}
		fd, info := m.Decl.Decl, m.Decl.Pkg.TypesInfo
		for _, s := range ix.funcFields {
			call, ok := s.Parent(1).(*ast.CallExpr)
			if s.OuterFunc() != fd || !ok || call.Fun != s.Node() || !passes(info, call, m.Param) {
				continue
			}
			v := info.Selections[s.Node().(*ast.SelectorExpr)].Obj().(*types.Var)
			if !pl.takesOnly(v.Type().Underlying().(*types.Signature), a.Target) {
				continue // a helper computing something from the query, not a producer
			}
			r, isRet := s.Parent(2).(*ast.ReturnStmt)
			if fn, _, _ := EnclosingFunc(s.Stack); !isRet || len(r.Results) != 1 || fn != ast.Node(fd) || !m.HasErr() {
				a.refuse(prog, call.Pos(), "%s passes the query to the function field %s other than as its return value", FuncLabel(m.Fn), prog.Text(call.Fun))
				return false
			}
			if _, named := types.Unalias(v.Type()).(*types.Named); named {
				a.refuse(prog, call.Pos(), "the function field %s has a named func type, which other code may use", v.Name())
				return false
			}
			if a.FieldForwards == nil {
				a.FieldForwards = map[*ast.CallExpr]bool{}
			}
			a.FieldForwards[call] = true
			if byField[s.Field] == nil {
				decl, file := pl.fieldDecl(v)
				if decl == nil || len(decl.Names) != 1 {
					a.refuse(prog, v.Pos(), "cannot find the declaration of the function field %s", v.Name())
					return false
				}
				byField[s.Field] = &FuncField{Field: v, Decl: decl, File: file, Pkg: v.Pkg().Path()}
				order = append(order, s.Field)
			}
		}
	}
	seen := map[*ast.FuncLit]bool{}
	for _, s := range ix.funcFields {
		ff := byField[s.Field]
		if ff == nil {
			continue
		}
		info := s.Pkg.TypesInfo
		var value ast.Expr
		switch p := s.Parent(1).(type) {
		case *ast.CallExpr:
			if a.FieldForwards[p] {
				continue
			}
			a.refuse(prog, p.Pos(), "the function field %s is called other than by a fake forwarding its query", ff.Field.Name())
			return false
		case *ast.BinaryExpr:
			if (p.Op == token.EQL || p.Op == token.NEQ) && (isNil(info, p.X) || isNil(info, p.Y)) {
				continue
			}
		case *ast.AssignStmt:
			for i, l := range p.Lhs {
				if l == s.Node() && len(p.Lhs) == len(p.Rhs) {
					value = p.Rhs[i]
				}
			}
		case *ast.CompositeLit:
			value = s.Node().(*ast.KeyValueExpr).Value
		}
		if value != nil && isNil(info, value) {
			continue
		}
		lit, ok := ast.Unparen(value).(*ast.FuncLit)
		if !ok && value != nil {
			lit, ok = heldLiteral(info, s.OuterFunc(), value, byField, prog)
		}
		if !ok && value != nil {
			if hp, lits, held := pl.heldParam(a, s, value, byField); held {
				if hp == nil {
					return false // refused
				}
				ff.Params = append(ff.Params, hp)
				for _, l := range lits {
					if !seen[l.Lit] {
						seen[l.Lit] = true
						ff.Lits = append(ff.Lits, l)
					}
				}
				continue
			}
		}
		if !ok {
			a.refuse(prog, s.Node().Pos(), "the function field %s is used here other than by being assigned a function literal (or a local variable holding only one), called by the fake or compared with nil", ff.Field.Name())
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
		ff.Lits = append(ff.Lits, &funcLit{Site: s, Lit: lit, Sites: sites})
	}
	for _, k := range order {
		a.FuncFields = append(a.FuncFields, byField[k])
	}
	return true
}

// takesOnly reports whether sig is func(..., *t, ...) error with no other
// command or query.
func (pl *Analyzer) takesOnly(sig *types.Signature, t *Target) bool {
	n := 0
	for i := 0; i < sig.Params().Len(); i++ {
		if o := pl.Index.TargetOf(pl.Prog, sig.Params().At(i).Type()); o != nil {
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
func heldLiteral(info *types.Info, fd *ast.FuncDecl, value ast.Expr, fields map[program.Key]*FuncField, prog *program.Program) (*ast.FuncLit, bool) {
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
func (pl *Analyzer) heldParam(a *Analysis, s *Site, value ast.Expr, fields map[program.Key]*FuncField) (*heldParam, []*funcLit, bool) {
	prog, info, fd := pl.Prog, s.Pkg.TypesInfo, s.OuterFunc()
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
	fi := pl.Index.funcs[prog.Key(fn)]
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
		ls := &Site{Pkg: p, File: f, Stack: append([]ast.Node(nil), stack[:up+1]...)}
		if ls.OuterFunc() == nil {
			bad = lit.Pos() // a package-level call: no function to name variables in
			return
		}
		lits = append(lits, &funcLit{Site: ls, Lit: lit, Sites: sites})
	})
	if bad.IsValid() {
		if len(a.Refusals) > 0 {
			return nil, nil, true
		}
		return refuse(bad, "it is given something other than a function literal or nil here, or its function is used other than by calls")
	}
	return &heldParam{Decl: decl, Fn: fi}, lits, true
}

// onlyFieldValues reports whether every use of obj in fd is as the value
// of one of fields, in an assignment or a composite literal.
func onlyFieldValues(info *types.Info, fd *ast.FuncDecl, obj types.Object, fields map[program.Key]*FuncField, prog *program.Program) bool {
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
	UsesOf(fd.Body, info, obj, func(use *ast.Ident, stack []ast.Node) {
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
func (pl *Analyzer) literalSites(a *Analysis, info *types.Info, lit *ast.FuncLit) ([]*Site, bool) {
	prog := pl.Prog
	var param types.Object
	for _, f := range lit.Type.Params.List {
		for _, n := range f.Names {
			if obj := info.Defs[n]; obj != nil && pl.Index.TargetOf(prog, obj.Type()) == a.Target {
				param = obj
			}
		}
	}
	var out []*Site
	for _, s := range pl.Index.resultsOf[a.Target] {
		if !Contains(lit, s.Node()) {
			continue
		}
		id, ok := ast.Unparen(s.Node().(*ast.SelectorExpr).X).(*ast.Ident)
		if !ok || param == nil || info.Uses[id] != param {
			a.refuse(prog, s.Node().Pos(), "a function literal converted as a producer reaches Result other than through its query parameter")
			return nil, false
		}
		if deferredOrAsync(s.Stack) {
			a.refuse(prog, s.Node().Pos(), "a function literal converted as a producer writes Result in a deferred function or a goroutine")
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// fieldDecl finds the declaration of a named struct field.
func (pl *Analyzer) fieldDecl(v *types.Var) (*ast.Field, *ast.File) {
	f := pl.Prog.Files[pl.Prog.At(v.Pos()).Filename]
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
