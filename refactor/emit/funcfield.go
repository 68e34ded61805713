package emit

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/cqtools/cq/refactor/flow"
)

// emitFuncFields changes the fields' types and converts their literals.
func (e *emitter) emitFuncFields() {
	u := flow.ResultType(e.a.Target)
	for _, ff := range e.a.FuncFields {
		if ft, ok := ff.Decl.Type.(*ast.FuncType); ok {
			e.resultsEdit(ft, e.typeText(ff.Pkg, ff.File, u), true)
			e.usageExample(ff, e.typeText(ff.Pkg, ff.File, u))
		}
		for _, hp := range ff.Params {
			e.resultsEdit(hp.Decl.Type.(*ast.FuncType), e.typeText(hp.Fn.Pkg.PkgPath, hp.Fn.File, u), true)
		}
		for _, l := range ff.Lits {
			e.litProducer(l.Site.OuterFunc(), l.Lit, l.Sites, e.typeText(l.Site.Pkg.PkgPath, l.Site.File, u))
		}
	}
}

// usageExample rewrites the field's line in the usage example moq (and
// mockery's matryer template) writes in the doc comment of the mock type
// declaring it, "//\t\t\tGetXFunc: func(ctx context.Context, q *Q)
// error {", as they write it for (U, error).
func (e *emitter) usageExample(ff *flow.FuncField, typ string) {
	var doc *ast.CommentGroup
	for _, d := range ff.File.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Pos() <= ff.Decl.Pos() && ff.Decl.End() <= gd.End() {
			doc = gd.Doc
			if len(gd.Specs) == 1 {
				if ts, ok := gd.Specs[0].(*ast.TypeSpec); ok && ts.Doc != nil {
					doc = ts.Doc
				}
			}
		}
	}
	if doc == nil {
		return
	}
	prefix := ff.Field.Name() + ": func("
	for _, c := range doc.List {
		line := strings.TrimLeft(strings.TrimPrefix(c.Text, "//"), " \t")
		if strings.HasPrefix(line, prefix) && strings.HasSuffix(c.Text, ") error {") {
			end := c.End() - token.Pos(len(" error {"))
			e.edit(end, c.End(), " ("+typ+", error) {")
		}
	}
}
