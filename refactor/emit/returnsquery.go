package emit

import (
	"go/token"
	"go/types"

	"github.com/cqtools/cq/refactor/flow"
)

// emitReturner changes rt to return the value r stands for (of type u):
// its result type, its returns, and its callers' reads.
func (e *emitter) emitReturner(rt *flow.Returner, r string, u types.Type) {
	typ := e.typeText(rt.Pkg.PkgPath, rt.File, u)
	res := rt.FuncDecl.Type.Results.List[0].Type
	e.edit(res.Pos(), res.End(), typ)
	for _, ret := range rt.Rets {
		e.edit(ret.Results[0].Pos(), ret.Results[0].End(), r)
	}
	for _, ret := range rt.Nils {
		e.edit(ret.Results[0].Pos(), ret.Results[0].End(), zeroText(u, typ))
	}
	e.out.Funcs = append(e.out.Funcs, e.Prog.Position(rt.FuncDecl.Name.Pos())+" "+flow.FuncLabel(rt.Fn))
	for _, c := range rt.Callers {
		name := e.valueName(c.FuncDecl, c.Pkg, rt.Fn, c.Def.Pos(), c.Sites[0], nil, [2]token.Pos{})
		e.edit(c.Def.Pos(), c.Def.End(), name)
		for _, s := range c.Sites {
			e.edit(s.Node().Pos(), s.Node().End(), name)
		}
	}
}
