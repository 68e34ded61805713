package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/packages"
)

// A function that builds a query, calls a producer with it and returns
// the query (return query, nil) so that its callers read the Result: it
// is no producer (it takes no query), so it keeps returning the query
// unless every use of it allows the migration Grafana did by hand
// (SearchUser): it returns the value instead, and its callers read that
// value where they read Result.

// A returner is such a function: fd returns the query variable of its
// call group at rets, and nil at nils; its callers are the assignments
// of its results, each with the Result selectors of the variable.
type Returner struct {
	FuncDecl *ast.FuncDecl
	Fn       *types.Func
	Pkg      *packages.Package
	File     *ast.File
	Rets     []*ast.ReturnStmt // return q, err
	Nils     []*ast.ReturnStmt // return nil, err
	Callers  []*retCaller
}

// A retCaller is `x, err := F(...)` in fd, with the x.Result selectors
// (each a site of the type's Result accesses).
type retCaller struct {
	FuncDecl *ast.FuncDecl
	Pkg      *packages.Package
	Def      *ast.Ident
	Sites    []*Site
}

// returnsQuery reports whether g is the call group of a returner, and
// why not when g's function returns its query but cannot change with the
// type ("" when it does not return it). A returner's group is converted
// with one variable standing for the field (sharedVariable), which the
// returns then give back.
func (pl *Analyzer) returnsQuery(a *Analysis, g *CallGroup) (*Returner, string) {
	info := g.Calls[0].Pkg.TypesInfo
	fd := g.FuncDecl
	returned := false
	ReturnsIn(fd.Body, func(r *ast.ReturnStmt) {
		for _, x := range r.Results {
			if id, ok := ast.Unparen(x).(*ast.Ident); ok && info.Uses[id] == g.Obj {
				returned = true
			}
		}
	})
	if !returned || g.Path != "" || g.Fwd != nil {
		return nil, ""
	}
	fn, _ := info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil, "it has no function object"
	}
	sig := fn.Type().(*types.Signature)
	res := sig.Results()
	ptr, _ := types.Unalias(g.Obj.Type()).(*types.Pointer)
	if ptr == nil || res.Len() != 2 || !types.Identical(res.At(0).Type(), g.Obj.Type()) || !types.Identical(res.At(1).Type(), types.Universe.Lookup("error").Type()) || res.At(0).Name() != "" {
		return nil, "it does not return (*query, error) with unnamed results"
	}
	if g.Obj.Pos() < fd.Body.Pos() || g.Obj.Pos() > fd.Body.End() {
		return nil, "the query is not a local variable of it"
	}
	if len(g.Reads) == 0 {
		return nil, "it reads nothing of the Result it returns"
	}
	rt := &Returner{FuncDecl: fd, Fn: fn, Pkg: g.Calls[0].Pkg, File: g.Calls[0].File}
	bad := ""
	ReturnsIn(fd.Body, func(r *ast.ReturnStmt) {
		if len(r.Results) != 2 {
			bad = "a return statement does not return two values"
			return
		}
		switch x := ast.Unparen(r.Results[0]).(type) {
		case *ast.Ident:
			if info.Uses[x] == g.Obj {
				rt.Rets = append(rt.Rets, r)
				return
			}
			if x.Name == "nil" && info.Uses[x] == types.Universe.Lookup("nil") {
				rt.Nils = append(rt.Nils, r)
				return
			}
		}
		bad = "a return statement returns another query than " + g.Obj.Name() + " or nil"
	})
	for _, r := range rt.Rets {
		if usesObj(info, r.Results[1], g.Obj) {
			bad = "a return statement uses the query in its error"
		}
	}
	if bad != "" {
		return nil, bad
	}
	if why := pl.returnerCallers(a, rt); why != "" {
		return nil, why
	}
	return rt, ""
}

// returnerCallers finds every use of rt.fn in the loaded program: each
// must be a call whose results a local variable and an error take, the
// variable used only to read its Result. A method that an interface of
// the loaded packages names could be called through it, and a function
// used as a value elsewhere: both are refused.
func (pl *Analyzer) returnerCallers(a *Analysis, rt *Returner) string {
	prog := pl.Prog
	fk := prog.Key(rt.Fn)
	if sig := rt.Fn.Type().(*types.Signature); sig.Recv() != nil {
		for _, p := range prog.Owners {
			for _, obj := range p.TypesInfo.Defs {
				m, ok := obj.(*types.Func)
				if ok && m.Name() == rt.Fn.Name() && m.Type().(*types.Signature).Recv() != nil && types.IsInterface(m.Type().(*types.Signature).Recv().Type()) {
					return "an interface method " + m.Name() + " (" + prog.ShortPos(m.Pos()) + ") could be implemented by it"
				}
			}
		}
	}
	reads := map[token.Pos]*Site{}
	for _, s := range pl.Index.resultsOf[a.Target] {
		reads[s.Node().Pos()] = s
	}
	why := ""
	usesEverywhere(prog, fk, func(p *packages.Package, _ *ast.File, id *ast.Ident, stack []ast.Node) {
		if why != "" {
			return
		}
		c, w := pl.retCaller(p, stack, reads)
		if w != "" {
			why = w + " (" + prog.ShortPos(id.Pos()) + ")"
			return
		}
		rt.Callers = append(rt.Callers, c)
	})
	if why == "" && len(rt.Callers) == 0 {
		return "nothing in the loaded packages calls it"
	}
	return why
}

// retCaller checks the use of a returner at the end of stack.
func (pl *Analyzer) retCaller(p *packages.Package, stack []ast.Node, reads map[token.Pos]*Site) (*retCaller, string) {
	info := p.TypesInfo
	id := stack[len(stack)-1].(*ast.Ident)
	k := len(stack) - 1
	if sel, ok := stack[k-1].(*ast.SelectorExpr); ok && sel.Sel == id {
		k--
	}
	call, k := callOf(stack, k)
	if call == nil {
		return nil, "it is used as a value"
	}
	as, ok := stack[k-1].(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil, "a caller does not declare its results with :="
	}
	fd, _ := stack[1].(*ast.FuncDecl)
	x, _ := as.Lhs[0].(*ast.Ident)
	if fd == nil || x == nil || info.Defs[x] == nil {
		return nil, "a caller does not declare a new variable for the query"
	}
	c := &retCaller{FuncDecl: fd, Pkg: p, Def: x}
	obj := info.Defs[x]
	why := ""
	UsesOf(fd.Body, info, obj, func(u *ast.Ident, st []ast.Node) {
		sel, ok := st[len(st)-2].(*ast.SelectorExpr)
		s := reads[u.Pos()]
		if !ok || sel.X != ast.Expr(u) || sel.Sel.Name != "Result" || s == nil || s.Node() != ast.Node(sel) {
			why = "a caller uses the query other than to read its Result"
			return
		}
		if isWrite(s) {
			why = "a caller writes the Result of the query"
			return
		}
		c.Sites = append(c.Sites, s)
	})
	if why != "" {
		return nil, why
	}
	return c, ""
}

// usesObj reports whether obj is used in e.
func usesObj(info *types.Info, e ast.Expr, obj types.Object) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

// returns reports whether id is the query a return statement of rt gives
// back (nil rt: none).
func (rt *Returner) returns(id *ast.Ident) bool {
	if rt == nil {
		return false
	}
	for _, r := range rt.Rets {
		if r.Results[0] == ast.Expr(id) {
			return true
		}
	}
	return false
}

// inReturn reports whether pos is in a return statement of f.
func inReturn(f *ast.File, pos token.Pos) bool {
	for _, n := range PathTo(f, pos) {
		if _, ok := n.(*ast.ReturnStmt); ok {
			return true
		}
	}
	return false
}

// usesEverywhere calls f for each use of the object k in the files of
// the owner packages, with the nodes from the file down to it.
func usesEverywhere(prog *program.Program, k program.Key, f func(p *packages.Package, file *ast.File, id *ast.Ident, stack []ast.Node)) {
	for _, p := range prog.Owners {
		for _, file := range p.Syntax {
			if !prog.Owns(p, file) {
				continue
			}
			WithStack(file, func(n ast.Node, stack []ast.Node) {
				if id, ok := n.(*ast.Ident); ok && prog.Key(p.TypesInfo.Uses[id]) == k {
					f(p, file, id, stack)
				}
			})
		}
	}
}
