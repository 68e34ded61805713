package refactor

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/generator"
	"github.com/cqtools/cq/refactor/program"
)

// An analysis is what planning learns about one type before it edits
// anything: its members, the calls of them grouped by function and query
// variable, the Result accesses of each, the types it is linked to, and
// every refusal found, in the order found. Once analyze returns it is not
// changed: an emitter (emit.go) turns it into edits, and may add refusals
// of its own to its output, never to the analysis.
type analysis struct {
	t       *Target
	members map[program.Key]*member
	keys    []program.Key // of members, sorted
	form    form
	groups  []*callGroup
	calls   int // calls of the members
	// links are the types whose Result is copied into this one's.
	links []*Target
	// adapters are the members handed to a generated Legacy adapter, and
	// adapterLinked the other types that adapter serves.
	adapters      []*adapterUse
	adapterLinked []*Target
	// expects are the expectations of the testify mock members.
	expects []*expectation
	// litWrites are Result writes through the parameter of a function
	// literal: refused unless an expectation converts the literal.
	litWrites []*site
	// funcFields are the func-typed fields the members forward to, and
	// fieldForwards those forwarding calls.
	funcFields    []*funcField
	fieldForwards map[*ast.CallExpr]bool
	// deadKeys are the Result keys of composite literals that go: no
	// producer reads what they set.
	deadKeys []*site
	// sameWrites are, in the same-value form, the `q.Result = x`
	// statements that go.
	sameWrites []ast.Stmt
	// zeroReads are reads of the Result of a local query that nothing
	// sets: they become the zero value (zeroread.go).
	zeroReads []*site
	zeroDecls []ast.Stmt // declarations of variables only zero reads use
	// writes is what the members' bodies show of Result (writes.go).
	writes   *writeSummary
	refusals []*Refusal
}

// form is how a type converts.
type form int

const (
	formConvert   form = iota // producers return (U, error) instead of setting Result
	formSameValue             // producers already return the value Result gets
	formDelete                // nothing reads or writes Result: the field goes
)

// member is a function, method or interface method whose signature
// changes with the type.
type member struct {
	key   program.Key
	fn    *types.Func
	decl  *funcInfo // nil for an interface method or a method without syntax
	param *types.Var
	iface bool
	// sameValue: it already returns (U, error) and sets Result too.
	sameValue bool
	// workVar: a same-value member that returns its Result field itself,
	// which a local variable replaces throughout its body (workvar.go).
	workVar bool
	// sites are the Result accesses through param in the body.
	sites []*site
	// hoist: a return's expression could change the result variable (a
	// write in a closure, or &q.Result given away).
	hoist bool
	// mock: a testify mock method, rewritten whole.
	mock *mockMethod
}

// hasErr reports whether the member returns an error (else nothing).
func (m *member) hasErr() bool { return m.fn.Type().(*types.Signature).Results().Len() == 1 }

// A callGroup is the calls of a type's members made in one function with
// one query variable (obj nil: with composite literals).
type callGroup struct {
	fd    *ast.FuncDecl
	obj   types.Object
	path  string      // the query is the field path (tt.query) rooted at obj
	calls []*callSite // in source order
	// fwd is the producer whose query parameter obj is: the calls forward
	// the query.
	fwd *member
	// reads are obj's Result selectors in fd (none for a forward), in
	// source order; resets are its whole assignments after the first
	// call; written: a read is a write.
	reads   []*site
	resets  []token.Pos
	written bool
	// ret: fd returns the query to callers that read only its Result,
	// and returns the value instead (returnsquery.go).
	ret *returner
}

func (a *analysis) refuse(prog *program.Program, pos token.Pos, format string, args ...any) {
	a.refusals = append(a.refusals, &Refusal{Type: a.t.Short, Reason: fmt.Sprintf(format, args...), Pos: prog.Position(pos)})
}

// analyze describes the conversion of t. It goes on after a refusal
// while what the later checks read is whole (so --dry-run can list every
// reason), and stops at one that leaves nothing sound to look at further:
// members it could not describe, or an incomplete set of calls or func
// fields.
func (pl *planner) analyze(t *Target) (a *analysis) {
	prog, ix := pl.prog, pl.ix
	a = &analysis{t: t}
	defer func() {
		// A shape the planner mishandles refuses its type, not the run.
		if r := recover(); r != nil {
			a.refusals = []*Refusal{{Type: t.Short, Reason: fmt.Sprintf("internal error while planning (please report): %v", r), Pos: prog.Position(t.obj.Pos())}}
		}
	}()
	if !prog.IsMain(t.pkg) {
		mod := "std"
		if t.pkg.Module != nil {
			mod = t.pkg.Module.Path
		}
		a.refuse(prog, t.obj.Pos(), "declared in a dependency (module %s): cqgen refactor edits only the main modules", mod)
		return a
	}
	if t.node == nil || len(t.node.Names) != 1 {
		a.refuse(prog, t.obj.Pos(), "the Result field is declared together with other fields")
		return a
	}
	if !pl.findMembers(a) {
		return a // refused, or a dead field (formDelete)
	}
	before := len(a.refusals)
	pl.checkMembers(a)
	membersWhole := len(a.refusals) == before // else a parameter or a body may be missing
	a.writes = pl.writeSummaryOf(a)
	// Function literals with the type as parameter that implement nothing
	// we change are fine; ones used as handlers are caught as values below.
	for _, v := range ix.values {
		if a.members[v.callee] == nil {
			continue
		}
		if use, isAdapter := pl.analyzeAdapter(a, v); !isAdapter {
			a.refuse(prog, v.node().Pos(), "%s is used as a value (a method value, or registered on a bus), so its signature is not ours to change", v.fn.Name())
		} else if use != nil {
			a.adapters = append(a.adapters, use)
		}
	}
	// A literal's Result is an input; it is dead, and goes, when every
	// producer writes Result before it could read it, and, where the
	// caller reads it back, writes it before returning.
	var inputFree, alwaysWrites map[program.Key]bool
	for _, s := range ix.literals {
		if ix.byField[s.field] != t {
			continue
		}
		if inputFree == nil {
			inputFree, alwaysWrites = pl.inputFree(a)
		}
		if m := firstNot(inputFree, a.members, a.keys); m != nil {
			a.refuse(prog, s.node().Pos(), "a composite literal sets Result that %s may read before writing it (Result as an input)", funcLabel(m.fn))
			continue
		}
		if m := firstNotBody(alwaysWrites, a.members, a.keys); m != nil && pl.literalReadBack(t, s) {
			a.refuse(prog, s.node().Pos(), "a composite literal sets Result, which is read after the call, and %s may return without writing it (Result as an input)", funcLabel(m.fn))
			continue
		}
		if hasEffects(s.node().(*ast.KeyValueExpr).Value) {
			a.refuse(prog, s.node().Pos(), "a composite literal sets Result with a value that has effects (a call or a receive)")
			continue
		}
		a.deadKeys = append(a.deadKeys, s)
	}
	if !membersWhole {
		return a
	}
	same := 0
	for _, k := range a.keys {
		if a.members[k].sameValue {
			same++
		}
	}
	switch {
	case same == len(a.keys):
		a.form = formSameValue
		if !pl.checkSameValue(a) {
			return a
		}
	case same > 0:
		for _, k := range a.keys {
			if m := a.members[k]; m.sameValue {
				a.refuse(prog, m.fn.Pos(), "%s already returns a value and also sets Result (half-migrated), while other producers do not", m.fn.Name())
				return a
			}
		}
	default:
		a.links = pl.links(t)
		// A producer's body refused leaves the members whole: go on.
		pl.checkProducers(a)
		if !pl.analyzeFuncFields(a) {
			return a
		}
	}
	if pl.groupCalls(a) {
		for _, e := range pl.escapes(a) {
			a.refuse(prog, e.pos, "%s", e.reason)
		}
		before := len(a.refusals)
		pl.analyzeMocks(a)
		if len(a.refusals) == before {
			pl.checkClaimed(a) // needs every expectation's accesses
		}
	}
	return a
}

// findMembers collects the producers (functions writing the Result of
// their query parameter), the forwarders, the interface methods they
// implement and the other implementations of those, to a fixed point.
func (pl *planner) findMembers(a *analysis) bool {
	prog, ix, t := pl.prog, pl.ix, a.t
	members := map[program.Key]*member{}
	add := func(k program.Key) bool {
		if members[k] != nil {
			return false
		}
		m := &member{key: k}
		if fi := ix.funcs[k]; fi != nil {
			m.fn, m.decl = fi.obj, fi
		} else if fn := ix.ifaceMethods[k]; fn != nil {
			m.fn, m.iface = fn, true
		} else {
			return false
		}
		members[k] = m
		return true
	}
	// Seeds: functions writing the Result of a target parameter.
	for _, s := range ix.resultsOf[t] {
		sel := s.node().(*ast.SelectorExpr)
		if !isWrite(s) {
			continue
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			continue
		}
		fn := declaringFunc(s.stack, s.pkg.TypesInfo, s.pkg.TypesInfo.Uses[id])
		if fn == nil {
			continue // judged with the callers
		}
		switch fn := fn.(type) {
		case *ast.FuncLit:
			a.litWrites = append(a.litWrites, s)
		case *ast.FuncDecl:
			add(prog.Key(s.pkg.TypesInfo.Defs[fn.Name]))
		}
	}
	if len(members) == 0 && len(a.litWrites) > 0 {
		refuseLitWrite(prog, a, a.litWrites[0])
		return false
	}
	callerOnly := map[program.Key]bool{} // staysCaller, by function
	for changed := true; changed; {
		changed = false
		for _, c := range ix.calls {
			if members[c.callee] == nil {
				continue
			}
			arg := pl.queryArg(c)
			if arg == nil {
				continue
			}
			v := rootIdent(arg)
			if v == nil {
				continue
			}
			if fn := declaringFunc(c.stack, c.pkg.TypesInfo, c.pkg.TypesInfo.Uses[v]); fn != nil {
				if fd, ok := fn.(*ast.FuncDecl); ok {
					fk := prog.Key(c.pkg.TypesInfo.Defs[fd.Name])
					if members[fk] == nil {
						stays, known := callerOnly[fk]
						if !known {
							stays = pl.staysCaller(t, fd, fk, c.pkg.TypesInfo.Uses[v])
							callerOnly[fk] = stays
						}
						if stays {
							continue
						}
					}
					changed = add(fk) || changed
				} else {
					a.refuse(prog, c.call.Pos(), "a function literal forwards the query to a producer: its signature cannot change with the others")
					return false
				}
			}
		}
		for im, impls := range ix.implOf {
			if ix.targetOfMethod(prog, ix.ifaceMethods[im]) != t {
				continue
			}
			in := members[im] != nil
			for _, k := range impls {
				if members[k] != nil {
					in = true
				}
			}
			if !in {
				continue
			}
			changed = add(im) || changed
			for _, k := range impls {
				if ix.funcs[k] == nil && ix.ifaceMethods[k] == nil {
					a.refuse(prog, ix.ifaceMethods[im].Pos(), "%s is implemented by %s, whose source is not in the loaded packages", ix.ifaceMethods[im].Name(), ix.implDecl[k].Obj().Name())
					return false
				}
				changed = add(k) || changed
			}
		}
	}
	if len(members) == 0 {
		pl.noProducer(a)
		return false
	}
	a.members = members
	for k := range members {
		a.keys = append(a.keys, k)
	}
	sort.Slice(a.keys, func(i, j int) bool { return a.keys[i] < a.keys[j] })
	return true
}

// noProducer judges a type that nothing produces: a field nothing reads
// or writes is dead and goes (with its keys in composite literals); one
// that is read but never written always reads the zero value, and one
// written only outside a producer is an input: both are refused.
func (pl *planner) noProducer(a *analysis) {
	prog, t := pl.prog, a.t
	sites := pl.ix.resultsOf[t]
	if len(sites) == 0 {
		a.form = formDelete
		for _, s := range pl.ix.literals {
			if pl.ix.byField[s.field] != t {
				continue
			}
			if kv := s.node().(*ast.KeyValueExpr); hasEffects(kv.Value) {
				a.refuse(prog, kv.Pos(), "a composite literal sets Result, which nothing reads, with a value that has effects (a call or a receive): deleting it would drop them")
			}
		}
		return
	}
	for _, s := range sites {
		if isWrite(s) {
			a.refuse(prog, t.node.Pos(), "no function or method writes Result")
			return
		}
	}
	a.refuse(prog, sites[0].node().Pos(), "Result is read but never written: always the zero value")
}

// hasEffects reports whether evaluating e could do more than compute a
// value: a call or a channel receive.
func hasEffects(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			found = true
		case *ast.UnaryExpr:
			found = found || n.Op == token.ARROW
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

func refuseLitWrite(prog *program.Program, a *analysis, s *site) {
	a.refuse(prog, s.node().Pos(), "a function literal writes Result (a bus handler or a stub?): its signature cannot change with the others")
}

// checkMembers checks each member's signature and records its query
// parameter and form.
func (pl *planner) checkMembers(a *analysis) {
	prog, ix, t := pl.prog, pl.ix, a.t
	for _, k := range a.keys {
		m := a.members[k]
		sig := m.fn.Type().(*types.Signature)
		var qparams []*types.Var
		for i := 0; i < sig.Params().Len(); i++ {
			if ix.targetOf(prog, sig.Params().At(i).Type()) != nil {
				qparams = append(qparams, sig.Params().At(i))
			}
		}
		if len(qparams) != 1 || ix.targetOf(prog, qparams[0].Type()) != t {
			a.refuse(prog, m.fn.Pos(), "%s takes more than one command or query", m.fn.Name())
			continue
		}
		m.param = qparams[0]
		switch res := sig.Results(); {
		case res.Len() == 1 && cqmodel.IsError(res.At(0).Type()):
		case res.Len() == 0:
		case res.Len() == 2 && cqmodel.IsError(res.At(1).Type()) && types.TypeString(res.At(0).Type(), nil) == types.TypeString(resultType(t), nil):
			m.sameValue = true // checked in checkSameValue
		default:
			if m.decl != nil && !anyWrite(pl.paramSites(m)) {
				a.refuse(prog, m.fn.Pos(), "%s passes the query on to a producer and already returns another value, while a caller, an interface or a value use could read the Result it leaves (a half-migrated forwarder)", m.fn.Name())
				continue
			}
			a.refuse(prog, m.fn.Pos(), "%s already returns a value and also sets Result (half-migrated)", m.fn.Name())
			continue
		}
		if sig.Results().Len() == 1 && sig.Results().At(0).Name() != "" {
			a.refuse(prog, m.fn.Pos(), "%s has a named result", m.fn.Name())
		}
		if !m.iface && m.decl == nil {
			a.refuse(prog, m.fn.Pos(), "%s has no body in the loaded packages", m.fn.Name())
		}
		if m.decl != nil {
			m.sites = pl.paramSites(m)
			// Hand-written fakes are producers like any other; testify
			// mocks are rewritten whole (mock.go).
			if recv := sig.Recv(); recv != nil {
				// One that already returns the value (U, error) stays.
				if named, ok := types.Unalias(derefT(recv.Type())).(*types.Named); ok && embedsTestifyMock(named) && !m.sameValue && callsCalled(m.decl) {
					pl.checkMockMethod(a, m)
				}
			}
		}
	}
}

// paramSites are the Result accesses through m's query parameter in its
// body.
func (pl *planner) paramSites(m *member) []*site {
	var out []*site
	fd, info := m.decl.decl, m.decl.pkg.TypesInfo
	for _, s := range pl.ix.resultsOf[pl.ix.targetOf(pl.prog, m.param.Type())] {
		if s.outerFunc() != fd || s.pkg != m.decl.pkg {
			continue
		}
		if id, ok := ast.Unparen(s.node().(*ast.SelectorExpr).X).(*ast.Ident); ok && info.Uses[id] == m.param {
			out = append(out, s)
		}
	}
	return out
}

// links are the other types whose Result is assigned t's.
func (pl *planner) links(t *Target) []*Target {
	var out []*Target
	for _, s := range pl.ix.resultsOf[t] {
		if as, ok := s.parent(1).(*ast.AssignStmt); ok && !isWrite(s) {
			for _, l := range as.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
					if selection := s.pkg.TypesInfo.Selections[sel]; selection != nil {
						if o := pl.ix.byField[pl.prog.Key(selection.Obj())]; o != nil && o != t {
							out = append(out, o)
						}
					}
				}
			}
		}
	}
	return out
}

// checkProducers checks the bodies of the producers of the conversion
// form: the value the result variable holds at each return must be the
// one Result held. It refuses each producer that fails, at its first
// failure.
func (pl *planner) checkProducers(a *analysis) bool {
	prog := pl.prog
	ok := true
members:
	for _, k := range a.keys {
		m := a.members[k]
		if m.iface || m.mock != nil {
			continue
		}
		fd, info := m.decl.decl, m.decl.pkg.TypesInfo
		var written []*site
		for _, s := range m.sites {
			if !isWrite(s) {
				continue
			}
			sel := s.node()
			if deferredOrAsync(s.stack) {
				a.refuse(prog, sel.Pos(), "%s writes Result in a deferred function or a goroutine, after it returns its values: the value returned would not be the one written", fd.Name.Name)
				ok = false
				continue members
			}
			if _, ok := s.parent(1).(*ast.UnaryExpr); ok {
				m.hoist = true
			}
			if fn, _, _ := enclosingFunc(s.stack); fn != ast.Node(fd) {
				m.hoist = true
			}
			written = append(written, s)
		}
		// A forward to a member after a write would let the callee see the
		// value written; another function reading the field is refused
		// with its read (checkClaimed).
		for _, c := range pl.ix.calls {
			if c.outerFunc() != fd || a.members[c.callee] == nil {
				continue
			}
			if v := rootIdent(pl.queryArg(c)); v == nil || info.Uses[v] != m.param {
				continue
			}
			if fn, _, _ := enclosingFunc(c.stack); fn != ast.Node(fd) {
				// A forward in a closure assigns the result variable
				// there: `return result, f(...)` would read it in an
				// order the language leaves open.
				m.hoist = true
			}
			for _, s := range written {
				if precedesCall(s, []*callSite{c}) && writeReaches(fd, s, c.call) {
					a.refuse(prog, c.call.Pos(), "%s passes the query on to %s after writing its Result at line %d (Result used as a working variable)", fd.Name.Name, c.fn.Name(), prog.At(s.node().Pos()).Line)
					ok = false
					continue members
				}
			}
		}
		if m.hasErr() {
			var bad ast.Node
			returnsIn(fd.Body, func(r *ast.ReturnStmt) {
				if len(r.Results) != 1 && bad == nil {
					bad = r
				}
			})
			if bad != nil {
				a.refuse(prog, bad.Pos(), "unexpected return statement")
				ok = false
			}
		}
	}
	return ok
}

// groupCalls groups the calls of the members by function and query
// variable, with the Result reads each group must follow. A call or a
// group it refuses is left out and the others are looked at, so that each
// reason is found; it reports whether none was refused.
func (pl *planner) groupCalls(a *analysis) bool {
	prog, ix, t := pl.prog, pl.ix, a.t
	ok := true
	type varKey struct {
		fd   *ast.FuncDecl
		obj  types.Object
		path string
	}
	byVar := map[varKey]*callGroup{}
	for _, c := range ix.calls {
		if a.members[c.callee] == nil {
			continue
		}
		a.calls++
		fd := c.outerFunc()
		if fd == nil {
			a.refuse(prog, c.call.Pos(), "%s is called outside a function", c.fn.Name())
			ok = false
			continue
		}
		arg := pl.queryArg(c)
		if arg == nil {
			a.refuse(prog, c.call.Pos(), "the call of %s has no query argument", c.fn.Name())
			ok = false
			continue
		}
		var obj types.Object
		path := ""
		if lit := compositeLit(arg); lit == nil {
			v := rootIdent(arg)
			if v == nil {
				v, path = fieldPath(c.pkg.TypesInfo, arg)
			}
			if v == nil {
				a.refuse(prog, arg.Pos(), "the query passed to %s is not a variable, so its Result reads cannot be followed", c.fn.Name())
				ok = false
				continue
			}
			obj = c.pkg.TypesInfo.Uses[v]
		}
		vk := varKey{fd, obj, path}
		g := byVar[vk]
		if g == nil {
			g = &callGroup{fd: fd, obj: obj, path: path}
			byVar[vk] = g
			a.groups = append(a.groups, g)
		}
		g.calls = append(g.calls, c)
	}
	var inputFree, alwaysWrites map[program.Key]bool
groups:
	for _, g := range a.groups {
		sort.Slice(g.calls, func(i, j int) bool { return g.calls[i].call.Pos() < g.calls[j].call.Pos() })
		if g.obj == nil {
			continue
		}
		if g.path == "" {
			if g.fwd = a.producerOf(g.fd, g.obj); g.fwd != nil {
				continue
			}
		}
		if v, ok := g.obj.(*types.Var); !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
			a.refuse(prog, g.calls[0].call.Pos(), "the query passed to %s is not a local variable", g.calls[0].fn.Name())
			ok = false
			continue
		}
		if g.path == "" {
			g.reads = pl.readsOf(t, g.fd, g.obj)
		} else {
			g.reads = pl.pathReads(t, g.fd, g.obj, g.path)
			if bad := pathOtherUse(g.calls, g.fd, g.obj, g.path, pl.queryArg); bad.IsValid() {
				a.refuse(prog, bad, "the query %s is used here other than as a producer's argument or a field access: its Result could be read or set behind the rewrite's back", g.path)
				ok = false
				continue
			}
		}
		for _, r := range g.reads {
			if !writesField(r) {
				continue
			}
			g.written = true
			if a.form == formSameValue {
				a.refuse(prog, r.node().Pos(), "Result is written outside a producer")
				ok = false
				continue groups
			}
			if !precedesCall(r, g.calls) {
				continue // a write after the last call is no input
			}
			if inputFree == nil {
				inputFree, alwaysWrites = pl.inputFree(a)
			}
			if m := firstNot(inputFree, a.members, a.keys); m != nil {
				a.refuse(prog, r.node().Pos(), "Result is an input: a caller writes it here and %s may read it before writing it", funcLabel(m.fn))
				ok = false
				continue groups
			}
			if m := firstNotBody(alwaysWrites, a.members, a.keys); m != nil && readAfterCall(g.reads, g.calls) && !pl.readBackSafe(a, alwaysWrites, g.reads, g.calls) {
				a.refuse(prog, r.node().Pos(), "Result is an input: a caller writes it here, reads it after the call, and %s may return without writing it", funcLabel(m.fn))
				return false
			}
		}
		rt, retWhy := pl.returnsQuery(a, g)
		g.ret = rt
		if len(g.reads) > 0 {
			var bad token.Pos
			g.resets, bad = pl.otherUses(g.calls, g.fd, g.obj, rt)
			if bad.IsValid() && retWhy != "" && inReturn(g.calls[0].file, bad) {
				a.refuse(prog, bad, "%s returns the query to its callers, and cannot return its value instead: %s", g.fd.Name.Name, retWhy)
				ok = false
			} else if bad.IsValid() {
				a.refuse(prog, bad, "the query variable %s is used here other than as a producer's argument or a field access (after a call, or before one that a read precedes): its Result could be read or set behind the rewrite's back", g.obj.Name())
				ok = false
			}
		}
	}
	return ok
}

// writesField reports whether the Result selector at s writes the field
// itself (or a part of it held by value): a write through it to memory
// it points to (q.Result.Name = x with a pointer Result, q.Result[k] = v
// with a map) changes what the value refers to, which the returned value
// refers to as well.
func writesField(s *site) bool { return writes(s, true) }

// precedesCall reports whether a call of calls can run after the access
// at s: one later in the source, or one in a loop around s.
func precedesCall(s *site, calls []*callSite) bool {
	for _, c := range calls {
		if c.call.Pos() > s.node().Pos() {
			return true
		}
	}
	for _, n := range s.stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			for _, c := range calls {
				if contains(n, c.call) {
					return true
				}
			}
		}
	}
	return false
}

// checkClaimed refuses the type when a Result access is neither a
// member's access through its parameter nor a read of a call group, but
// for those in cqgen's generated files, which regenerate writes again.
func (pl *planner) checkClaimed(a *analysis) {
	prog := pl.prog
	claimed := map[*site]bool{}
	for _, m := range a.members {
		for _, s := range m.sites {
			claimed[s] = true
		}
	}
	for _, g := range a.groups {
		for _, r := range g.reads {
			claimed[r] = true
		}
	}
	for _, x := range a.expects {
		for _, s := range x.sites {
			claimed[s] = true
		}
	}
	for _, ff := range a.funcFields {
		for _, l := range ff.lits {
			for _, s := range l.sites {
				claimed[s] = true
			}
		}
	}
	for _, g := range a.groups {
		if g.ret != nil {
			for _, c := range g.ret.callers {
				for _, s := range c.sites {
					claimed[s] = true
				}
			}
		}
	}
	for _, s := range a.litWrites {
		if !claimed[s] {
			refuseLitWrite(prog, a, s)
			return
		}
	}
	for _, s := range pl.ix.resultsOf[a.t] {
		if ok, decl := pl.zeroRead(s); !claimed[s] && ok {
			a.zeroReads = append(a.zeroReads, s)
			if decl != nil && !slices.Contains(a.zeroDecls, decl) {
				a.zeroDecls = append(a.zeroDecls, decl)
			}
			continue
		}
		if !claimed[s] && !generator.IsGenerated(prog.Source(prog.At(s.node().Pos()).Filename)) {
			x := s.node().(*ast.SelectorExpr).X
			if v, ok := s.pkg.TypesInfo.Uses[rootIdent(x)].(*types.Var); ok && v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField() {
				a.refuse(prog, s.node().Pos(), "the Result of %s is used here, and %s is given to no producer this conversion rewrites, so where its value comes from cannot be followed (a call through an interface or a function value that is not rewritten, or a helper reading a working Result)", prog.Text(x), v.Name())
				return
			}
			a.refuse(prog, s.node().Pos(), "Result is used through %s, which is neither a producer's parameter nor a local query variable (a helper reading a working Result?)", prog.Text(x))
			return
		}
	}
}

// producerOf is the member declared by fd whose query parameter is obj,
// or nil.
func (a *analysis) producerOf(fd *ast.FuncDecl, obj types.Object) *member {
	for _, m := range a.members {
		if m.decl != nil && m.decl.decl == fd {
			if m.param == obj {
				return m
			}
			return nil
		}
	}
	return nil
}

// isForward reports whether call passes m's query parameter to a member
// or to a func-typed field that changes with them.
func (a *analysis) isForward(pl *planner, m *member, call *ast.CallExpr) bool {
	if a.fieldForwards[call] {
		return true
	}
	for _, c := range pl.ix.calls {
		if c.call == call {
			if v := rootIdent(pl.queryArg(c)); v != nil && c.pkg.TypesInfo.Uses[v] == m.param {
				return a.members[c.callee] != nil
			}
		}
	}
	return false
}

// hasForwardNotReturned reports whether fd passes m's query parameter on
// to a member of a other than as `return f(ctx, q)`. A function that is
// no member (a validator taking the query) returns nothing to keep.
func (pl *planner) hasForwardNotReturned(a *analysis, m *member, fd *ast.FuncDecl) bool {
	for _, c := range pl.ix.calls {
		if c.outerFunc() != fd || a.members[c.callee] == nil {
			continue
		}
		if v := rootIdent(pl.queryArg(c)); v != nil && c.pkg.TypesInfo.Uses[v] == m.param {
			if r, ok := c.parent(1).(*ast.ReturnStmt); ok {
				if fn, _, _ := enclosingFunc(c.stack); fn == ast.Node(fd) && len(r.Results) == 1 {
					continue
				}
			}
			return true
		}
	}
	return false
}

// readsOf returns the Result selectors of the variable obj in fd.
func (pl *planner) readsOf(t *Target, fd *ast.FuncDecl, obj types.Object) []*site {
	var out []*site
	for _, s := range pl.ix.resultsOf[t] {
		if s.outerFunc() != fd {
			continue
		}
		if id, ok := ast.Unparen(s.node().(*ast.SelectorExpr).X).(*ast.Ident); ok && s.pkg.TypesInfo.Uses[id] == obj {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].node().Pos() < out[j].node().Pos() })
	return out
}

// otherUses looks at the uses of obj in fd that are neither a field
// selection nor the query argument of one of calls. Those before the first
// call (outside a loop holding a call), such as decoding a request into the
// query, are fine; whole assignments after it are returned as resets; any
// other use after it is returned as bad.
func (pl *planner) otherUses(calls []*callSite, fd *ast.FuncDecl, obj types.Object, rt *returner) (resets []token.Pos, bad token.Pos) {
	info := calls[0].pkg.TypesInfo
	args := map[*ast.Ident]bool{}
	first := calls[0].call.Pos()
	for _, c := range calls {
		if v := rootIdent(pl.queryArg(c)); v != nil {
			args[v] = true
		}
		if c.call.Pos() < first {
			first = c.call.Pos()
		}
	}
	var early []token.Pos
	defer func() {
		// A read before the first call would see what an early use (a
		// decoder, a bus) put there; the rewrite cannot follow that.
		if len(early) > 0 && !bad.IsValid() {
			for _, r := range pl.readsOf(pl.ix.targetOf(pl.prog, obj.Type()), fd, obj) {
				if r.node().Pos() < first && !isWrite(r) {
					bad = early[0]
				}
			}
		}
	}()
	usesOf(fd.Body, info, obj, func(id *ast.Ident, stack []ast.Node) {
		if args[id] || bad.IsValid() || rt.returns(id) {
			return
		}
		parent := stack[len(stack)-2]
		if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == id {
			return
		}
		if u, ok := parent.(*ast.UnaryExpr); pl.ix.observed[id] || ok && u.Op == token.AND && pl.ix.observed[u] {
			return // seen whole: the flow analysis decides (flow.go)
		}
		late := id.Pos() > first
		for _, a := range stack {
			switch a.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				for _, c := range calls {
					if contains(a, c.call) {
						late = true
					}
				}
			}
		}
		if !late {
			early = append(early, id.Pos())
			return
		}
		if as, ok := parent.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for _, l := range as.Lhs {
				if l == ast.Expr(id) {
					resets = append(resets, id.Pos())
					return
				}
			}
		}
		bad = id.Pos()
	})
	return resets, bad
}

// usesOf calls f for each use of obj under root, with the nodes from
// root down to it.
func usesOf(root ast.Node, info *types.Info, obj types.Object, f func(id *ast.Ident, stack []ast.Node)) {
	withStack(root, func(n ast.Node, stack []ast.Node) {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			f(id, stack)
		}
	})
}

// withStack calls f for each node under root, with the nodes from root
// down to it.
func withStack(root ast.Node, f func(n ast.Node, stack []ast.Node)) {
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		f(n, stack)
		return true
	})
}

// logNames are the methods of logging packages (log, Grafana's log,
// logrus, zap's sugar) that format their variadic arguments.
var logNames = []string{"Print", "Printf", "Println", "Debug", "Debugf", "Info", "Infof", "Warn", "Warnf",
	"Error", "Errorf", "Crit", "Fatal", "Fatalf", "Panic", "Panicf", "Log", "Logf", "Skip", "Skipf"}

// isFormatting reports whether call only formats arg into text: a
// function of fmt, log, log/slog or testing (t.Errorf), or a logging
// method that takes arg among its variadic arguments.
func isFormatting(info *types.Info, call *ast.CallExpr, arg ast.Expr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if !sig.Variadic() || call.Ellipsis.IsValid() {
		return false
	}
	variadicArg := false
	for i, x := range call.Args {
		if x == arg && i >= sig.Params().Len()-1 {
			variadicArg = true
		}
	}
	if !variadicArg {
		return false
	}
	switch fn.Pkg().Path() {
	case "fmt", "log", "log/slog", "testing":
		return true
	}
	return sig.Recv() != nil && slices.Contains(logNames, fn.Name())
}

// inputFree returns, by member, whether it never reads a Result value its
// caller put in the query, and whether it writes Result on every return
// (the write summary, writes.go).
func (pl *planner) inputFree(a *analysis) (free, always map[program.Key]bool) {
	free, always = map[program.Key]bool{}, map[program.Key]bool{}
	for _, k := range a.keys {
		free[k], always[k] = a.writes.inputFree(k), a.writes.always(k)
	}
	return free, always
}

// firstNot returns the first member that is not input-free, or nil.
func firstNot(free map[program.Key]bool, members map[program.Key]*member, keys []program.Key) *member {
	for _, k := range keys {
		if !free[k] {
			return members[k]
		}
	}
	return nil
}

// deferredOrAsync reports whether the node at the end of stack is inside a
// defer or go statement: it runs after the function's return values are
// evaluated, or concurrently.
func deferredOrAsync(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.DeferStmt, *ast.GoStmt:
			return true
		}
	}
	return false
}
