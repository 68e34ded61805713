package flow

import (
	"go/ast"
	"go/types"
	"path/filepath"
	"strings"

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
type AdapterUse struct {
	Member     *Member
	Adapter    *types.Named
	ImplType   *types.Named
	Name       string // the adapter's method
	AdapterSig *types.Signature
	RecvName   string
	KeyValue   *ast.KeyValueExpr
	Lit        *ast.CompositeLit
	As         *ast.AssignStmt // s.LegacyX = LegacyX{...}
	Stays      bool            // the adapter keeps other handlers
	Embedded   *ast.Field      // where the implementation embeds it (when it goes)
}

// analyzeAdapter looks at v, a use of a member as a value, and reports
// whether it is a handler given to a generated adapter; if it is, it
// returns what converting it takes, or nil after refusing it. Otherwise
// the caller refuses v.
func (pl *Analyzer) analyzeAdapter(a *Analysis, v *CallSite) (*AdapterUse, bool) {
	prog := pl.Prog
	n := len(v.Stack)
	if n < 5 { // file, ..., statement, literal, element, value
		return nil, false
	}
	kv, ok := v.Stack[n-2].(*ast.KeyValueExpr)
	if !ok || kv.Value != v.Node() {
		return nil, false
	}
	lit, ok := v.Stack[n-3].(*ast.CompositeLit)
	key, isIdent := kv.Key.(*ast.Ident)
	if !ok || !isIdent {
		return nil, false
	}
	info := v.Pkg.TypesInfo
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
	t, m := a.Target, a.Members[v.Callee]
	refuse := func(format string, args ...any) (*AdapterUse, bool) {
		a.refuse(prog, v.Node().Pos(), format, args...)
		return nil, true
	}
	var recv *ast.Ident
	if sel, ok := v.Node().(*ast.SelectorExpr); ok {
		recv, _ = ast.Unparen(sel.X).(*ast.Ident)
	}
	if recv == nil || m.Decl == nil || m.Decl.Decl.Recv == nil {
		return refuse("%s is given to the adapter %s, but not as a method value of a variable", v.Fn.Name(), adapter.Obj().Name())
	}
	fd := m.Decl.Decl
	implType, _ := types.Unalias(DerefT(m.Fn.Type().(*types.Signature).Recv().Type())).(*types.Named)
	as, _ := v.Stack[n-4].(*ast.AssignStmt)
	wrongShape := func() (*AdapterUse, bool) {
		return refuse("%s is handed to the Legacy adapter %s, but not as s.%[2]s = %[2]s{%[3]s: s.%[1]s} with s the handler's receiver, which embeds the adapter: the one shape cqgen refactor converts",
			v.Fn.Name(), adapter.Obj().Name(), key.Name)
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
		return refuse("the receiver of %s is named %q, which the method cqgen refactor gives %s would need", v.Fn.Name(), recvName, implType.Obj().Name())
	}

	// Whether the adapter stays: only while one of its handlers is for a
	// type this run does not convert.
	stays := false
	for i := range adapter.Underlying().(*types.Struct).NumFields() {
		f := adapter.Underlying().(*types.Struct).Field(i)
		sig, ok := f.Type().Underlying().(*types.Signature)
		var o *Target
		if ok && sig.Params().Len() == 2 {
			o = pl.Index.TargetOf(prog, sig.Params().At(1).Type())
		}
		switch {
		case o == nil:
			stays = true
		case o != t:
			a.AdapterLinked = append(a.AdapterLinked, o)
		}
	}

	use := &AdapterUse{Member: m, Adapter: adapter, ImplType: implType, Name: name, AdapterSig: asig, RecvName: recvName, KeyValue: kv, Lit: lit, As: as, Stays: stays}
	if stays {
		return use, true
	}
	if _, inBlock := v.Stack[n-5].(*ast.BlockStmt); !inBlock {
		return refuse("the assignment of %s to the adapter %s is not a statement of its own", v.Fn.Name(), adapter.Obj().Name())
	}
	if use.Embedded = pl.fieldSyntax(field); use.Embedded == nil {
		return refuse("cannot find where %s embeds %s", implType.Obj().Name(), adapter.Obj().Name())
	}
	return use, true
}

// isAdapter reports whether t is a Legacy<Service> adapter that cqgen
// generated.
func (pl *Analyzer) isAdapter(t *types.Named) bool {
	if !strings.HasPrefix(t.Obj().Name(), "Legacy") {
		return false
	}
	file := pl.Prog.At(t.Obj().Pos()).Filename
	return filepath.Base(file) == generator.ServiceFile && generator.IsGenerated(pl.Prog.Source(file))
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
func (pl *Analyzer) fieldSyntax(field *types.Var) *ast.Field {
	f := pl.Prog.Files[pl.Prog.At(field.Pos()).Filename]
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
