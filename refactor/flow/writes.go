package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/types/typeutil"
)

// An unwritten return is a way a producer can return without having
// written its query's Result: the caller's query then keeps the value it
// held, where the converted producer returns a zero value.
type unwritten struct {
	pos    token.Pos
	nonNil bool // the return provably returns a non-nil error
	why    string
	who    *types.Func // the member that returns there
}

// writeSummary is what the members' bodies show of Result, computed once
// per type (analyze) and read by every decision that needs it: per
// member, the returns it can reach before Result is written, and the
// reads of Result it can make before writing it (the caller's value as an
// input: a cache check, an append to what is there).
type writeSummary struct {
	unwritten map[program.Key][]unwritten
	readsIn   map[program.Key][]token.Pos
}

// always reports whether the member writes Result on every return.
func (ws *writeSummary) always(k program.Key) bool { return len(ws.unwritten[k]) == 0 }

// inputFree reports whether the member never reads a Result its caller
// put in the query.
func (ws *writeSummary) inputFree(k program.Key) bool { return len(ws.readsIn[k]) == 0 }

// onlyFailsUnwritten reports whether every way the member returns without
// writing Result returns a non-nil error.
func (ws *writeSummary) onlyFailsUnwritten(k program.Key) bool {
	for _, u := range ws.unwritten[k] {
		if !u.nonNil {
			return false
		}
	}
	return true
}

// unwrittenReturns computes, for every member, the returns it can reach
// before Result is definitely written (a definite-assignment analysis
// over the body's structured control flow, as a compiler's): a whole
// assignment `q.Result = x` writes it, and so does a call forwarding the
// query to a member that writes on every return. Writes in function
// literals (a transaction callback) are not definite: nothing shows the
// literal runs. An interface method has its implementations' returns; a
// mock or a method without a body may return anything.
func (pl *Analyzer) writeSummaryOf(a *Analysis) *writeSummary {
	// Two fixed points, one after the other. Writes first, from "no
	// member is known to write on every return" up: a forward counts as
	// a write once its callee is known to (recursion proves nothing).
	// Then reads, with the writes known, from "no member reads" up: a
	// forward counts as a read once its callee is known to read.
	out := map[program.Key][]unwritten{}
	for _, k := range a.Keys {
		out[k] = []unwritten{{pos: a.Members[k].Fn.Pos(), why: "not yet analyzed", who: a.Members[k].Fn}}
	}
	reads := map[program.Key][]token.Pos{}
	total := func(k program.Key) bool { return len(out[k]) == 0 }
	// The members that write on every return only grow from round to
	// round (each is justified by callees that did in the round before),
	// so that set settles within len(keys) rounds; the entries of the
	// others are sets of positions and settle too, but recursion through
	// an interface (a decorator forwarding to its own interface) can make
	// them trade places, so the rounds are bounded.
	limit := 2*len(a.Keys) + 4
	for changed, round := true, 0; changed && round < limit; round++ {
		changed = false
		next := map[program.Key][]unwritten{}
		for _, k := range a.Keys {
			next[k], _ = pl.unwrittenOf(a, a.Members[k], out, reads, total)
			changed = changed || !sameUnwritten(next[k], out[k])
		}
		out = next
	}
	for changed, round := true, 0; changed && round < limit; round++ {
		changed = false
		next := map[program.Key][]token.Pos{}
		for _, k := range a.Keys {
			_, next[k] = pl.unwrittenOf(a, a.Members[k], out, reads, total)
			changed = changed || len(next[k]) != len(reads[k])
		}
		reads = next
	}
	return &writeSummary{unwritten: out, readsIn: reads}
}

func sameUnwritten(x, y []unwritten) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].pos != y[i].pos || x[i].nonNil != y[i].nonNil {
			return false
		}
	}
	return true
}

func (pl *Analyzer) unwrittenOf(a *Analysis, m *Member, prev map[program.Key][]unwritten, prevReads map[program.Key][]token.Pos, total func(program.Key) bool) ([]unwritten, []token.Pos) {
	u, r := pl.unwrittenOf1(a, m, prev, prevReads, total)
	return uniqueUnwritten(u), uniquePos(r)
}

// uniqueUnwritten sorts us by position and drops repeats, so that entries
// copied from callees stay a finite set.
func uniqueUnwritten(us []unwritten) []unwritten {
	sort.SliceStable(us, func(i, j int) bool {
		if us[i].pos != us[j].pos {
			return us[i].pos < us[j].pos
		}
		return !us[i].nonNil && us[j].nonNil
	})
	var out []unwritten
	for _, u := range us {
		if n := len(out); n > 0 && out[n-1].pos == u.pos && out[n-1].nonNil == u.nonNil {
			continue
		}
		out = append(out, u)
	}
	return out
}

func uniquePos(ps []token.Pos) []token.Pos {
	slices.Sort(ps)
	return slices.Compact(ps)
}

func (pl *Analyzer) unwrittenOf1(a *Analysis, m *Member, prev map[program.Key][]unwritten, prevReads map[program.Key][]token.Pos, total func(program.Key) bool) ([]unwritten, []token.Pos) {
	switch {
	case m.Iface:
		// The union of the concrete implementations', reached through
		// interfaces that embed or implement others, never through an
		// interface's own entries: a cycle would keep stale ones alive.
		var out []unwritten
		var reads []token.Pos
		seen := map[program.Key]bool{}
		var visit func(k program.Key)
		visit = func(k program.Key) {
			for _, ik := range pl.Index.implOf[k] {
				im := a.Members[ik]
				if im == nil || seen[ik] {
					continue
				}
				seen[ik] = true
				if im.Iface {
					visit(ik)
					continue
				}
				out = append(out, prev[ik]...)
				reads = append(reads, prevReads[ik]...)
			}
		}
		visit(m.key)
		return out, reads
	case m.Double():
		return []unwritten{{pos: m.Fn.Pos(), why: "a mock returns what its expectations say", who: m.Fn}}, nil
	case m.Decl == nil:
		return []unwritten{{pos: m.Fn.Pos(), why: "its body is not loaded", who: m.Fn}}, []token.Pos{m.Fn.Pos()}
	}
	w := &writeWalk{pl: pl, a: a, m: m, info: m.Decl.Pkg.TypesInfo, total: total, prev: prev, prevReads: prevReads, body: m.Decl.Decl.Body, errResult: m.HasErr()}
	body := m.Decl.Decl.Body
	if end, term := w.list(body.List, false); !end && !term && !w.gotos {
		w.out = append(w.out, unwritten{pos: body.Rbrace, why: "the end of its body", who: m.Fn})
	}
	if w.gotos {
		return []unwritten{{pos: m.Fn.Pos(), why: "it jumps with goto", who: m.Fn}}, []token.Pos{m.Fn.Pos()}
	}
	return w.out, w.reads
}

type writeWalk struct {
	pl    *Analyzer
	a     *Analysis
	m     *Member
	info  *types.Info
	total func(program.Key) bool
	prev  map[program.Key][]unwritten
	out   []unwritten
	gotos bool

	prevReads map[program.Key][]token.Pos
	reads     []token.Pos // Result reads before it is written

	body      *ast.BlockStmt // the walked function's, for nonNilError
	errResult bool           // its last result is an error
	// cbParam: walking a function that takes a callback (callback.go),
	// where "written" means "cbParam ran and returned nil".
	cbParam *types.Var
	pending map[types.Object]bool // see list
}

// readsAt records the reads of Result in n, evaluated with Result written
// (in) or not: accesses through the parameter other than whole writes,
// and forwards to members that read it.
func (w *writeWalk) readsAt(n ast.Node, in bool) {
	if n == nil || in {
		return
	}
	// A function literal in n (a transaction callback) is walked as a body
	// of its own, entered with Result not written: its reads after its own
	// writes see only what it wrote, however often it runs.
	var lits []*ast.FuncLit
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			lits = append(lits, x)
			return false
		case *ast.CallExpr:
			if k, ok := w.forward(x); ok && len(w.prevReads[k]) > 0 {
				w.reads = append(w.reads, x.Pos())
			}
		}
		return true
	})
	for _, s := range w.m.Sites {
		if Contains(n, s.Node()) && !w.wholeWrite(s) && !slices.ContainsFunc(lits, func(l *ast.FuncLit) bool { return Contains(l, s.Node()) }) {
			w.reads = append(w.reads, s.Node().Pos())
		}
	}
	for _, l := range lits {
		sub := &writeWalk{pl: w.pl, a: w.a, m: w.m, info: w.info, total: w.total, prev: w.prev, prevReads: w.prevReads, body: l.Body, errResult: true}
		sub.list(l.Body.List, false)
		w.reads = append(w.reads, sub.reads...)
		w.gotos = w.gotos || sub.gotos
	}
}

// wholeWrite reports whether s is the left side of `q.Result = x`.
func (w *writeWalk) wholeWrite(s *Site) bool {
	as, ok := s.Parent(1).(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN {
		return false
	}
	for _, l := range as.Lhs {
		if ast.Unparen(l) == s.Node() {
			return true
		}
	}
	return false
}

// list walks stmts entered with Result written or not, and returns
// whether it is written at the end and whether the end is unreachable.
func (w *writeWalk) list(stmts []ast.Stmt, in bool) (out, term bool) {
	// pending holds the variables that hold the outcome of a call whose
	// nil means Result was written (v := s.store.GetX(ctx, q), err =
	// db.WithTx(ctx, func...)): a later `if v != nil { leave }` of the list
	// leaves it written, and `return v` returns nil only if it is. Nested
	// lists see the outer ones' (the same variables, not assigned since).
	outer := w.pending
	w.pending = map[types.Object]bool{}
	for v := range outer {
		w.pending[v] = true
	}
	defer func() { w.pending = outer }()
	for _, s := range stmts {
		if ifs, ok := s.(*ast.IfStmt); ok && ifs.Init == nil && ifs.Else == nil {
			if v := notNilVar(w.info, ifs.Cond); v != nil && w.pending[v] {
				w.readsAt(ifs.Cond, in)
				if _, t := w.list(ifs.Body.List, in); t {
					in = true
					continue
				}
			}
		}
		for v := range w.pending {
			if assignedIn(w.info, s, v) {
				delete(w.pending, v)
			}
		}
		if v := w.guardVar(s); v != nil {
			w.pending[v] = true
		}
		if in, term = w.stmt(s, in); term {
			return in, true
		}
	}
	return in, false
}

// guardVar returns v when s is `v := call` or `v = call` with a call whose
// nil outcome means Result was written.
func (w *writeWalk) guardVar(s ast.Stmt) types.Object {
	as, ok := s.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	id, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident)
	call, isCall := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || !isCall {
		return nil
	}
	if _, onNil := w.callKind(call); !onNil {
		return nil
	}
	if obj := w.info.Defs[id]; obj != nil {
		return obj
	}
	return w.info.Uses[id]
}

// notNilVar returns v for the condition `v != nil`.
func notNilVar(info *types.Info, cond ast.Expr) types.Object {
	c, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || c.Op != token.NEQ || !isNil(info, c.Y) {
		return nil
	}
	if id, ok := ast.Unparen(c.X).(*ast.Ident); ok {
		return info.Uses[id]
	}
	return nil
}

func (w *writeWalk) stmt(s ast.Stmt, in bool) (out, term bool) {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		w.readsAt(s, in)
		if !in {
			w.returnUnwritten(s)
		}
		return in, true
	case *ast.BlockStmt:
		return w.list(s.List, in)
	case *ast.LabeledStmt:
		return w.stmt(s.Stmt, in)
	case *ast.IfStmt:
		var guard types.Object
		if s.Init != nil {
			guard = w.guardVar(s.Init)
			in, _ = w.stmt(s.Init, in)
		}
		w.readsAt(s.Cond, in)
		in = in || w.writesIn(s.Cond)
		o1, t1 := w.list(s.Body.List, in)
		o2, t2 := in, false
		if s.Else != nil {
			o2, t2 = w.stmt(s.Else, in)
		} else if guard != nil && notNilVar(w.info, s.Cond) == guard {
			// if err := call(); err != nil { ... }: past it, call
			// returned nil, so Result was written.
			o2 = true
		}
		return join(o1, t1, o2, t2)
	case *ast.ForStmt:
		if s.Init != nil {
			in, _ = w.stmt(s.Init, in)
		}
		w.readsAt(s.Cond, in)
		if s.Post != nil {
			w.stmt(s.Post, in)
		}
		w.list(s.Body.List, in)
		return in, false
	case *ast.RangeStmt:
		w.readsAt(s.X, in)
		w.list(s.Body.List, in)
		return in, false
	case *ast.SwitchStmt:
		if s.Init != nil {
			in, _ = w.stmt(s.Init, in)
		}
		w.readsAt(s.Tag, in)
		w.caseExprs(s.Body, in)
		return w.clauses(s.Body, in)
	case *ast.TypeSwitchStmt:
		if s.Init != nil {
			in, _ = w.stmt(s.Init, in)
		}
		w.readsAt(s.Assign, in)
		return w.clauses(s.Body, in)
	case *ast.BranchStmt:
		if s.Tok == token.GOTO {
			w.gotos = true
		}
		return in, true // break and continue leave this list; clauses account for break
	case *ast.ExprStmt:
		w.readsAt(s, in)
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && isPanic(w.info, call) {
			return in, true
		}
		return in || w.writesIn(s.X), false
	case *ast.AssignStmt:
		w.readsAt(s, in)
		for _, r := range s.Rhs {
			in = in || w.writesIn(r)
		}
		if s.Tok == token.ASSIGN {
			for _, l := range s.Lhs {
				if w.isResult(l) {
					in = true
				}
			}
		}
		return in, false
	case *ast.SelectStmt:
		return w.clauses(s.Body, in)
	}
	w.readsAt(s, in) // declarations, sends, ++, go and defer
	return in, false
}

// caseExprs records the reads in a switch's case expressions.
func (w *writeWalk) caseExprs(body *ast.BlockStmt, in bool) {
	for _, c := range body.List {
		if cc, ok := c.(*ast.CaseClause); ok {
			for _, e := range cc.List {
				w.readsAt(e, in)
			}
		}
	}
}

// clauses joins the clauses of a switch or select: a clause that breaks
// leaves with what it held before the break, so it counts as unwritten.
func (w *writeWalk) clauses(body *ast.BlockStmt, in bool) (out, term bool) {
	first, hasDefault := true, false
	out, term = in, true
	for _, c := range body.List {
		var list []ast.Stmt
		switch c := c.(type) {
		case *ast.CaseClause:
			list, hasDefault = c.Body, hasDefault || c.List == nil
		case *ast.CommClause:
			list, hasDefault = c.Body, true // a select waits for one clause
		}
		o, t := w.list(list, in)
		if breaks(list) {
			o, t = in, false
		}
		if t {
			continue
		}
		if first {
			out, term, first = o, false, false
		} else {
			out = out && o
		}
	}
	if !hasDefault {
		return out && in, false
	}
	return out, term
}

func join(o1, t1, o2, t2 bool) (bool, bool) {
	switch {
	case t1 && t2:
		return true, true
	case t1:
		return o2, false
	case t2:
		return o1, false
	}
	return o1 && o2, false
}

// breaks reports whether list holds a break out of its switch or select
// (one not inside a loop, switch or select of its own).
func breaks(list []ast.Stmt) bool {
	found := false
	for _, s := range list {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				found = found || n.Tok == token.BREAK
			}
			return !found
		})
	}
	return found
}

// isResult reports whether e is the member's Result, through its
// parameter.
func (w *writeWalk) isResult(e ast.Expr) bool {
	for _, s := range w.m.Sites {
		if s.Node() == ast.Unparen(e) {
			return true
		}
	}
	return false
}

// writesIn reports whether e, evaluated, forwards the query to a member
// that writes Result on every return.
func (w *writeWalk) writesIn(e ast.Expr) bool {
	return FindOwn(e, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return false
		}
		always, _ := w.callKind(call)
		return always
	})
}

// callKind says what a call tells of Result: always, it is written when
// the call returns (a forward to a member that writes on every return);
// onNil, it is written when the call returns a nil error (a forward to a
// member that returns without writing only with an error; a function
// given a callback that writes Result whenever it returns nil, and that
// returns nil only after the callback did: a transaction helper).
func (w *writeWalk) callKind(call *ast.CallExpr) (always, onNil bool) {
	if w.cbParam != nil {
		return false, w.pl.callsBack(w.info, call, w.cbParam)
	}
	if k, ok := w.forward(call); ok {
		if w.total(k) {
			return true, true
		}
		for _, u := range w.prev[k] {
			if !u.nonNil {
				return false, false
			}
		}
		return false, true
	}
	fn, _ := typeutil.Callee(w.info, call).(*types.Func)
	if fn == nil {
		return false, false
	}
	for i, arg := range call.Args {
		lit, ok := ast.Unparen(arg).(*ast.FuncLit)
		if !ok || !w.litWritesOnNil(lit) {
			continue
		}
		if w.pl.nilOnlyViaCall(fn, i) {
			return false, true
		}
	}
	return false, false
}

// litWritesOnNil reports whether lit, a callback taking nothing of the
// query but capturing it, writes Result before every return that may
// return nil.
func (w *writeWalk) litWritesOnNil(lit *ast.FuncLit) bool {
	sig, ok := w.info.TypeOf(lit).(*types.Signature)
	if !ok || sig.Results().Len() != 1 || !cqmodel.IsError(sig.Results().At(0).Type()) {
		return false
	}
	sub := &writeWalk{pl: w.pl, a: w.a, m: w.m, info: w.info, total: w.total, prev: w.prev, prevReads: w.prevReads, body: lit.Body, errResult: true}
	if _, term := sub.list(lit.Body.List, false); !term || sub.gotos {
		return false
	}
	for _, u := range sub.out {
		if !u.nonNil {
			return false
		}
	}
	return true
}

// forward returns the member call passes the query parameter to.
func (w *writeWalk) forward(call *ast.CallExpr) (program.Key, bool) {
	if w.a == nil || w.m.Param == nil {
		return "", false
	}
	for _, c := range w.pl.Index.Calls {
		if c.Call != call || w.a.Members[c.Callee] == nil {
			continue
		}
		if v := rootIdent(w.pl.QueryArg(c)); v != nil && w.info.Uses[v] == w.m.Param {
			return c.Callee, true
		}
	}
	return "", false
}

// returnUnwritten records r, reached before Result is written.
func (w *writeWalk) returnUnwritten(r *ast.ReturnStmt) {
	if len(r.Results) == 1 {
		if call, ok := ast.Unparen(r.Results[0]).(*ast.CallExpr); ok {
			if always, onNil := w.callKind(call); always {
				return
			} else if onNil {
				w.out = append(w.out, unwritten{pos: r.Pos(), nonNil: true, who: w.m.Fn})
				return
			}
			if k, ok := w.forward(call); ok {
				for _, u := range w.prev[k] {
					w.out = append(w.out, unwritten{pos: r.Pos(), nonNil: u.nonNil, why: "it returns " + FuncLabel(w.a.Members[k].Fn) + "'s outcome", who: w.m.Fn})
				}
				if _, known := w.prev[k]; !known {
					w.out = append(w.out, unwritten{pos: r.Pos(), why: "it returns " + FuncLabel(w.a.Members[k].Fn) + "'s outcome", who: w.m.Fn})
				}
				return
			}
		}
	}
	u := unwritten{pos: r.Pos(), who: w.m.Fn}
	if n := len(r.Results); n > 0 && w.errResult {
		u.nonNil = w.pl.nonNilError(w.info, r.Results[n-1], r, w.body)
		if id, ok := ast.Unparen(r.Results[n-1]).(*ast.Ident); ok && w.pending[w.info.Uses[id]] {
			u.nonNil = true // nil only when Result was written
		}
		// A wrapper of such a variable, nil only when it is nil.
		if call, ok := ast.Unparen(r.Results[n-1]).(*ast.CallExpr); ok {
			if g, ok := typeutil.Callee(w.info, call).(*types.Func); ok {
				for j, a := range call.Args {
					if id, ok := ast.Unparen(a).(*ast.Ident); ok && w.pending[w.info.Uses[id]] && w.pl.nilOnlyIfNil(g, j) {
						u.nonNil = true
					}
				}
			}
		}
	}
	w.out = append(w.out, u)
}

// nonNilError reports whether e, returned by r, is provably a non-nil
// error: errors.New or fmt.Errorf, a sentinel error variable, or err
// returned inside `if err != nil`.
func (pl *Analyzer) nonNilError(info *types.Info, e ast.Expr, r *ast.ReturnStmt, body *ast.BlockStmt) bool {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(info, x).(*types.Func); ok && fn.Pkg() != nil {
			p := fn.Pkg().Path()
			return p == "errors" && fn.Name() == "New" || p == "fmt" && fn.Name() == "Errorf"
		}
	case *ast.SelectorExpr: // pkg.ErrX
		v, ok := info.Uses[x.Sel].(*types.Var)
		return ok && info.Selections[x] == nil && pl.isSentinel(v)
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		if pl.isSentinel(v) {
			return true
		}
		// Inside `if v != nil { ... return v }`, with no assignment of v
		// in between: the return is in the body of that if, or of ifs
		// nested in it.
		var guarded bool
		WithStack(body, func(n ast.Node, stack []ast.Node) {
			if n != ast.Node(r) {
				return
			}
			for i := len(stack) - 2; i >= 1; i-- {
				if _, ok := stack[i].(*ast.FuncLit); ok {
					return
				}
				ifs, ok := stack[i].(*ast.IfStmt)
				if !ok || stack[i+1] != ast.Node(ifs.Body) {
					continue
				}
				if c, ok := ifs.Cond.(*ast.BinaryExpr); ok && c.Op == token.NEQ && isNil(info, c.Y) {
					if id, ok := ast.Unparen(c.X).(*ast.Ident); ok && info.Uses[id] == v && !assignedIn(info, ifs.Body, v) {
						guarded = true
						return
					}
				}
			}
		})
		return guarded
	}
	return false
}

// assignedIn reports whether v is assigned anywhere in n.
func assignedIn(info *types.Info, n ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if as, ok := x.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && (info.Uses[id] == v || info.Defs[id] == v) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isPanic(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "panic"
}
