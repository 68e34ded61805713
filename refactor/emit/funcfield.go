package emit

import (
	"go/ast"

	"github.com/cqtools/cq/refactor/flow"
)

// emitFuncFields changes the fields' types and converts their literals.
func (e *emitter) emitFuncFields() {
	u := flow.ResultType(e.a.Target)
	for _, ff := range e.a.FuncFields {
		if ft, ok := ff.Decl.Type.(*ast.FuncType); ok {
			e.resultsEdit(ft, e.typeText(ff.Pkg, ff.File, u), true)
		}
		for _, hp := range ff.Params {
			e.resultsEdit(hp.Decl.Type.(*ast.FuncType), e.typeText(hp.Fn.Pkg.PkgPath, hp.Fn.File, u), true)
		}
		for _, l := range ff.Lits {
			e.litProducer(l.Site.OuterFunc(), l.Lit, l.Sites, e.typeText(l.Site.Pkg.PkgPath, l.Site.File, u))
		}
	}
}
