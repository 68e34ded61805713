package emit

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"

	"github.com/cqtools/cq/refactor/edit"
	"github.com/cqtools/cq/refactor/flow"
)

// callDest is where the calls of a group put their value besides the
// reads: fwd, when non-empty, is the variable every call assigns (the
// producer's own result when fd forwards its query parameter, with
// fwdProducer; the variable that stands for the field otherwise), and
// fwdScope the scope declaring it.
type callDest struct {
	fwd         string
	fwdScope    *types.Scope
	fwdProducer bool
	// declareAt is the call whose statement declares fwd (fwd, err :=),
	// when nothing declared it before: with no such form there, the
	// plan fails.
	declareAt *ast.CallExpr
}

// planCalls plans the calls of a type's producers made with one query
// variable in fd (or with composite literals, when reads is empty), and the
// replacement of the Result reads that follow them. With dest.fwdProducer,
// a call returned as it is (return s.store.X(ctx, q)) stays as it is.
func (e *emitter) planCalls(fd *ast.FuncDecl, calls []*flow.CallSite, reads []*flow.Site, dest callDest) bool {
	prog := e.Prog
	sort.Slice(calls, func(i, j int) bool { return calls[i].Call.Pos() < calls[j].Call.Pos() })
	assigned := make([][]*flow.Site, len(calls))
	for _, r := range reads {
		at := -1
		for i, c := range calls {
			if c.Call.End() <= r.Node().Pos() {
				at = i
			}
		}
		if at < 0 {
			e.refuse(r.Node().Pos(), "Result is read before the call that sets it (or in an earlier iteration)")
			return false
		}
		assigned[at] = append(assigned[at], r)
	}
	if len(calls) > 1 {
		for i, rs := range assigned {
			for _, r := range rs {
				for _, n := range r.Stack {
					switch n.(type) {
					case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
					default:
						continue
					}
					if flow.Contains(n, calls[i].Call) {
						continue
					}
					for j, c := range calls {
						if j != i && flow.Contains(n, c.Call) || isFuncLit(n) {
							e.refuse(r.Node().Pos(), "Result is read where a later call of the same query could have changed it (a loop or a closure)")
							return false
						}
					}
				}
			}
		}
	}
	// The variable a call before declared for the rest of its list, which
	// a later call in that list assigns instead of declaring another:
	// every read of it comes before the later call (reads belong to the
	// call before them), so no read sees the later value early.
	var prev string
	var prevScope *types.Scope
	var prevRegion [2]token.Pos
	for i, c := range calls {
		if len(assigned[i]) > 0 && prev != "" && dest.fwd == "" {
			if k, _ := flow.ListStmt(c.Stack); k > 0 && listScope(c.Pkg.TypesInfo, c.Stack, k) == prevScope && sitesWithin(assigned[i], prevRegion) {
				trial := e.trial()
				if _, ok := trial.callForm(fd, c, "", callDest{fwd: prev, fwdScope: prevScope}, assigned[i]); ok {
					e.keep(trial)
					for _, s := range assigned[i] {
						e.edit(s.Node().Pos(), s.Node().End(), prev)
					}
					continue
				}
				trial.release()
			}
		}
		r := ""
		var scope *types.Scope
		var region [2]token.Pos
		if len(assigned[i]) > 0 {
			scope, region = declRegion(c, assigned[i])
			r = e.valueName(fd, c.Pkg, c.Fn, c.Call.Pos(), assigned[i][0], scope, region)
		}
		seen, ok := e.callForm(fd, c, r, dest, assigned[i])
		if !ok {
			return false
		}
		if scope != nil && seen != [2]token.Pos{} && (seen[0] < region[0] || seen[1] > region[1]) {
			e.refuse(c.Call.Pos(), "internal error: the value of the call of %s is declared outside the region its name was chosen for", c.Fn.Name())
			return false
		}
		region = seen
		for _, s := range assigned[i] {
			sel := s.Node()
			if sel.Pos() < region[0] || sel.End() > region[1] {
				e.refuse(sel.Pos(), "Result is read outside the scope the rewritten call on line %d could declare its value in", prog.At(c.Call.Pos()).Line)
				return false
			}
			e.edit(sel.Pos(), sel.End(), r)
		}
		if k, end := flow.ListStmt(c.Stack); r != "" && k > 0 && region[1] == end && region[0] >= c.Stack[k].Pos() {
			prev, prevScope, prevRegion = r, listScope(c.Pkg.TypesInfo, c.Stack, k), region
		}
	}
	return true
}

// sitesWithin reports whether every site lies in region.
func sitesWithin(sites []*flow.Site, region [2]token.Pos) bool {
	for _, s := range sites {
		if s.Node().Pos() < region[0] || s.Node().End() > region[1] {
			return false
		}
	}
	return true
}

// declRegion is where the variable for the value of the call c, read at
// reads, is seen, and the scope declaring it, as callForm declares it:
// the if statement, for if err := f(&q); ... with every read inside it
// (if x, err := f(&q); ...), else from the call's statement to the end of
// its list. A nil scope: the call is in no statement list.
func declRegion(c *flow.CallSite, reads []*flow.Site) (*types.Scope, [2]token.Pos) {
	k, end := flow.ListStmt(c.Stack)
	if k < 1 {
		return nil, [2]token.Pos{}
	}
	top := len(c.Stack) - 1
	if ifs, ok := c.Stack[k].(*ast.IfStmt); ok && k == top-2 && ifs.Init == c.Stack[top-1] {
		if as, ok := ifs.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 && c.Fn.Type().(*types.Signature).Results().Len() == 1 {
			inside := true
			for _, r := range reads {
				inside = inside && flow.Contains(ifs, r.Node())
			}
			if sc := c.Pkg.TypesInfo.Scopes[ifs]; inside && sc != nil {
				return sc, [2]token.Pos{ifs.Pos(), ifs.End()}
			}
		}
	}
	return listScope(c.Pkg.TypesInfo, c.Stack, k), [2]token.Pos{c.Stack[k].Pos(), end}
}

func isFuncLit(n ast.Node) bool { _, ok := n.(*ast.FuncLit); return ok }

// callForm rewrites one call site so that its value lands in r (when
// non-empty) or in the producer variable fwd, and returns the region of
// source where r is in scope.
func (e *emitter) callForm(fd *ast.FuncDecl, c *flow.CallSite, r string, dest callDest, reads []*flow.Site) ([2]token.Pos, bool) {
	prog, fwd := e.Prog, dest.fwd
	call := c.Call
	hasErr := c.Fn.Type().(*types.Signature).Results().Len() == 1
	stack := c.Stack
	top := len(stack) - 1
	k, blockEnd := flow.ListStmt(stack)
	none := [2]token.Pos{}
	if k < 0 {
		e.refuse(call.Pos(), "the call of %s is not inside a statement list", c.Fn.Name())
		return none, false
	}
	inList := k == top-1
	switch p := stack[top-1].(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) != 1 || len(p.Rhs) != 1 || !hasErr {
			break
		}
		lhs := p.Lhs[0].Pos()
		ifs, _ := stack[top-2].(*ast.IfStmt)
		ifInit := ifs != nil && ifs.Init == ast.Stmt(p) && k == top-2
		sameScope := fwd != "" && dest.fwdScope != nil && listScope(c.Pkg.TypesInfo, stack, k) == dest.fwdScope
		tok := ""
		liftable := func() bool {
			// With fwd, the lifted statement declares the error alone.
			ok, t := e.canLift(fd, c, k, blockEnd, p, sameScope)
			tok = t
			return ok
		}
		if dest.declareAt == call {
			switch {
			case sameScope && p.Tok == token.DEFINE && inList:
				e.edit(lhs, lhs, fwd+", ")
				return none, true
			case sameScope && p.Tok == token.DEFINE && ifInit:
				if ok, tok := e.canLift(fd, c, k, blockEnd, p, false); ok {
					name := p.Lhs[0].(*ast.Ident).Name
					e.edit(ifs.Pos(), ifs.Pos(), fwd+", "+name+" "+tok+" "+e.moved(call.Pos(), call.End())+"\n"+prog.Indent(ifs.Pos()))
					e.edit(ifs.Init.Pos(), ifs.Cond.Pos(), "")
					return none, true
				}
			}
			e.refuse(call.Pos(), "the call of %s cannot declare %s", c.Fn.Name(), fwd)
			return none, false
		}
		switch {
		case sameScope && p.Tok == token.DEFINE && inList:
			// err := f(q) in the scope of the variable: result, err := f(q)
			e.edit(lhs, lhs, fwd+", ")
			return none, true
		case sameScope && p.Tok == token.DEFINE && ifInit && liftable():
			// fwd is declared already: the error must be new, or assigned.
			name := p.Lhs[0].(*ast.Ident).Name
			e.edit(ifs.Pos(), ifs.Pos(), fwd+", "+name+" "+tok+" "+e.moved(call.Pos(), call.End())+"\n"+prog.Indent(ifs.Pos()))
			e.edit(ifs.Init.Pos(), ifs.Cond.Pos(), "")
			return none, true
		case fwd != "" && p.Tok == token.ASSIGN:
			e.edit(lhs, lhs, fwd+", ")
			return none, true
		case fwd != "" && inList:
			v := e.freshAt(fd, "result", c.Pkg.TypesInfo, stack, k, blockEnd)
			e.edit(lhs, lhs, v+", "+edit.Decl)
			e.edit(p.End(), p.End(), "\n"+prog.Indent(p.Pos())+fwd+" = "+v)
			return none, true
		case fwd != "":
		case r == "":
			e.edit(lhs, lhs, "_, ")
			return none, true
		case p.Tok == token.DEFINE && inList:
			e.edit(lhs, lhs, r+", "+edit.Decl)
			return [2]token.Pos{p.End(), blockEnd}, true
		case p.Tok == token.ASSIGN && inList && (isBlank(p.Lhs[0]) || declaredHere(c, k, p.Lhs[0])):
			// err = f(&q) where err is declared in the same block: r, err := f(&q)
			e.edit(lhs, lhs, r+", ")
			e.edit(p.TokPos, p.TokPos+1, ":=")
			return [2]token.Pos{p.End(), blockEnd}, true
		case p.Tok == token.ASSIGN && ifInit:
			// if err = f(&q); err != nil {...} ... q.Result
			// -> r, err := f(&q) (err declared in the block), or
			// var r U; r, err = f(&q); then if err != nil {...} ... r
			indent := prog.Indent(ifs.Pos())
			text := r + ", " + e.moved(p.Pos(), p.End())
			if declaredHere(c, k, p.Lhs[0]) {
				text = r + ", " + e.moved(p.Pos(), p.TokPos) + ":=" + e.moved(p.TokPos+1, p.End())
			} else {
				text = "var " + r + " " + e.typeText(c.Pkg.PkgPath, c.File, flow.ResultType(e.a.Target)) + "\n" + indent + text
			}
			e.edit(ifs.Pos(), ifs.Pos(), text+"\n"+indent)
			e.edit(ifs.Init.Pos(), ifs.Cond.Pos(), "")
			return [2]token.Pos{ifs.Pos(), blockEnd}, true
		case p.Tok == token.ASSIGN && inList:
			// err = f(&q) where err is declared further out: keep assigning
			// it, and declare r before (r, err := would shadow err).
			typ := e.typeText(c.Pkg.PkgPath, c.File, flow.ResultType(e.a.Target))
			e.edit(p.Pos(), p.Pos(), "var "+r+" "+typ+"\n"+prog.Indent(p.Pos()))
			e.edit(lhs, lhs, r+", ")
			return [2]token.Pos{p.End(), blockEnd}, true
		case p.Tok == token.DEFINE && ifInit && sitesWithin(reads, [2]token.Pos{ifs.Pos(), ifs.End()}):
			e.edit(lhs, lhs, r+", ")
			return [2]token.Pos{ifs.Pos(), ifs.End()}, true
		case p.Tok == token.DEFINE && ifInit && liftable():
			// if err := f(&q); err != nil {...} ... q.Result
			// -> r, err := f(&q); if err != nil {...} ... r
			name := p.Lhs[0].(*ast.Ident).Name
			e.edit(ifs.Pos(), ifs.Pos(), r+", "+name+" "+tok+" "+e.moved(call.Pos(), call.End())+"\n"+prog.Indent(ifs.Pos()))
			e.edit(ifs.Init.Pos(), ifs.Cond.Pos(), "")
			return [2]token.Pos{ifs.Pos(), blockEnd}, true
		}
	case *ast.ExprStmt:
		if !inList {
			break
		}
		at := call.Pos()
		switch {
		case fwd != "" && hasErr:
			e.edit(at, at, fwd+", _ = ")
		case fwd != "":
			e.edit(at, at, fwd+" = ")
		case r != "" && hasErr:
			e.edit(at, at, r+", _ := ")
		case r != "":
			e.edit(at, at, r+" := ")
		}
		return [2]token.Pos{p.End(), blockEnd}, true
	case *ast.ReturnStmt:
		if fn, _, _ := flow.EnclosingFunc(stack); dest.fwdProducer && fn == ast.Node(fd) && len(p.Results) == 1 {
			return none, true // a pure forwarder stays one line
		}
	}
	// fwd declared in this very list: the moved call assigns it.
	assignFwd := fwd != "" && dest.fwdScope != nil && listScope(c.Pkg.TypesInfo, stack, k) == dest.fwdScope
	return e.hoist(fd, c, k, blockEnd, r, fwd, assignFwd, hasErr)
}

// hoist moves the call into a statement of its own before the statement
// holding it: r, err := call, then uses err where the call was.
func (e *emitter) hoist(fd *ast.FuncDecl, c *flow.CallSite, k int, blockEnd token.Pos, r, fwd string, assignFwd, hasErr bool) ([2]token.Pos, bool) {
	prog, call, stack := e.Prog, c.Call, c.Stack
	none := [2]token.Pos{}
	fail := func(why string) ([2]token.Pos, bool) {
		e.refuse(call.Pos(), "cannot rewrite this call of %s: %s", c.Fn.Name(), why)
		return none, false
	}
	if !hasErr {
		return fail("its value is used but it returns nothing")
	}
	switch stack[len(stack)-2].(type) {
	case *ast.DeferStmt, *ast.GoStmt:
		return fail("it is deferred or run as a goroutine")
	}
	s := stack[k]
	for i := len(stack) - 2; i > k; i-- {
		n, child := stack[i], stack[i+1]
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if (n.Op == token.LAND || n.Op == token.LOR) && child == n.Y {
				return fail("it is evaluated only under a condition (&& or ||)")
			}
		case *ast.AssignStmt, *ast.ExprStmt:
			if i != k+1 {
				return fail("it sits in a nested statement")
			}
			if ifs, ok := s.(*ast.IfStmt); !ok || ifs.Init != n {
				if _, ok := s.(*ast.SwitchStmt); !ok {
					return fail("it sits in a nested statement")
				}
			}
		case ast.Stmt, *ast.FuncLit, *ast.CompositeLit:
			if _, ok := n.(*ast.CompositeLit); ok {
				continue
			}
			return fail("it sits in a nested statement or function literal")
		}
	}
	switch s := s.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.DeclStmt, *ast.SendStmt, *ast.DeferStmt, *ast.GoStmt:
	case *ast.IfStmt:
		if s.Init != nil && !flow.Contains(s.Init, call) {
			return fail("it is in the condition of an if statement with an init statement")
		}
	case *ast.SwitchStmt:
		if s.Init != nil && !flow.Contains(s.Init, call) {
			return fail("it is in the tag of a switch statement with an init statement")
		}
	case *ast.RangeStmt:
		if !flow.Contains(s.X, call) {
			return fail("it is in a loop header")
		}
	default:
		return fail("it is in a statement whose evaluation order a rewrite could change")
	}
	before := false
	ast.Inspect(s, func(n ast.Node) bool {
		if other, ok := n.(*ast.CallExpr); ok && other.End() <= call.Pos() {
			if t := e.hoistedCall(other); t != nil {
				// errors.Join(s.A(ctx, &a), s.B(ctx, &b)): A's emission
				// hoists A, with its arguments, to a line before B's, so
				// the calls keep their order if both types convert.
				if t != e.a.Target {
					e.out.Links = append(e.out.Links, t)
				}
				return false
			}
			before = true
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		return !before
	})
	if before {
		return fail("another call in the same statement is evaluated before it")
	}
	v := r
	switch {
	case v == "" && assignFwd:
		v, fwd = fwd, ""
	case v == "" && fwd != "":
		v = e.freshAt(fd, "result", c.Pkg.TypesInfo, c.Stack, k, blockEnd)
	case v == "":
		v = "_"
	}
	// The statement declares no variable but the error: v is _ or fwd.
	lone := v == "_" || assignFwd
	// if err := f(); err != nil -> ..., err := f(); if err != nil where
	// the if's err can move before it; else the error gets a name of its
	// own (if err := err2; ...).
	errName, tok := "", ":="
	ifs, _ := s.(*ast.IfStmt)
	init, lift := (*ast.AssignStmt)(nil), false
	if ifs != nil {
		init, _ = ifs.Init.(*ast.AssignStmt)
	}
	switch {
	case init != nil && isDefineOf(init, call):
		ok, t := e.canLift(fd, c, k, blockEnd, init, lone)
		if lift = ok; lift {
			errName, tok = init.Lhs[0].(*ast.Ident).Name, t
		} else {
			errName = e.freshAt(fd, "err", c.Pkg.TypesInfo, c.Stack, k, blockEnd)
		}
	case e.names.used(fd)[hoistNote(s)]:
		// Another call of this statement is hoisted already, its error
		// read where its call was: this one's must not overwrite it.
		errName = e.freshAt(fd, "err", c.Pkg.TypesInfo, c.Stack, k, blockEnd)
	default:
		sig := c.Fn.Type().(*types.Signature)
		sp := declSpot{fd: fd, info: c.Pkg.TypesInfo, stack: stack, k: k, end: blockEnd}
		errName, tok = e.errName(sp, sig.Results().At(sig.Results().Len()-1).Type(), [2]token.Pos{call.Pos(), call.End()}, lone)
	}
	e.reserve(fd, hoistNote(s))
	indent := prog.Indent(s.Pos())
	text := v + ", " + errName + " " + tok + " " + e.moved(call.Pos(), call.End()) + "\n" + indent
	if fwd != "" {
		text += fwd + " = " + v + "\n" + indent
	}
	e.edit(s.Pos(), s.Pos(), text)
	if lift {
		e.edit(ifs.Init.Pos(), ifs.Cond.Pos(), "")
	} else {
		e.edit(call.Pos(), call.End(), errName)
	}
	return [2]token.Pos{s.Pos(), blockEnd}, true
}

// hoistedCall is the type whose producer other calls, when its emission
// hoists that call out of its statement (an argument of a call, or an
// element of a literal, not the statement's own call), else nil.
func (e *emitter) hoistedCall(other *ast.CallExpr) *flow.Target {
	for _, c := range e.Index.Calls {
		if c.Call != other {
			continue
		}
		switch c.Parent(1).(type) {
		case *ast.CallExpr, *ast.CompositeLit, *ast.KeyValueExpr:
		default:
			return nil
		}
		if sig, ok := c.Fn.Type().(*types.Signature); !ok || sig.Results().Len() != 1 {
			return nil
		}
		return e.Index.TargetOfMethod(e.Prog, c.Fn)
	}
	return nil
}

// hoistNote is the note of Names.used that a call of s is hoisted.
func hoistNote(s ast.Node) string { return "\x00hoist:" + strconv.Itoa(int(s.Pos())) }

// isDefineOf reports whether as is x := call.
func isDefineOf(as *ast.AssignStmt, call *ast.CallExpr) bool {
	if as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != ast.Expr(call) {
		return false
	}
	_, ok := as.Lhs[0].(*ast.Ident)
	return ok
}

// canLift reports whether the variable an if statement's init declares
// (if err := f(); ...) can move before the if statement, declared by the
// enclosing list without changing what any name means there (see
// declarable), and the token of the lifted statement.
func (e *emitter) canLift(fd *ast.FuncDecl, c *flow.CallSite, k int, blockEnd token.Pos, as *ast.AssignStmt, lone bool) (ok bool, tok string) {
	id, isID := as.Lhs[0].(*ast.Ident)
	if !isID {
		return false, ""
	}
	own := c.Pkg.TypesInfo.Defs[id]
	if own == nil {
		return false, ""
	}
	sp := declSpot{fd: fd, info: c.Pkg.TypesInfo, stack: c.Stack, k: k, end: blockEnd}
	return e.declarable(sp, id.Name, own.Type(), c.Stack[k].End(), [2]token.Pos{}, own, lone)
}

// declaredHere reports whether e is an identifier declared in the scope of
// the statement list stack[k-1] (so := assigns it rather than shadowing it).
func declaredHere(c *flow.CallSite, k int, e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	if !ok {
		return false
	}
	obj := c.Pkg.TypesInfo.Uses[id]
	scope := listScope(c.Pkg.TypesInfo, c.Stack, k)
	return obj != nil && scope != nil && obj.Parent() == scope
}

// resultName is the name for the value of a query variable: result for
// q, query or cmd, else the variable's name and Result (listResult).
func resultName(read *flow.Site) string {
	var name string
	switch x := ast.Unparen(read.Node().(*ast.SelectorExpr).X).(type) {
	case *ast.Ident:
		name = x.Name
	case *ast.SelectorExpr:
		name = x.Sel.Name // a field path, tt.query
	}
	switch name {
	case "q", "query", "cmd", "command", "c":
		return "result"
	default:
		return name + "Result"
	}
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// listScope is the scope of the statement list stack[k-1]: a function's
// body shares the scope of its signature.
func listScope(info *types.Info, stack []ast.Node, k int) *types.Scope {
	if k >= 2 {
		switch f := stack[k-2].(type) {
		case *ast.FuncDecl:
			return info.Scopes[f.Type]
		case *ast.FuncLit:
			return info.Scopes[f.Type]
		}
	}
	return info.Scopes[stack[k-1]]
}
