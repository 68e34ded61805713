package refactor

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
type returner struct {
	fd      *ast.FuncDecl
	fn      *types.Func
	pkg     *packages.Package
	file    *ast.File
	rets    []*ast.ReturnStmt // return q, err
	nils    []*ast.ReturnStmt // return nil, err
	callers []*retCaller
}

// A retCaller is `x, err := F(...)` in fd, with the x.Result selectors
// (each a site of the type's Result accesses).
type retCaller struct {
	fd    *ast.FuncDecl
	pkg   *packages.Package
	def   *ast.Ident
	sites []*site
}

// returnsQuery reports whether g is the call group of a returner, and
// why not when g's function returns its query but cannot change with the
// type ("" when it does not return it). A returner's group is converted
// with one variable standing for the field (sharedVariable), which the
// returns then give back.
func (pl *planner) returnsQuery(a *analysis, g *callGroup) (*returner, string) {
	info := g.calls[0].pkg.TypesInfo
	fd := g.fd
	returned := false
	returnsIn(fd.Body, func(r *ast.ReturnStmt) {
		for _, x := range r.Results {
			if id, ok := ast.Unparen(x).(*ast.Ident); ok && info.Uses[id] == g.obj {
				returned = true
			}
		}
	})
	if !returned || g.path != "" || g.fwd != nil {
		return nil, ""
	}
	fn, _ := info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil, "it has no function object"
	}
	sig := fn.Type().(*types.Signature)
	res := sig.Results()
	ptr, _ := types.Unalias(g.obj.Type()).(*types.Pointer)
	if ptr == nil || res.Len() != 2 || !types.Identical(res.At(0).Type(), g.obj.Type()) || !types.Identical(res.At(1).Type(), types.Universe.Lookup("error").Type()) || res.At(0).Name() != "" {
		return nil, "it does not return (*query, error) with unnamed results"
	}
	if g.obj.Pos() < fd.Body.Pos() || g.obj.Pos() > fd.Body.End() {
		return nil, "the query is not a local variable of it"
	}
	if len(g.reads) == 0 {
		return nil, "it reads nothing of the Result it returns"
	}
	rt := &returner{fd: fd, fn: fn, pkg: g.calls[0].pkg, file: g.calls[0].file}
	bad := ""
	returnsIn(fd.Body, func(r *ast.ReturnStmt) {
		if len(r.Results) != 2 {
			bad = "a return statement does not return two values"
			return
		}
		switch x := ast.Unparen(r.Results[0]).(type) {
		case *ast.Ident:
			if info.Uses[x] == g.obj {
				rt.rets = append(rt.rets, r)
				return
			}
			if x.Name == "nil" && info.Uses[x] == types.Universe.Lookup("nil") {
				rt.nils = append(rt.nils, r)
				return
			}
		}
		bad = "a return statement returns another query than " + g.obj.Name() + " or nil"
	})
	for _, r := range rt.rets {
		if usesObj(info, r.Results[1], g.obj) {
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
func (pl *planner) returnerCallers(a *analysis, rt *returner) string {
	prog := pl.prog
	fk := prog.Key(rt.fn)
	if sig := rt.fn.Type().(*types.Signature); sig.Recv() != nil {
		for _, p := range prog.Owners {
			for _, obj := range p.TypesInfo.Defs {
				m, ok := obj.(*types.Func)
				if ok && m.Name() == rt.fn.Name() && m.Type().(*types.Signature).Recv() != nil && types.IsInterface(m.Type().(*types.Signature).Recv().Type()) {
					return "an interface method " + m.Name() + " (" + prog.ShortPos(m.Pos()) + ") could be implemented by it"
				}
			}
		}
	}
	reads := map[token.Pos]*site{}
	for _, s := range pl.ix.resultsOf[a.t] {
		reads[s.node().Pos()] = s
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
		rt.callers = append(rt.callers, c)
	})
	if why == "" && len(rt.callers) == 0 {
		return "nothing in the loaded packages calls it"
	}
	return why
}

// retCaller checks the use of a returner at the end of stack.
func (pl *planner) retCaller(p *packages.Package, stack []ast.Node, reads map[token.Pos]*site) (*retCaller, string) {
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
	c := &retCaller{fd: fd, pkg: p, def: x}
	obj := info.Defs[x]
	why := ""
	usesOf(fd.Body, info, obj, func(u *ast.Ident, st []ast.Node) {
		sel, ok := st[len(st)-2].(*ast.SelectorExpr)
		s := reads[u.Pos()]
		if !ok || sel.X != ast.Expr(u) || sel.Sel.Name != "Result" || s == nil || s.node() != ast.Node(sel) {
			why = "a caller uses the query other than to read its Result"
			return
		}
		if isWrite(s) {
			why = "a caller writes the Result of the query"
			return
		}
		c.sites = append(c.sites, s)
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

// emitReturner changes rt to return the value r stands for (of type u):
// its result type, its returns, and its callers' reads.
func (e *emitter) emitReturner(rt *returner, r string, u types.Type) {
	typ := e.typeText(rt.pkg.PkgPath, rt.file, u)
	res := rt.fd.Type.Results.List[0].Type
	e.edit(res.Pos(), res.End(), typ)
	for _, ret := range rt.rets {
		e.edit(ret.Results[0].Pos(), ret.Results[0].End(), r)
	}
	for _, ret := range rt.nils {
		e.edit(ret.Results[0].Pos(), ret.Results[0].End(), zeroText(u, typ))
	}
	e.out.funcs = append(e.out.funcs, e.prog.Position(rt.fd.Name.Pos())+" "+funcLabel(rt.fn))
	for _, c := range rt.callers {
		name := e.valueName(c.fd, c.pkg, rt.fn, c.def.Pos(), c.sites[0], nil, [2]token.Pos{})
		e.edit(c.def.Pos(), c.def.End(), name)
		for _, s := range c.sites {
			e.edit(s.node().Pos(), s.node().End(), name)
		}
	}
}

// returns reports whether id is the query a return statement of rt gives
// back (nil rt: none).
func (rt *returner) returns(id *ast.Ident) bool {
	if rt == nil {
		return false
	}
	for _, r := range rt.rets {
		if r.Results[0] == ast.Expr(id) {
			return true
		}
	}
	return false
}

// inReturn reports whether pos is in a return statement of f.
func inReturn(f *ast.File, pos token.Pos) bool {
	for _, n := range pathTo(f, pos) {
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
			withStack(file, func(n ast.Node, stack []ast.Node) {
				if id, ok := n.(*ast.Ident); ok && prog.Key(p.TypesInfo.Uses[id]) == k {
					f(p, file, id, stack)
				}
			})
		}
	}
}
