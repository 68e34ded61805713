package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"golang.org/x/tools/go/packages"
)

// The flow analysis: where each value of a query type goes, and whether
// the conversion carries every such flow with the same meaning. Before
// the conversion Result is a cell in the query that lives as long as the
// query does: it keeps what an earlier call left there, whoever holds the
// query sees it, and fmt, encoders, reflect and == see it. After it, the
// value exists only as what each call returns. The two agree when every
// read of Result is a read of the value the latest call returned, and
// nothing else sees the cell. A flow that cannot be shown to agree is an
// escape, and refuses the type, naming the flow and its position.
//
// The escapes, each from one of these summaries:
//   - a call that may see an earlier value (the query reused across calls
//     in a loop or in sequence, or by a forwarder running several
//     producers in turn) while a producer may return without writing
//     Result or reads it before writing (writes.go);
//   - the query seen whole (observe.go) after Result may hold a value, or
//     a pointer to it kept, before the call, where it outlives the call;
//   - its address kept beyond the statement that takes it;
//   - Result read in a deferred or concurrent function, which may run
//     while a producer has written Result and not returned (a panic);
//   - a producer that reassigns its query parameter, so that later writes
//     land in another query;
//   - an interface that is not a package-level type (an assertion to
//     interface{ GetX(...) error }) with a producer's method: nothing
//     rewrites it, and the converted type would no longer satisfy it.

// An escape is a flow the conversion cannot carry with the same meaning.
type escape struct {
	pos    token.Pos
	reason string
}

// escapes computes the escapes of a's type. It reads the analysis
// (members, groups) and the index, and changes neither.
func (pl *Analyzer) escapes(a *Analysis) []escape {
	var out []escape
	add := func(pos token.Pos, format string, args ...any) {
		out = append(out, escape{pos: pos, reason: fmt.Sprintf(format, args...)})
	}

	// Producers: a reassigned parameter.
	for _, k := range a.Keys {
		m := a.Members[k]
		if m.Decl == nil || m.Param == nil {
			continue
		}
		info := m.Decl.Pkg.TypesInfo
		UsesOf(m.Decl.Decl.Body, info, m.Param, func(id *ast.Ident, stack []ast.Node) {
			switch p := stack[len(stack)-2].(type) {
			case *ast.AssignStmt:
				for _, l := range p.Lhs {
					if l == ast.Expr(id) {
						add(id.Pos(), "%s reassigns its query parameter %s here: Result written after this goes to another query than the caller's", FuncLabel(m.Fn), id.Name)
					}
				}
			case *ast.StarExpr:
				// *q = T{...} without Result sets Result to its zero
				// value, as the converted producer's zero result does;
				// any other value copies a Result in.
				if as, ok := stack[len(stack)-3].(*ast.AssignStmt); ok {
					for i, l := range as.Lhs {
						if lit := CompositeLit(as.Rhs[min(i, len(as.Rhs)-1)]); lit != nil && !pl.setsResult(lit, a.Target) {
							continue
						}
						if ast.Unparen(l) == ast.Expr(p) {
							add(id.Pos(), "%s overwrites the caller's whole query here (*%s = ...), Result included", FuncLabel(m.Fn), id.Name)
						}
					}
				}
			case *ast.UnaryExpr:
				if p.Op == token.AND {
					add(id.Pos(), "%s takes the address of its query parameter %s here, so the query may be replaced behind the rewrite's back", FuncLabel(m.Fn), id.Name)
				}
			}
		})
	}

	// Interfaces no rewrite reaches.
	for _, li := range pl.Index.localIfaces {
		for _, k := range a.Keys {
			m := a.Members[k]
			if !m.Iface && m.Fn.Name() == li.name && sigString(m.Fn) == li.sig {
				add(li.pos, "an interface that is not a package-level type declares %s with the signature %s changes: nothing rewrites it, and a value asserted or converted to it would no longer satisfy it", li.name, FuncLabel(m.Fn))
				break
			}
		}
	}

	// Calls that may see an earlier value.
	for _, g := range a.Groups {
		if g.Obj == nil {
			continue
		}
		for i, c := range g.Calls {
			earlier := pl.seesEarlier(a, g, i)
			if earlier == "" {
				continue
			}
			what := "the query " + g.Obj.Name()
			if g.Path != "" {
				what = "the query " + g.Path
			}
			if g.Fwd != nil {
				what = FuncLabel(g.Fwd.Fn) + "'s query " + g.Obj.Name()
			}
			if r := a.writes.readsIn[c.Callee]; len(r) > 0 {
				add(c.Call.Pos(), "%s is passed to %s %s, and %s may read the Result an earlier call left before writing it (at %s)", what, c.Fn.Name(), earlier, FuncLabel(c.Fn), pl.Prog.ShortPos(r[0]))
				break
			}
			if u := pl.unwrittenSeen(a, g, c); u != nil {
				why := ""
				if u.why != "" {
					why = " (" + u.why + ")"
				}
				who := FuncLabel(c.Fn)
				if u.who != nil {
					who = FuncLabel(u.who)
				}
				add(c.Call.Pos(), "%s is passed to %s %s, and %s may return without writing Result at %s%s: the converted call would yield a zero value where the query kept the earlier one", what, c.Fn.Name(), earlier, who, pl.Prog.ShortPos(u.pos), why)
				break
			}
		}
	}

	// Uses of a caller's query variable.
	mocks := pl.mockRegions(a)
	for _, g := range a.Groups {
		if g.Obj == nil || g.Path != "" || g.Fwd != nil {
			continue
		}
		pl.variableEscapes(g, mocks, add)
	}

	// The query seen whole.
	for _, o := range pl.Index.observations {
		if !slices.Contains(o.targets, a.Target) || mocks.within(o.expr) {
			continue
		}
		if why := pl.observed(a, o); why != "" {
			add(o.expr.Pos(), "%s", why)
		}
	}
	return out
}

// unwrittenSeen returns a way the member called at c (an interface
// method: any implementation) may return without writing Result that a
// read of g could see: any, for a forwarder (its own caller reads what it
// returns); otherwise one returning nil, or a non-nil error when a read
// after c is not guarded by c's error.
func (pl *Analyzer) unwrittenSeen(a *Analysis, g *CallGroup, c *CallSite) *unwritten {
	guarded := true
	for _, r := range g.Reads {
		if r.Node().Pos() > c.Call.End() && !isWrite(r) && !pl.guardedBy(c, r) {
			guarded = false
		}
	}
	for i := range a.writes.unwritten[c.Callee] {
		u := &a.writes.unwritten[c.Callee][i]
		if g.Fwd != nil || !u.nonNil || !guarded {
			return u
		}
	}
	return nil
}

// seesEarlier says how the i-th call of g can find in the query what an
// earlier call left: an earlier call that can run before it (not in
// another branch of the same if or switch), or a loop around it that does
// not declare the variable; in both cases unless the variable is reset
// (q = GetXQuery{...} without Result) on every path in between. "" when
// none can.
func (pl *Analyzer) seesEarlier(a *Analysis, g *CallGroup, i int) string {
	c := g.Calls[i]
	info := c.Pkg.TypesInfo
	for _, prev := range g.Calls[:i] {
		if exclusive(prev.Stack, c.Stack) || g.Path == "" && pl.resetBefore(a, info, c.Stack, g.Obj, prev.Call.End()) {
			continue
		}
		return "after the call at " + pl.Prog.ShortPos(prev.Call.Pos())
	}
	if loop := loopAround(c.Stack, g.Obj); loop != nil && (g.Path != "" || !pl.resetBefore(a, info, c.Stack, g.Obj, loop.Pos())) {
		return "in a loop (" + pl.Prog.ShortPos(loop.Pos()) + ") that does not declare it"
	}
	return ""
}

// exclusive reports whether the nodes at the ends of x and y lie in
// different branches of one if statement, or in different clauses of one
// switch or select without fallthrough: one run cannot reach both.
func exclusive(x, y []ast.Node) bool {
	k := 0
	for k < len(x) && k < len(y) && x[k] == y[k] {
		k++
	}
	if k == 0 || k >= len(x) || k >= len(y) {
		return false
	}
	switch n := x[k-1].(type) {
	case *ast.IfStmt:
		return x[k] != y[k] && (x[k] == ast.Node(n.Body) || x[k] == n.Else) && (y[k] == ast.Node(n.Body) || y[k] == n.Else)
	case *ast.BlockStmt:
		_, cx := x[k].(*ast.CaseClause)
		_, cy := y[k].(*ast.CaseClause)
		_, mx := x[k].(*ast.CommClause)
		_, my := y[k].(*ast.CommClause)
		if !(cx && cy || mx && my) {
			return false
		}
		falls := false
		ast.Inspect(n, func(m ast.Node) bool {
			if b, ok := m.(*ast.BranchStmt); ok && b.Tok == token.FALLTHROUGH {
				falls = true
			}
			return !falls
		})
		return !falls
	}
	return false
}

// resetBefore reports whether, in a statement list around the end of
// stack and after the position from, a statement gives obj a fresh query
// whose Result is zero (q = GetXQuery{...}, q = &GetXQuery{...}, *q =
// GetXQuery{...}, none setting Result) before the statement that holds
// the end of stack: it runs on every path from there to it.
func (pl *Analyzer) resetBefore(a *Analysis, info *types.Info, stack []ast.Node, obj types.Object, from token.Pos) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
		if stack[i].Pos() < from && stack[i].End() > from {
			// The list holds from itself: only what follows it counts.
		} else if stack[i].Pos() < from {
			return false
		}
		for _, st := range StmtList(stack[i]) {
			if st == stack[i+1] {
				break
			}
			if st.Pos() > from && pl.isReset(a, info, st, obj) {
				return true
			}
		}
	}
	return false
}

// isReset reports whether st assigns obj a fresh query whose Result is
// zero.
func (pl *Analyzer) isReset(a *Analysis, info *types.Info, st ast.Stmt, obj types.Object) bool {
	as, ok := st.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	lhs := ast.Unparen(as.Lhs[0])
	if star, ok := lhs.(*ast.StarExpr); ok {
		lhs = ast.Unparen(star.X)
	}
	id, ok := lhs.(*ast.Ident)
	if !ok || info.Uses[id] != obj {
		return false
	}
	lit := CompositeLit(as.Rhs[0])
	return lit != nil && !pl.setsResult(lit, a.Target)
}

// loopAround returns the innermost loop around the end of stack that
// does not also hold obj's declaration: each iteration sees the variable
// the one before left.
func loopAround(stack []ast.Node, obj types.Object) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if !(n.Pos() <= obj.Pos() && obj.Pos() < n.End()) {
				return n
			}
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

// variableEscapes adds the escapes of g's variable in its function: its
// address kept, or Result read where a panicking call can leave it.
func (pl *Analyzer) variableEscapes(g *CallGroup, mocks regions, add func(token.Pos, string, ...any)) {
	info := g.Calls[0].Pkg.TypesInfo
	args := map[*ast.Ident]bool{}
	for _, c := range g.Calls {
		if v := rootIdent(pl.QueryArg(c)); v != nil {
			args[v] = true
		}
	}
	_, isPtr := g.Obj.Type().Underlying().(*types.Pointer)
	UsesOf(g.FuncDecl.Body, info, g.Obj, func(id *ast.Ident, stack []ast.Node) {
		if deferredOrAsync(stack) && capturedIn(stack, g.Obj) {
			add(id.Pos(), "the query %s is used in a deferred or concurrent function here, which can run while a producer has written Result and not returned (a panic): the converted call leaves no value to read", id.Name)
			return
		}
		if args[id] || g.Ret.returns(id) || mocks.within(id) {
			return
		}
		parent := stack[len(stack)-2]
		var addr ast.Expr
		switch p := parent.(type) {
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				addr = p
			}
		case *ast.SelectorExpr, *ast.StarExpr:
			return
		default:
			if isPtr {
				addr = id
			}
		}
		if addr == nil {
			return
		}
		// A pointer to the query handed on: fine when the statement
		// cannot keep it (a call whose results hold no pointer), as
		// decoding a request into the query does.
		up := len(stack) - 2
		if addr != ast.Expr(id) {
			up--
		}
		if call, ok := stack[up].(*ast.CallExpr); ok && ast.Unparen(call.Fun) != addr {
			if !resultsMayKeep(info, call) || pl.Index.observed[addr] {
				// An observation, if it is one, says why (observed).
				return
			}
			add(addr.Pos(), "a pointer to the query %s is passed to %s here, whose result may keep it: what reads through it later would miss Result", id.Name, calleeName(info, call))
			return
		}
		if as, ok := stack[up].(*ast.AssignStmt); ok && as.Tok == token.DEFINE && isPtr {
			for _, l := range as.Lhs {
				if l == ast.Expr(id) {
					return // the declaration itself
				}
			}
		}
		if _, ok := stack[up].(*ast.ValueSpec); ok && isPtr {
			return
		}
		if as, ok := stack[up].(*ast.AssignStmt); ok && isPtr {
			for _, l := range as.Lhs {
				if l == ast.Expr(id) {
					return // a reset of the pointer variable (otherUses)
				}
			}
		}
		add(addr.Pos(), "a pointer to the query %s is kept here: what reads through it later would miss Result", id.Name)
	})
}

// capturedIn reports whether the use at the end of stack is in a function
// literal that does not declare obj.
func capturedIn(stack []ast.Node, obj types.Object) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		if fl, ok := stack[i].(*ast.FuncLit); ok {
			return !(fl.Pos() <= obj.Pos() && obj.Pos() < fl.End())
		}
	}
	return false
}

// resultsMayKeep reports whether a result of call can hold a pointer: any
// result that is not a basic type or error.
func resultsMayKeep(info *types.Info, call *ast.CallExpr) bool {
	t := info.TypeOf(call)
	var ts []types.Type
	if tup, ok := t.(*types.Tuple); ok {
		for i := 0; i < tup.Len(); i++ {
			ts = append(ts, tup.At(i).Type())
		}
	} else if t != nil {
		ts = append(ts, t)
	}
	for _, x := range ts {
		if _, basic := x.Underlying().(*types.Basic); basic {
			continue
		}
		if cqmodel.IsError(x) {
			continue
		}
		return true
	}
	return false
}

// observed says why o, a place where a value holding a's type is seen
// whole, sees a Result the conversion removes, or "" when it cannot: the
// value is a query variable before any producer call on it (its Result is
// still zero, and nothing keeps a pointer to it), a composite literal
// that does not set Result, or a producer's parameter before it writes.
func (pl *Analyzer) observed(a *Analysis, o *observation) string {
	if o.fn != nil && o.fn.Pkg() != nil && o.fn.Pkg().Path() == "testing" {
		// t.Errorf, t.Logf: the text goes to the test log. Decision: what
		// a test observes is its outcome, which the text does not change.
		return ""
	}
	if refOnlyAssertion(o) || failureMessageArg(o) {
		return ""
	}
	what := strings.TrimPrefix(pl.Prog.Text(o.expr), "&")
	where := "the query " + what + " is " + o.how
	if call, ok := ast.Unparen(o.expr).(*ast.CallExpr); ok {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := o.Pkg.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "new" {
				return "" // a fresh zero value
			}
		}
	}
	if lit := CompositeLit(o.expr); lit != nil {
		if pl.setsResult(lit, a.Target) {
			return "a composite literal setting Result is " + o.how + " here: it would no longer carry Result"
		}
		return ""
	}
	v := rootIdent(o.expr)
	if v == nil {
		return "a value holding " + a.Target.Short + " is " + o.how + " here: where it comes from cannot be followed, and it would no longer carry Result"
	}
	obj := o.Pkg.TypesInfo.Uses[v]
	fd := o.OuterFunc()
	for _, g := range a.Groups {
		if g.Obj != obj || g.FuncDecl != fd || g.Path != "" {
			continue
		}
		if after := pl.afterCall(o, g.Calls, obj); after != nil {
			return where + " after the call of " + after.Fn.Name() + " at " + pl.Prog.ShortPos(after.Call.Pos()) + ": it would no longer carry Result"
		}
		if pointsTo(o.Pkg.TypesInfo, o.expr) && (o.call == nil || resultsMayKeep(o.Pkg.TypesInfo, o.call)) {
			return where + " before the call, which keeps a pointer to it: what reads through it after the call would miss Result"
		}
		return ""
	}
	for _, k := range a.Keys {
		m := a.Members[k]
		if m.Decl == nil || m.Decl.Decl != fd || m.Param != obj {
			continue
		}
		for _, s := range m.Sites {
			if writes(s, true) && (s.Node().Pos() < o.expr.Pos() || sameLoop(s.Stack, o.Stack)) {
				return where + " by " + FuncLabel(m.Fn) + " after it writes Result: it would no longer carry it"
			}
		}
		return ""
	}
	if pl.localOnly(o, obj, fd) || pl.zeroParam(a, o, obj, fd) {
		return ""
	}
	return where + " here: it is not a query variable passed to a producer in this function, so whether Result holds a value cannot be followed"
}

// zeroParam reports whether obj is a parameter of fd taken by value (a
// copy), never written through in fd, and fd is only ever called, with
// an argument there whose Result is zero: a literal that does not set it,
// or a local variable of the caller that stays there (localOnly) or is
// passed before any producer call on it (and its Result not named before).
func (pl *Analyzer) zeroParam(a *Analysis, o *observation, obj types.Object, fd *ast.FuncDecl) bool {
	v, ok := obj.(*types.Var)
	if !ok || fd == nil || fd.Recv != nil || v.Pos() < fd.Type.Pos() || v.Pos() >= fd.Type.End() {
		return false
	}
	if _, isPtr := v.Type().Underlying().(*types.Pointer); isPtr || assignedIn(o.Pkg.TypesInfo, fd.Body, v) {
		return false
	}
	fn, ok := o.Pkg.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	idx := -1
	sig := fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == v {
			idx = i
		}
	}
	if idx < 0 || sig.Variadic() && idx == sig.Params().Len()-1 {
		return false
	}
	zero, calls := true, 0
	usesEverywhere(pl.Prog, pl.Prog.Key(fn), func(p *packages.Package, file *ast.File, id *ast.Ident, stack []ast.Node) {
		call, ok := stack[len(stack)-2].(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != ast.Expr(id) || idx >= len(call.Args) {
			zero = false // used as a value: its callers are unknown
			return
		}
		calls++
		arg := ast.Unparen(call.Args[idx])
		if lit := CompositeLit(arg); lit != nil {
			zero = zero && !pl.holdsResultLit(lit)
			return
		}
		id2, ok := arg.(*ast.Ident)
		if !ok {
			zero = false
			return
		}
		var caller *ast.FuncDecl
		for _, n := range stack {
			if f, ok := n.(*ast.FuncDecl); ok {
				caller = f
			}
		}
		at := &observation{Site: Site{Pkg: p, File: file, Stack: stack}, expr: arg, targets: o.targets}
		vobj := p.TypesInfo.Uses[id2]
		zero = zero && caller != nil && (pl.localOnly(at, vobj, caller) || pl.beforeAnyCall(a, at, vobj, caller))
	})
	return zero && calls > 0
}

// localOnly reports whether obj, a local variable of fd given to no
// producer there, stays in fd: used only by its fields, by observations
// and, unless it is a pointer, by copies. No producer can write its Result
// then, so it is still zero where it is seen, as before any call.
func (pl *Analyzer) localOnly(o *observation, obj types.Object, fd *ast.FuncDecl) bool {
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || fd == nil || obj.Pos() < fd.Body.Pos() || obj.Pos() >= fd.Body.End() {
		return false
	}
	_, isPtr := v.Type().Underlying().(*types.Pointer)
	info := o.Pkg.TypesInfo
	stays := true
	// Its Result must be zero: no literal that sets it is assigned to it,
	// and nothing selects it.
	WithStack(fd.Body, func(n ast.Node, stack []ast.Node) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && (info.Defs[id] == obj || info.Uses[id] == obj) {
					if i >= len(n.Rhs) {
						stays = false // v, err := f(): where it comes from is unknown
					} else if lit := CompositeLit(n.Rhs[i]); lit == nil || pl.holdsResultLit(lit) {
						stays = false
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] == obj && i < len(n.Values) {
					if lit := CompositeLit(n.Values[i]); lit == nil || pl.holdsResultLit(lit) {
						stays = false
					}
				}
			}
		}
	})
	UsesOf(fd.Body, info, obj, func(id *ast.Ident, stack []ast.Node) {
		parent := stack[len(stack)-2]
		switch p := parent.(type) {
		case *ast.SelectorExpr:
			if p.X == id {
				if sel := info.Selections[p]; sel != nil && pl.Index.ByField[pl.Prog.Key(sel.Obj())] != nil {
					stays = false // its Result
				}
				return
			}
		case *ast.UnaryExpr:
			if p.Op == token.AND && pl.Index.observed[p] {
				return
			}
		}
		if pl.Index.observed[id] || !isPtr && !isAddr(parent, id) {
			return
		}
		stays = false
	})
	return stays
}

func isAddr(parent ast.Node, id *ast.Ident) bool {
	u, ok := parent.(*ast.UnaryExpr)
	return ok && u.Op == token.AND && u.X == ast.Expr(id)
}

// failureMessageArg reports whether o is one of a testify assertion's
// msgAndArgs, which only format its failure message: the test's log, as
// with t.Errorf.
func failureMessageArg(o *observation) bool {
	if o.fn == nil || o.fn.Pkg() == nil || o.call == nil {
		return false
	}
	switch o.fn.Pkg().Path() {
	case "github.com/stretchr/testify/assert", "github.com/stretchr/testify/require":
	default:
		return false
	}
	sig := o.fn.Type().(*types.Signature)
	if !sig.Variadic() {
		return false
	}
	last := sig.Params().Len() - 1
	name := sig.Params().At(last).Name()
	if name != "msgAndArgs" && !(name == "args" && last > 0 && sig.Params().At(last-1).Name() == "msg") {
		return false
	}
	for i, a := range o.call.Args {
		if a == o.expr && i >= last {
			return true
		}
	}
	return false
}

// refOnlyAssertion reports whether o is an argument of a testify
// assertion whose outcome depends on the reference alone, not on the
// fields it leads to: Nil and NotNil of a pointer, Len of a collection,
// Empty and NotEmpty of a slice or map.
func refOnlyAssertion(o *observation) bool {
	if o.fn == nil || o.fn.Pkg() == nil {
		return false
	}
	switch o.fn.Pkg().Path() {
	case "github.com/stretchr/testify/assert", "github.com/stretchr/testify/require":
	default:
		return false
	}
	name := strings.TrimSuffix(o.fn.Name(), "f")
	t := o.Pkg.TypesInfo.TypeOf(o.expr)
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer:
		return name == "Nil" || name == "NotNil"
	case *types.Slice, *types.Map:
		return name == "Len" || name == "Empty" || name == "NotEmpty" || name == "Nil" || name == "NotNil"
	}
	return false
}

// holdsResultLit reports whether lit, or a literal inside it, sets the
// Result of any target.
func (pl *Analyzer) holdsResultLit(lit *ast.CompositeLit) bool {
	for _, s := range pl.Index.Literals {
		if Contains(lit, s.Node()) {
			return true
		}
	}
	return false
}

// setsResult reports whether lit, or a literal inside it, sets t's Result.
func (pl *Analyzer) setsResult(lit *ast.CompositeLit, t *Target) bool {
	for _, s := range pl.Index.Literals {
		if Contains(lit, s.Node()) && pl.Index.ByField[s.Field] == t {
			return true
		}
	}
	return false
}

// beforeAnyCall reports whether the value at o, the local query obj of
// fd, is taken before any producer call on it (none earlier, none in a
// loop around it), and its Result is not named before it.
func (pl *Analyzer) beforeAnyCall(a *Analysis, o *observation, obj types.Object, fd *ast.FuncDecl) bool {
	v, ok := obj.(*types.Var)
	if !ok || v.Pos() < fd.Body.Pos() || v.Pos() >= fd.Body.End() {
		return false
	}
	for _, g := range a.Groups {
		if g.Obj == obj && g.FuncDecl == fd && g.Path == "" && pl.afterCall(o, g.Calls, obj) == nil {
			for _, s := range pl.Index.resultsOf[a.Target] {
				if s.Node().Pos() < o.expr.Pos() && rootIdent(s.Node().(*ast.SelectorExpr).X) != nil && o.Pkg.TypesInfo.Uses[rootIdent(s.Node().(*ast.SelectorExpr).X)] == obj {
					return false
				}
			}
			return true
		}
	}
	return false
}

// afterCall returns a call of calls the observation can follow: one
// earlier in the source, or in a loop around both.
func (pl *Analyzer) afterCall(o *observation, calls []*CallSite, obj types.Object) *CallSite {
	for _, c := range calls {
		if c.Call.End() <= o.expr.Pos() {
			return c
		}
		if loop := loopAround(o.Stack, obj); loop != nil && Contains(loop, c.Call) {
			return c
		}
	}
	return nil
}

// sameLoop reports whether the nodes at the ends of x and y share a loop.
func sameLoop(x, y []ast.Node) bool {
	for _, n := range x {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			for _, m := range y {
				if m == n {
					return true
				}
			}
		}
	}
	return false
}

// pointsTo reports whether e, a query variable or its address, is a
// pointer to the query (not a copy of it).
func pointsTo(info *types.Info, e ast.Expr) bool {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return true
	}
	_, ok := info.TypeOf(e).Underlying().(*types.Pointer)
	return ok
}

// regions are source ranges.
type regions []ast.Node

func (r regions) within(n ast.Node) bool {
	for _, x := range r {
		if Contains(x, n) {
			return true
		}
	}
	return false
}

// mockRegions are where a testify mock's own flows are: its methods'
// bodies (Called takes every argument as any) and its expectations' calls
// (On and the expecter's methods take them as any too). The mock emitter
// rewrites both for the members; the arguments they hold are matched at
// the call, before any producer writes Result. A mock of an interface the
// conversion does not change is the same library at work: its calls are
// matched the same way.
func (pl *Analyzer) mockRegions(a *Analysis) regions {
	if pl.mockBodies == nil {
		pl.mockBodies = regions{}
		for _, f := range pl.Index.funcs { // order does not matter: a set of ranges
			if fam, _ := familyOf(f); fam != nil {
				pl.mockBodies = append(pl.mockBodies, f.Decl)
			}
		}
	}
	out := append(regions(nil), pl.mockBodies...)
	for _, k := range a.Keys {
		if m := a.Members[k]; m.Double() && m.Decl != nil {
			out = append(out, m.Decl.Decl)
		}
	}
	for _, s := range pl.Index.mockCalls {
		out = append(out, s.Node())
	}
	return out
}
