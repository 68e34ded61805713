package emit

import (
	"strings"

	"github.com/cqtools/cq/refactor/flow"
)

// emitZeroReads replaces each read of a never-set Result with the zero
// value, typed as the field: int64(0), []*T(nil).
func (e *emitter) emitZeroReads() {
	for _, st := range e.a.ZeroDecls {
		e.deleteStmt(st)
	}
	for _, s := range e.a.ZeroReads {
		typ := e.typeText(s.Pkg.PkgPath, s.File, flow.ResultType(e.a.Target))
		zero := zeroText(flow.ResultType(e.a.Target), typ)
		if !strings.HasSuffix(zero, "{}") && !strings.HasPrefix(zero, "*new(") {
			if strings.HasPrefix(typ, "*") || strings.HasPrefix(typ, "func") || strings.HasPrefix(typ, "<-") || strings.HasPrefix(typ, "chan") {
				typ = "(" + typ + ")"
			}
			zero = typ + "(" + zero + ")"
		}
		e.edit(s.Node().Pos(), s.Node().End(), zero)
	}
}
