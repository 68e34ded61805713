package refactor

import (
	"go/ast"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/generator"
)

// A Legacy<Service> adapter is what cqgen generate writes for a service
// whose commands and queries still have a Result field: a struct of
// <Method>Handler funcs, whose <Method> methods call them and return
// Result. An implementation embeds it and hands it its bus-style methods:
//
//	s.LegacyService = teapot.LegacyService{GetOwnerHandler: s.getOwner}
//
// Converting GetOwnerQuery converts getOwner like any other producer. The
// adapter loses its field when cqgen generate runs again (after the
// rewrite, see regenerate), so the field goes from the literal too and
// the implementation gets the method the adapter gave it; once no legacy
// method is left, cqgen declares no adapter, and the embedding and the
// assignment go as well. The types one adapter serves are converted or
// refused together, since whether the adapter stays depends on them all.

// An adapterUse is a producer handed to a generated Legacy adapter, as
// the one shape that converts: what the emitter needs to give the
// implementation the adapter's method and drop the handler.
type adapterUse struct {
	m        *member
	adapter  *types.Named
	implType *types.Named
	name     string // the adapter's method
	asig     *types.Signature
	recvName string
	kv       *ast.KeyValueExpr
	lit      *ast.CompositeLit
	as       *ast.AssignStmt // s.LegacyX = LegacyX{...}
	stays    bool            // the adapter keeps other handlers
	embedded *ast.Field      // where the implementation embeds it (when it goes)
}

// analyzeAdapter looks at v, a use of a member as a value, and reports
// whether it is a handler given to a generated adapter; if it is, it
// returns what converting it takes, or nil after refusing it. Otherwise
// the caller refuses v.
func (pl *planner) analyzeAdapter(a *analysis, v *callSite) (*adapterUse, bool) {
	prog := pl.prog
	n := len(v.stack)
	if n < 5 { // file, ..., statement, literal, element, value
		return nil, false
	}
	kv, ok := v.stack[n-2].(*ast.KeyValueExpr)
	if !ok || kv.Value != v.node() {
		return nil, false
	}
	lit, ok := v.stack[n-3].(*ast.CompositeLit)
	key, isIdent := kv.Key.(*ast.Ident)
	if !ok || !isIdent {
		return nil, false
	}
	info := v.pkg.TypesInfo
	adapter, _ := types.Unalias(info.TypeOf(lit)).(*types.Named)
	if adapter == nil || !pl.isAdapter(adapter) {
		return nil, false
	}
	name, ok := strings.CutSuffix(key.Name, "Handler")
	if !ok {
		return nil, false
	}
	adapterMethod, _, _ := types.LookupFieldOrMethod(adapter, false, adapter.Obj().Pkg(), name)
	if _, ok := adapterMethod.(*types.Func); !ok {
		return nil, false
	}
	t, m := a.t, a.members[v.callee]
	refuse := func(format string, args ...any) (*adapterUse, bool) {
		a.refuse(prog, v.node().Pos(), format, args...)
		return nil, true
	}
	var recv *ast.Ident
	if sel, ok := v.node().(*ast.SelectorExpr); ok {
		recv, _ = ast.Unparen(sel.X).(*ast.Ident)
	}
	if recv == nil || m.decl == nil || m.decl.decl.Recv == nil {
		return refuse("%s is given to the adapter %s, but not as a method value of a variable", v.fn.Name(), adapter.Obj().Name())
	}
	fd := m.decl.decl
	implType, _ := types.Unalias(derefT(m.fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
	as, _ := v.stack[n-4].(*ast.AssignStmt)
	wrongShape := func() (*adapterUse, bool) {
		return refuse("%s is handed to the Legacy adapter %s, but not as s.%[2]s = %[2]s{%[3]s: s.%[1]s} with s the handler's receiver, which embeds the adapter: the one shape cqgen refactor converts",
			v.fn.Name(), adapter.Obj().Name(), key.Name)
	}
	if as == nil || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Rhs[0] != ast.Expr(lit) || implType == nil {
		return wrongShape()
	}
	dest, _ := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr)
	var field *types.Var
	if dest != nil {
		if s := info.Selections[dest]; s != nil && s.Kind() == types.FieldVal {
			field, _ = s.Obj().(*types.Var)
		}
	}
	if destRecv, ok := rootExpr(dest).(*ast.Ident); !ok || field == nil || !field.Embedded() || info.Uses[destRecv] != info.Uses[recv] ||
		!types.Identical(field.Type(), adapter) || !embeds(implType, field) {
		return wrongShape()
	}
	// The implementation must now have the method itself; one it declares
	// already would have hidden the adapter's.
	if own, _, _ := types.LookupFieldOrMethod(types.NewPointer(implType), false, implType.Obj().Pkg(), name); own != adapterMethod {
		return refuse("%s gets %s from the adapter %s, but already has one of its own", implType.Obj().Name(), name, adapter.Obj().Name())
	}
	recvName := ""
	if names := fd.Recv.List[0].Names; len(names) == 1 {
		recvName = names[0].Name
	}
	asig := adapterMethod.Type().(*types.Signature)
	ctxName, paramName := asig.Params().At(0).Name(), asig.Params().At(1).Name()
	switch recvName {
	case "", "_", ctxName, paramName, "result", "err", "zero":
		return refuse("the receiver of %s is named %q, which the method cqgen refactor gives %s would need", v.fn.Name(), recvName, implType.Obj().Name())
	}

	// Whether the adapter stays: only while one of its handlers is for a
	// type this run does not convert.
	stays := false
	for i := range adapter.Underlying().(*types.Struct).NumFields() {
		f := adapter.Underlying().(*types.Struct).Field(i)
		sig, ok := f.Type().Underlying().(*types.Signature)
		var o *Target
		if ok && sig.Params().Len() == 2 {
			o = pl.ix.targetOf(prog, sig.Params().At(1).Type())
		}
		switch {
		case o == nil:
			stays = true
		case o != t:
			a.adapterLinked = append(a.adapterLinked, o)
		}
	}

	use := &adapterUse{m: m, adapter: adapter, implType: implType, name: name, asig: asig, recvName: recvName, kv: kv, lit: lit, as: as, stays: stays}
	if stays {
		return use, true
	}
	if _, inBlock := v.stack[n-5].(*ast.BlockStmt); !inBlock {
		return refuse("the assignment of %s to the adapter %s is not a statement of its own", v.fn.Name(), adapter.Obj().Name())
	}
	if use.embedded = pl.fieldSyntax(field); use.embedded == nil {
		return refuse("cannot find where %s embeds %s", implType.Obj().Name(), adapter.Obj().Name())
	}
	return use, true
}

// emitAdapter gives the implementation the method the adapter gave it,
// and drops the handler from the adapter, or the adapter itself when no
// handler is left.
func (e *emitter) emitAdapter(use *adapterUse) {
	prog, t, m, fd := e.prog, e.a.t, use.m, use.m.decl.decl
	adapter, implType, name, asig, recvName := use.adapter, use.implType, use.name, use.asig, use.recvName
	ctxName, paramName := asig.Params().At(0).Name(), asig.Params().At(1).Name()
	file, pkgPath := m.decl.file, m.decl.pkg.PkgPath
	typ := func(x types.Type) string { return e.typeText(pkgPath, file, x) }
	u := typ(asig.Results().At(0).Type())
	method := "\n\n// " + name + " is what " + adapter.Obj().Name() + " gave " + implType.Obj().Name() + " while " + t.obj.Name() + " had a Result field.\n" +
		"func " + prog.Text(fd.Recv) + " " + name + "(" + ctxName + " " + typ(asig.Params().At(0).Type()) + ", " + paramName + " " + typ(asig.Params().At(1).Type()) + ") (" + u + ", error) {\n" +
		"result, err := " + recvName + "." + fd.Name.Name + "(" + ctxName + ", &" + paramName + ")\n" +
		"if err != nil {\nvar zero " + u + "\nreturn zero, err\n}\nreturn result, nil\n}"
	e.edit(fd.End(), fd.End(), method)
	if use.stays {
		// Drop this handler's element, with what separates it from the next.
		end := use.lit.Rbrace
		for i, el := range use.lit.Elts {
			if el == ast.Expr(use.kv) && i+1 < len(use.lit.Elts) {
				end = use.lit.Elts[i+1].Pos()
			}
		}
		e.edit(use.kv.Pos(), end, "")
		return
	}
	e.deleteLines(use.as.Pos(), use.as.End())
	embedded := use.embedded
	start, end := embedded.Pos(), embedded.End()
	if embedded.Doc != nil {
		start = embedded.Doc.Pos()
	}
	if embedded.Comment != nil {
		end = embedded.Comment.End()
	}
	e.deleteLines(start, end)
}

// isAdapter reports whether t is a Legacy<Service> adapter that cqgen
// generated.
func (pl *planner) isAdapter(t *types.Named) bool {
	if !strings.HasPrefix(t.Obj().Name(), "Legacy") {
		return false
	}
	file := pl.prog.At(t.Obj().Pos()).Filename
	return filepath.Base(file) == generator.ServiceFile && generator.IsGenerated(pl.prog.Source(file))
}

// embeds reports whether field is a field of the struct t.
func embeds(t *types.Named, field *types.Var) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if st.Field(i) == field {
			return true
		}
	}
	return false
}

// rootExpr is x for x.f, or nil.
func rootExpr(sel *ast.SelectorExpr) ast.Expr {
	if sel == nil {
		return nil
	}
	return ast.Unparen(sel.X)
}

// fieldSyntax finds the declaration of a struct field in the loaded files.
func (pl *planner) fieldSyntax(field *types.Var) *ast.Field {
	f := pl.prog.Files[pl.prog.At(field.Pos()).Filename]
	if f == nil {
		return nil
	}
	var found *ast.Field
	ast.Inspect(f, func(n ast.Node) bool {
		if fld, ok := n.(*ast.Field); ok && len(fld.Names) == 0 && fld.Type.Pos() <= field.Pos() && field.Pos() < fld.Type.End() {
			found = fld
		}
		return found == nil
	})
	return found
}

// directiveResult gives a converted type's //cq: directive the result=
// it relied on the Result field for, so that cqgen generate keeps the
// method's (U, error) once the field is gone. U is written as the field's
// type is, in the same file; a package that only the field used there
// would lose its import, and result= could not name it: then the type is
// refused.
func (e *emitter) directiveResult() {
	t := e.a.t
	dirs, _ := cqmodel.FileDirectives(t.file)
	d := dirs[t.spec]
	if d == nil || d.Result != "" {
		return
	}
	info := t.pkg.TypesInfo
	var only []string
	ast.Inspect(t.node.Type, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if pkg, isPkg := info.Uses[id].(*types.PkgName); ok && isPkg && !usedOutside(t.file, info, pkg, t.node.Type) {
			only = append(only, pkg.Name())
		}
		return true
	})
	if len(only) > 0 {
		e.refuse(t.node.Pos(), "its //cq: directive needs result=%s once Result is gone, but %s is imported only for the Result field in this file, so the import would go and result= could not name it; use the package elsewhere in the file, or write result= yourself",
			e.prog.Text(t.node.Type), strings.Join(only, ", "))
		return
	}
	for _, cg := range t.file.Comments {
		for _, c := range cg.List {
			if c.Pos() != d.Pos {
				continue
			}
			u := e.prog.Text(t.node.Type)
			if strings.ContainsAny(u, " \t\n\"") {
				u = strconv.Quote(u)
			}
			e.edit(c.End(), c.End(), " result="+u)
			return
		}
	}
}

// usedOutside reports whether f uses the package name pkg outside the
// node except.
func usedOutside(f *ast.File, info *types.Info, pkg *types.PkgName, except ast.Node) bool {
	used := false
	ast.Inspect(f, func(n ast.Node) bool {
		if n == except {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == pkg {
			used = true
		}
		return !used
	})
	return used
}
