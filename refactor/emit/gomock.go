package emit

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"github.com/cqtools/cq/refactor/flow"
)

// emitGomock replaces what a mockgen mock method does with what the
// controller's Call returns by what mockgen writes for a method
// returning (U, error), and, for mockgen -typed, the call wrapper's
// Return, Do and DoAndReturn likewise.
func (e *emitter) emitGomock(m *flow.Member, typ string) {
	gm, fd := m.Gomock, m.Decl.Decl
	text := "ret0, _ := " + gm.Ret + "[0].(" + typ + ")\n\tret1, _ := " + gm.Ret + "[1].(error)\n\treturn ret0, ret1\n"
	e.edit(gm.Unpack.Pos(), fd.Body.Rbrace, text)
	u := flow.ResultType(e.a.Target)
	if r := gm.CallReturn; r != nil {
		// Return(arg0 error) -> Return(arg0 U, arg1 error), both passed on.
		old := r.Decl.Type.Params.List[0].Names[0].Name
		first, second := "arg0", "arg1"
		if old != "arg0" {
			first, second = old+"0", old
		}
		e.returnsBoth(r, old, first, second, e.typeText(r.Pkg.PkgPath, r.File, u))
	}
	for _, r := range []*flow.FuncInfo{gm.CallDo, gm.CallDoAndReturn} {
		if r != nil {
			e.funcParamReturnsU(r)
		}
	}
}

// gomockMerge writes x's Do and Return's error (nil without a Return) as
// one DoAndReturn of the new signature.
func (e *emitter) gomockMerge(x *flow.Expectation, fd *ast.FuncDecl, typ string) {
	errText := "nil"
	if x.Ret != nil {
		errText = e.Prog.Text(x.Ret.Args[0])
	}
	params := e.render(x.Lit.Type.Params.Pos(), x.Lit.Type.Params.End())
	text := e.mergedFunc(x, fd, params, typ, errText)
	sel := x.Run.Fun.(*ast.SelectorExpr)
	e.edit(sel.Sel.Pos(), sel.Sel.End(), "DoAndReturn")
	e.edit(x.Run.Lparen+1, x.Run.Rparen, text)
	if x.Ret != nil {
		e.deleteCall(x.Ret)
	}
}

// mergedFunc writes the function literal of the new signature that a
// Run (testify) or Do (gomock) literal x.Lit becomes when its work and
// the error errText move into one function: the value it sets Result to
// is returned with errText.
func (e *emitter) mergedFunc(x *flow.Expectation, fd *ast.FuncDecl, params, typ, errText string) string {
	lit := x.Lit
	// Run's last statement sets Result, whole, and nothing else touches
	// it: that value is the one returned.
	last := lastWholeWrite(lit.Body, x.Sites)
	if last == nil && x.Gomock {
		// A typed Do's literal ends `q.Result = v; return nil`: what it
		// returns gomock dropped, so v is returned in its place.
		if as, r := typedDoTail(lit.Body, x.Sites); as != nil {
			last = as
			e.deleteStmt(r)
		}
	}
	name := ""
	if last != nil {
		v := last.Rhs[0]
		e.edit(last.Pos(), v.Pos(), "return ")
		e.edit(v.End(), last.End(), ", "+errText)
	} else {
		// Declared in the literal's body: free there, whatever other
		// literals of fd declare.
		name = e.freshIn(fd, "result", x.Site.Pkg.TypesInfo.Scopes[lit.Type], [2]token.Pos{lit.Body.Pos(), lit.Body.End()})
		for _, st := range x.Sites {
			e.edit(st.Node().Pos(), st.Node().End(), name)
		}
		flow.ReturnsIn(lit.Body, func(r *ast.ReturnStmt) {
			e.edit(r.Pos(), r.End(), "return "+name+", "+errText)
		})
	}
	body := strings.TrimRight(e.render(lit.Body.Lbrace+1, lit.Body.Rbrace), " \t\r\n")
	if last != nil {
		return "func" + params + " (" + typ + ", error) {" + body + "\n}"
	}
	end := "\nreturn " + name + ", " + errText
	if n := len(lit.Body.List); n > 0 {
		if _, ok := lit.Body.List[n-1].(*ast.ReturnStmt); ok {
			end = "" // a typed Do's literal ends returning: that return now gives the value
		}
	}
	return "func" + params + " (" + typ + ", error) {\nvar " + name + " " + typ + body + end + "\n}"
}

// typedDoTail returns the last two statements of body when they are
// q.Result = v, its only access, and the body's only return, whose
// values have no effects; else nil, nil.
func typedDoTail(body *ast.BlockStmt, sites []*flow.Site) (*ast.AssignStmt, *ast.ReturnStmt) {
	n := len(body.List)
	if len(sites) != 1 || n < 2 {
		return nil, nil
	}
	r, ok := body.List[n-1].(*ast.ReturnStmt)
	if !ok || slices.ContainsFunc(r.Results, flow.HasEffects) {
		return nil, nil
	}
	returns := 0
	flow.ReturnsIn(body, func(*ast.ReturnStmt) { returns++ })
	as, ok := body.List[n-2].(*ast.AssignStmt)
	if returns != 1 || !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Lhs[0] != sites[0].Node() {
		return nil, nil
	}
	return as, r
}
