package emit

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/flow"
)

// emitAdapter gives the implementation the method the adapter gave it,
// and drops the handler from the adapter, or the adapter itself when no
// handler is left.
func (e *emitter) emitAdapter(use *flow.AdapterUse) {
	prog, t, m, fd := e.Prog, e.a.Target, use.Member, use.Member.Decl.Decl
	adapter, implType, name, asig, recvName := use.Adapter, use.ImplType, use.Name, use.AdapterSig, use.RecvName
	ctxName, paramName := asig.Params().At(0).Name(), asig.Params().At(1).Name()
	file, pkgPath := m.Decl.File, m.Decl.Pkg.PkgPath
	typ := func(x types.Type) string { return e.typeText(pkgPath, file, x) }
	u := typ(asig.Results().At(0).Type())
	method := "\n\n// " + name + " is what " + adapter.Obj().Name() + " gave " + implType.Obj().Name() + " while " + t.Obj.Name() + " had a Result field.\n" +
		"func " + prog.Text(fd.Recv) + " " + name + "(" + ctxName + " " + typ(asig.Params().At(0).Type()) + ", " + paramName + " " + typ(asig.Params().At(1).Type()) + ") (" + u + ", error) {\n" +
		"result, err := " + recvName + "." + fd.Name.Name + "(" + ctxName + ", &" + paramName + ")\n" +
		"if err != nil {\nvar zero " + u + "\nreturn zero, err\n}\nreturn result, nil\n}"
	e.edit(fd.End(), fd.End(), method)
	if use.Stays {
		// Drop this handler's element, with what separates it from the next.
		end := use.Lit.Rbrace
		for i, el := range use.Lit.Elts {
			if el == ast.Expr(use.KeyValue) && i+1 < len(use.Lit.Elts) {
				end = use.Lit.Elts[i+1].Pos()
			}
		}
		e.edit(use.KeyValue.Pos(), end, "")
		return
	}
	e.deleteLines(use.As.Pos(), use.As.End())
	embedded := use.Embedded
	start, end := embedded.Pos(), embedded.End()
	if embedded.Doc != nil {
		start = embedded.Doc.Pos()
	}
	if embedded.Comment != nil {
		end = embedded.Comment.End()
	}
	e.deleteLines(start, end)
}

// directiveResult gives a converted type's //cq: directive the result=
// it relied on the Result field for, so that cqgen generate keeps the
// method's (U, error) once the field is gone. U is written as the field's
// type is, in the same file; a package that only the field used there
// would lose its import, and result= could not name it: then the type is
// refused.
func (e *emitter) directiveResult() {
	t := e.a.Target
	dirs, _ := cqmodel.FileDirectives(t.File)
	d := dirs[t.Spec]
	if d == nil || d.Result != "" {
		return
	}
	info := t.Pkg.TypesInfo
	var only []string
	ast.Inspect(t.Node.Type, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if pkg, isPkg := info.Uses[id].(*types.PkgName); ok && isPkg && !usedOutside(t.File, info, pkg, t.Node.Type) {
			only = append(only, pkg.Name())
		}
		return true
	})
	if len(only) > 0 {
		e.refuse(t.Node.Pos(), "its //cq: directive needs result=%s once Result is gone, but %s is imported only for the Result field in this file, so the import would go and result= could not name it; use the package elsewhere in the file, or write result= yourself",
			e.Prog.Text(t.Node.Type), strings.Join(only, ", "))
		return
	}
	for _, cg := range t.File.Comments {
		for _, c := range cg.List {
			if c.Pos() != d.Pos {
				continue
			}
			u := e.Prog.Text(t.Node.Type)
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
