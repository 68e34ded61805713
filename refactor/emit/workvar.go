package emit

import (
	"bytes"
	"go/ast"

	"github.com/cqtools/cq/refactor/flow"
)

// workVarBody replaces the Result accesses of a member that returns its
// field, or whose field nobody else reads, with a local variable declared
// at the top of its body. When the member only assigns the field, whole,
// the assignments go instead (their value kept as `_ = x` when it has
// effects).
func (e *emitter) workVarBody(m *flow.Member) {
	prog, fd := e.Prog, m.Decl.Decl
	if stmts := wholeWrites(m); stmts != nil {
		for _, as := range stmts {
			if flow.HasEffects(as.Rhs[0]) {
				e.edit(as.Lhs[0].Pos(), as.Lhs[0].End(), "_")
			} else {
				e.deleteStmt(as)
			}
		}
		return
	}
	name := e.fresh(fd, "result")
	for _, s := range m.Sites {
		e.edit(s.Node().Pos(), s.Node().End(), name)
	}
	typ := e.typeText(m.Decl.Pkg.PkgPath, m.Decl.File, flow.ResultType(e.a.Target))
	decl := "\nvar " + name + " " + typ
	if at := prog.At(fd.Body.Lbrace + 1); !bytes.HasPrefix(prog.Source(at.Filename)[at.Offset:], []byte("\n")) && !bytes.HasPrefix(prog.Source(at.Filename)[at.Offset:], []byte("\r\n")) {
		decl += "\n"
	}
	e.edit(fd.Body.Lbrace+1, fd.Body.Lbrace+1, decl)
}

// wholeWrites are m's Result accesses when each is the whole left side of
// a `q.Result = x` statement, else nil.
func wholeWrites(m *flow.Member) []*ast.AssignStmt {
	var out []*ast.AssignStmt
	for _, s := range m.Sites {
		as := wholeWrite(s)
		if as == nil {
			return nil
		}
		if _, isStmt := s.Parent(2).(*ast.BlockStmt); !isStmt {
			return nil // deleteStmt edits a block's statements only
		}
		out = append(out, as)
	}
	return out
}
