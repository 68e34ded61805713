package emit

import (
	"go/ast"

	"github.com/cqtools/cq/refactor/flow"
)

// emitFake rewrites a counterfeiter fake's method and what changes with
// it as counterfeiter writes them for (U, error): the stub's func type,
// struct{ result1 U; result2 error } for the stored results, the
// setters' (result1 U, result2 error), and returns of both results.
func (e *emitter) emitFake(m *flow.Member, typ string) {
	fm := m.Fake
	for _, f := range append([]*ast.Field{fm.StubField}, fm.StubParams...) {
		if ft, ok := f.Type.(*ast.FuncType); ok {
			e.resultsEdit(ft, typ, true)
		}
	}
	structs := append([]*ast.StructType(nil), fm.Structs...)
	if st, ok := fm.ReturnsField.Type.(*ast.StructType); ok {
		structs = append(structs, st)
	}
	if fm.OnCallField != nil {
		if mt, ok := fm.OnCallField.Type.(*ast.MapType); ok {
			if st, ok := mt.Value.(*ast.StructType); ok {
				structs = append(structs, st)
			}
		}
	}
	for _, st := range structs {
		f := st.Fields.List[0]
		e.edit(f.Pos(), f.End(), "result1 "+typ+"\nresult2 error")
	}
	for _, s := range fm.Setters {
		e.edit(s.Param.Pos(), s.Param.End(), "result1 "+typ+", result2 error")
		elt := s.Elt.Elts[0]
		e.edit(elt.Pos(), elt.End(), "result1, result2")
	}
	for _, r := range fm.Results {
		e.edit(r.End(), r.End(), ", "+e.Prog.Text(r.X)+".result2")
	}
}
