package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/generator"
	"github.com/cqtools/cq/refactor/program"
)

// An Analysis is what planning learns about one type before it edits
// anything: its members, the calls of them grouped by function and query
// variable, the Result accesses of each, the types it is linked to, and
// every refusal found, in the order found. Once Analyze returns it is not
// changed: an emitter (package emit) turns it into edits, and may add refusals
// of its own to its output, never to the analysis.
type Analysis struct {
	Target  *Target
	Members map[program.Key]*Member
	Keys    []program.Key // of members, sorted
	Form    form
	Groups  []*CallGroup
	Calls   int // calls of the members
	// Links are the types whose Result is copied into this one's.
	Links []*Target
	// Adapters are the members handed to a generated Legacy adapter, and
	// AdapterLinked the other types that adapter serves.
	Adapters      []*AdapterUse
	AdapterLinked []*Target
	// Expects are the expectations of the testify mock members.
	Expects []*Expectation
	// litWrites are Result writes through the parameter of a function
	// literal: refused unless an expectation converts the literal.
	litWrites []*Site
	// FuncFields are the func-typed fields the members forward to, and
	// FieldForwards those forwarding calls.
	FuncFields    []*FuncField
	FieldForwards map[*ast.CallExpr]bool
	// DeadKeys are the Result keys of composite literals that go: no
	// producer reads what they set.
	DeadKeys []*Site
	// SameWrites are, in the same-value form, the `q.Result = x`
	// statements that go.
	SameWrites []ast.Stmt
	// Mixed: a half-migrated set, some members already returning (U,
	// error) with Result set to the same value, the others converting to
	// it (checkMixed).
	Mixed bool
	// ZeroReads are reads of the Result of a local query that nothing
	// sets: they become the zero value (zeroread.go).
	ZeroReads []*Site
	ZeroDecls []ast.Stmt // declarations of variables only zero reads use
	// writes is what the members' bodies show of Result (writes.go).
	writes   *writeSummary
	Refusals []*Refusal
}

// form is how a type converts.
type form int

const (
	FormConvert   form = iota // producers return (U, error) instead of setting Result
	FormSameValue             // producers already return the value Result gets
	FormDelete                // nothing reads or writes Result: the field goes
)

// Member is a function, method or interface method whose signature
// changes with the type.
type Member struct {
	key   program.Key
	Fn    *types.Func
	Decl  *FuncInfo // nil for an interface method or a method without syntax
	Param *types.Var
	Iface bool
	// sameValue: it already returns (U, error) and sets Result too.
	sameValue bool
	// WorkVar: a same-value member that returns its Result field itself,
	// which a local variable replaces throughout its body (workvar.go).
	WorkVar bool
	// Sites are the Result accesses through param in the body.
	Sites []*Site
	// Hoist: a return's expression could change the result variable (a
	// write in a closure, or &q.Result given away).
	Hoist bool
	// Mock: a testify mock method, rewritten whole; Gomock, a mockgen one.
	Mock   *mockMethod
	Gomock *GomockMethod
	// Fake: a counterfeiter fake's method (counterfeiter.go).
	Fake *FakeMethod
}

// Double reports whether m is a generated mock's method, rewritten whole
// with its expectations.
func (m *Member) Double() bool { return m.Mock != nil || m.Gomock != nil || m.Fake != nil }

// SameValue reports whether m already returns (U, error) and sets Result
// too (half-migrated).
func (m *Member) SameValue() bool { return m.sameValue }

// HasErr reports whether the member returns an error (else nothing).
func (m *Member) HasErr() bool { return m.Fn.Type().(*types.Signature).Results().Len() == 1 }

// A CallGroup is the calls of a type's members made in one function with
// one query variable (obj nil: with composite literals).
type CallGroup struct {
	FuncDecl *ast.FuncDecl
	Obj      types.Object
	Path     string      // the query is the field path (tt.query) rooted at obj
	Calls    []*CallSite // in source order
	// Fwd is the producer whose query parameter obj is: the calls forward
	// the query.
	Fwd *Member
	// Reads are obj's Result selectors in fd (none for a forward), in
	// source order; resets are its whole assignments after the first
	// call; written: a read is a write.
	Reads   []*Site
	Resets  []token.Pos
	Written bool
	// Same: in a half-migrated set, the calls are all of members that
	// already return the value (their callers read it, as in the
	// same-value form).
	Same bool
	// Ret: fd returns the query to callers that read only its Result,
	// and returns the value instead (returnsquery.go).
	Ret *Returner
}

func (a *Analysis) refuse(prog *program.Program, pos token.Pos, format string, args ...any) {
	a.Refusals = append(a.Refusals, &Refusal{Type: a.Target.Short, Reason: fmt.Sprintf(format, args...), Pos: prog.Position(pos)})
}

// Analyze describes the conversion of t. It goes on after a refusal
// while what the later checks read is whole (so --dry-run can list every
// reason), and stops at one that leaves nothing sound to look at further:
// members it could not describe, or an incomplete set of calls or func
// fields.
func (pl *Analyzer) Analyze(t *Target) (a *Analysis) {
	prog, ix := pl.Prog, pl.Index
	a = &Analysis{Target: t}
	defer func() {
		// A shape the planner mishandles refuses its type, not the run.
		if r := recover(); r != nil {
			a.Refusals = []*Refusal{{Type: t.Short, Reason: fmt.Sprintf("internal error while planning (please report): %v", r), Pos: prog.Position(t.Obj.Pos())}}
		}
	}()
	if !prog.IsMain(t.Pkg) {
		mod := "std"
		if t.Pkg.Module != nil {
			mod = t.Pkg.Module.Path
		}
		a.refuse(prog, t.Obj.Pos(), "declared in a dependency (module %s): cqgen refactor edits only the main modules", mod)
		return a
	}
	if t.Node == nil || len(t.Node.Names) != 1 {
		a.refuse(prog, t.Obj.Pos(), "the Result field is declared together with other fields")
		return a
	}
	if !pl.findMembers(a) {
		return a // refused, or a dead field (FormDelete)
	}
	before := len(a.Refusals)
	pl.checkMembers(a)
	membersWhole := len(a.Refusals) == before // else a parameter or a body may be missing
	a.writes = pl.writeSummaryOf(a)
	// Function literals with the type as parameter that implement nothing
	// we change are fine; ones used as handlers are caught as values below.
	for _, v := range ix.values {
		if a.Members[v.Callee] == nil {
			continue
		}
		if a.gomockRecorderValue(v) {
			continue
		}
		if use, isAdapter := pl.analyzeAdapter(a, v); !isAdapter {
			a.refuse(prog, v.Node().Pos(), "%s is used as a value (a method value, or registered on a bus), so its signature is not ours to change", v.Fn.Name())
		} else if use != nil {
			a.Adapters = append(a.Adapters, use)
		}
	}
	// A literal's Result is an input; it is dead, and goes, when every
	// producer writes Result before it could read it, and, where the
	// caller reads it back, writes it before returning.
	var inputFree, alwaysWrites map[program.Key]bool
	for _, s := range ix.Literals {
		if ix.ByField[s.Field] != t {
			continue
		}
		if inputFree == nil {
			inputFree, alwaysWrites = pl.inputFree(a)
		}
		if m := firstNot(inputFree, a.Members, a.Keys); m != nil {
			a.refuse(prog, s.Node().Pos(), "a composite literal sets Result that %s may read before writing it (Result as an input)", FuncLabel(m.Fn))
			continue
		}
		if m := firstNotBody(alwaysWrites, a.Members, a.Keys); m != nil && pl.literalReadBack(t, s) {
			a.refuse(prog, s.Node().Pos(), "a composite literal sets Result, which is read after the call, and %s may return without writing it (Result as an input)", FuncLabel(m.Fn))
			continue
		}
		if HasEffects(s.Node().(*ast.KeyValueExpr).Value) {
			a.refuse(prog, s.Node().Pos(), "a composite literal sets Result with a value that has effects (a call or a receive)")
			continue
		}
		a.DeadKeys = append(a.DeadKeys, s)
	}
	if !membersWhole {
		return a
	}
	same := 0
	for _, k := range a.Keys {
		if a.Members[k].sameValue {
			same++
		}
	}
	switch {
	case same == len(a.Keys):
		a.Form = FormSameValue
		if !pl.checkSameValue(a) {
			return a
		}
	case same > 0 && !pl.checkMixed(a):
		return a
	default:
		a.Links = pl.links(t)
		// A producer's body refused leaves the members whole: go on.
		pl.checkProducers(a)
		if !pl.analyzeFuncFields(a) {
			return a
		}
	}
	if pl.groupCalls(a) {
		if a.Mixed {
			for _, g := range a.Groups {
				if !pl.mixedGroup(a, g) {
					return a
				}
			}
		}
		for _, e := range pl.escapes(a) {
			a.refuse(prog, e.pos, "%s", e.reason)
		}
		before := len(a.Refusals)
		for _, f := range families {
			if len(a.Refusals) == before {
				f.setUps(pl, a)
			}
		}
		if len(a.Refusals) == before {
			pl.checkClaimed(a) // needs every expectation's accesses
		}
	}
	return a
}

// findMembers collects the producers (functions writing the Result of
// their query parameter), the forwarders, the interface methods they
// implement and the other implementations of those, to a fixed point.
func (pl *Analyzer) findMembers(a *Analysis) bool {
	prog, ix, t := pl.Prog, pl.Index, a.Target
	members := map[program.Key]*Member{}
	add := func(k program.Key) bool {
		if members[k] != nil {
			return false
		}
		m := &Member{key: k}
		if fi := ix.funcs[k]; fi != nil {
			m.Fn, m.Decl = fi.Obj, fi
		} else if fn := ix.ifaceMethods[k]; fn != nil {
			m.Fn, m.Iface = fn, true
		} else {
			return false
		}
		members[k] = m
		return true
	}
	// Seeds: functions writing the Result of a target parameter.
	for _, s := range ix.resultsOf[t] {
		sel := s.Node().(*ast.SelectorExpr)
		if !isWrite(s) {
			continue
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			continue
		}
		fn := declaringFunc(s.Stack, s.Pkg.TypesInfo, s.Pkg.TypesInfo.Uses[id])
		if fn == nil {
			continue // judged with the callers
		}
		switch fn := fn.(type) {
		case *ast.FuncLit:
			a.litWrites = append(a.litWrites, s)
		case *ast.FuncDecl:
			add(prog.Key(s.Pkg.TypesInfo.Defs[fn.Name]))
		}
	}
	if len(members) == 0 && len(a.litWrites) > 0 {
		refuseLitWrite(prog, a, a.litWrites[0])
		return false
	}
	callerOnly := map[program.Key]bool{} // staysCaller, by function
	for changed := true; changed; {
		changed = false
		for _, c := range ix.Calls {
			if members[c.Callee] == nil {
				continue
			}
			arg := pl.QueryArg(c)
			if arg == nil {
				continue
			}
			v := rootIdent(arg)
			if v == nil {
				continue
			}
			if fn := declaringFunc(c.Stack, c.Pkg.TypesInfo, c.Pkg.TypesInfo.Uses[v]); fn != nil {
				if fd, ok := fn.(*ast.FuncDecl); ok {
					fk := prog.Key(c.Pkg.TypesInfo.Defs[fd.Name])
					if members[fk] == nil {
						stays, known := callerOnly[fk]
						if !known {
							stays = pl.staysCaller(t, fd, fk, c.Pkg.TypesInfo.Uses[v])
							callerOnly[fk] = stays
						}
						if stays {
							continue
						}
					}
					changed = add(fk) || changed
				} else {
					a.refuse(prog, c.Call.Pos(), "a function literal forwards the query to a producer: its signature cannot change with the others")
					return false
				}
			}
		}
		for im, impls := range ix.implOf {
			if ix.TargetOfMethod(prog, ix.ifaceMethods[im]) != t {
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
	a.Members = members
	for k := range members {
		a.Keys = append(a.Keys, k)
	}
	sort.Slice(a.Keys, func(i, j int) bool { return a.Keys[i] < a.Keys[j] })
	return true
}

// noProducer judges a type that nothing produces: a field nothing reads
// or writes is dead and goes (with its keys in composite literals); one
// that is read but never written always reads the zero value, and one
// written only outside a producer is an input: both are refused.
func (pl *Analyzer) noProducer(a *Analysis) {
	prog, t := pl.Prog, a.Target
	sites := pl.Index.resultsOf[t]
	if len(sites) == 0 {
		a.Form = FormDelete
		for _, s := range pl.Index.Literals {
			if pl.Index.ByField[s.Field] != t {
				continue
			}
			if kv := s.Node().(*ast.KeyValueExpr); HasEffects(kv.Value) {
				a.refuse(prog, kv.Pos(), "a composite literal sets Result, which nothing reads, with a value that has effects (a call or a receive): deleting it would drop them")
			}
		}
		return
	}
	for _, s := range sites {
		if isWrite(s) {
			a.refuse(prog, t.Node.Pos(), "no function or method writes Result")
			return
		}
	}
	a.refuse(prog, sites[0].Node().Pos(), "Result is read but never written: always the zero value")
}

// HasEffects reports whether evaluating e could do more than compute a
// value: a call or a channel receive.
func HasEffects(e ast.Expr) bool {
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

func refuseLitWrite(prog *program.Program, a *Analysis, s *Site) {
	a.refuse(prog, s.Node().Pos(), "a function literal writes Result (a bus handler or a stub?): its signature cannot change with the others")
}

// checkMembers checks each member's signature and records its query
// parameter and form.
func (pl *Analyzer) checkMembers(a *Analysis) {
	prog, ix, t := pl.Prog, pl.Index, a.Target
	for _, k := range a.Keys {
		m := a.Members[k]
		sig := m.Fn.Type().(*types.Signature)
		var qparams []*types.Var
		for i := 0; i < sig.Params().Len(); i++ {
			if ix.TargetOf(prog, sig.Params().At(i).Type()) != nil {
				qparams = append(qparams, sig.Params().At(i))
			}
		}
		if len(qparams) != 1 || ix.TargetOf(prog, qparams[0].Type()) != t {
			a.refuse(prog, m.Fn.Pos(), "%s takes more than one command or query", m.Fn.Name())
			continue
		}
		m.Param = qparams[0]
		switch res := sig.Results(); {
		case res.Len() == 1 && cqmodel.IsError(res.At(0).Type()):
		case res.Len() == 0:
		case res.Len() == 2 && cqmodel.IsError(res.At(1).Type()) && types.TypeString(res.At(0).Type(), nil) == types.TypeString(ResultType(t), nil):
			m.sameValue = true // checked in checkSameValue
		default:
			if m.Decl != nil && !anyWrite(pl.paramSites(m)) {
				a.refuse(prog, m.Fn.Pos(), "%s passes the query on to a producer and already returns another value, while a caller, an interface or a value use could read the Result it leaves (a half-migrated forwarder)", m.Fn.Name())
				continue
			}
			a.refuse(prog, m.Fn.Pos(), "%s already returns a value and also sets Result (half-migrated)", m.Fn.Name())
			continue
		}
		if sig.Results().Len() == 1 && sig.Results().At(0).Name() != "" {
			a.refuse(prog, m.Fn.Pos(), "%s has a named result", m.Fn.Name())
		}
		if !m.Iface && m.Decl == nil {
			a.refuse(prog, m.Fn.Pos(), "%s has no body in the loaded packages", m.Fn.Name())
		}
		if m.Decl != nil {
			m.Sites = pl.paramSites(m)
			// Hand-written fakes are producers like any other; a
			// generated double is read whole by its family (double.go).
			// One that already returns the value (U, error) stays.
			if !m.sameValue {
				if f, named := familyOf(m.Decl); f != nil {
					f.read(pl, a, m, named)
				}
			}
		}
	}
}

// paramSites are the Result accesses through m's query parameter in its
// body.
func (pl *Analyzer) paramSites(m *Member) []*Site {
	var out []*Site
	fd, info := m.Decl.Decl, m.Decl.Pkg.TypesInfo
	for _, s := range pl.Index.resultsOf[pl.Index.TargetOf(pl.Prog, m.Param.Type())] {
		if s.OuterFunc() != fd || s.Pkg != m.Decl.Pkg {
			continue
		}
		if id, ok := ast.Unparen(s.Node().(*ast.SelectorExpr).X).(*ast.Ident); ok && info.Uses[id] == m.Param {
			out = append(out, s)
		}
	}
	return out
}

// links are the other types whose Result is assigned t's.
func (pl *Analyzer) links(t *Target) []*Target {
	var out []*Target
	for _, s := range pl.Index.resultsOf[t] {
		if as, ok := s.Parent(1).(*ast.AssignStmt); ok && !isWrite(s) {
			for _, l := range as.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
					if selection := s.Pkg.TypesInfo.Selections[sel]; selection != nil {
						if o := pl.Index.ByField[pl.Prog.Key(selection.Obj())]; o != nil && o != t {
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
func (pl *Analyzer) checkProducers(a *Analysis) bool {
	prog := pl.Prog
	ok := true
members:
	for _, k := range a.Keys {
		m := a.Members[k]
		if m.Iface || m.Double() || m.sameValue {
			continue
		}
		fd, info := m.Decl.Decl, m.Decl.Pkg.TypesInfo
		var written []*Site
		for _, s := range m.Sites {
			if !isWrite(s) {
				continue
			}
			sel := s.Node()
			if deferredOrAsync(s.Stack) {
				a.refuse(prog, sel.Pos(), "%s writes Result in a deferred function or a goroutine, after it returns its values: the value returned would not be the one written", fd.Name.Name)
				ok = false
				continue members
			}
			if _, ok := s.Parent(1).(*ast.UnaryExpr); ok {
				m.Hoist = true
			}
			if fn, _, _ := EnclosingFunc(s.Stack); fn != ast.Node(fd) {
				m.Hoist = true
			}
			written = append(written, s)
		}
		// A forward to a member after a write would let the callee see the
		// value written; another function reading the field is refused
		// with its read (checkClaimed).
		for _, c := range pl.Index.Calls {
			if c.OuterFunc() != fd || a.Members[c.Callee] == nil {
				continue
			}
			if v := rootIdent(pl.QueryArg(c)); v == nil || info.Uses[v] != m.Param {
				continue
			}
			if fn, _, _ := EnclosingFunc(c.Stack); fn != ast.Node(fd) {
				// A forward in a closure assigns the result variable
				// there: `return result, f(...)` would read it in an
				// order the language leaves open.
				m.Hoist = true
			}
			for _, s := range written {
				if precedesCall(s, []*CallSite{c}) && writeReaches(fd, s, c.Call) {
					a.refuse(prog, c.Call.Pos(), "%s passes the query on to %s after writing its Result at line %d (Result used as a working variable)", fd.Name.Name, c.Fn.Name(), prog.At(s.Node().Pos()).Line)
					ok = false
					continue members
				}
			}
		}
		if m.HasErr() {
			var bad ast.Node
			ReturnsIn(fd.Body, func(r *ast.ReturnStmt) {
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
func (pl *Analyzer) groupCalls(a *Analysis) bool {
	prog, ix, t := pl.Prog, pl.Index, a.Target
	ok := true
	type varKey struct {
		fd   *ast.FuncDecl
		obj  types.Object
		path string
	}
	byVar := map[varKey]*CallGroup{}
	for _, c := range ix.Calls {
		if a.Members[c.Callee] == nil {
			continue
		}
		a.Calls++
		fd := c.OuterFunc()
		if fd == nil {
			a.refuse(prog, c.Call.Pos(), "%s is called outside a function", c.Fn.Name())
			ok = false
			continue
		}
		arg := pl.QueryArg(c)
		if arg == nil {
			a.refuse(prog, c.Call.Pos(), "the call of %s has no query argument", c.Fn.Name())
			ok = false
			continue
		}
		var obj types.Object
		path := ""
		if lit := CompositeLit(arg); lit == nil {
			v := rootIdent(arg)
			if v == nil {
				v, path = fieldPath(c.Pkg.TypesInfo, arg)
			}
			if v == nil {
				a.refuse(prog, arg.Pos(), "the query passed to %s is not a variable, so its Result reads cannot be followed", c.Fn.Name())
				ok = false
				continue
			}
			obj = c.Pkg.TypesInfo.Uses[v]
		}
		vk := varKey{fd, obj, path}
		g := byVar[vk]
		if g == nil {
			g = &CallGroup{FuncDecl: fd, Obj: obj, Path: path}
			byVar[vk] = g
			a.Groups = append(a.Groups, g)
		}
		g.Calls = append(g.Calls, c)
	}
	var inputFree, alwaysWrites map[program.Key]bool
groups:
	for _, g := range a.Groups {
		sort.Slice(g.Calls, func(i, j int) bool { return g.Calls[i].Call.Pos() < g.Calls[j].Call.Pos() })
		if g.Obj == nil {
			continue
		}
		if g.Path == "" {
			if g.Fwd = a.producerOf(g.FuncDecl, g.Obj); g.Fwd != nil {
				continue
			}
		}
		if v, ok := g.Obj.(*types.Var); !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
			a.refuse(prog, g.Calls[0].Call.Pos(), "the query passed to %s is not a local variable", g.Calls[0].Fn.Name())
			ok = false
			continue
		}
		if g.Path == "" {
			g.Reads = pl.readsOf(t, g.FuncDecl, g.Obj)
		} else {
			g.Reads = pl.pathReads(t, g.FuncDecl, g.Obj, g.Path)
			if bad := pathOtherUse(g.Calls, g.FuncDecl, g.Obj, g.Path, pl.QueryArg); bad.IsValid() {
				a.refuse(prog, bad, "the query %s is used here other than as a producer's argument or a field access: its Result could be read or set behind the rewrite's back", g.Path)
				ok = false
				continue
			}
		}
		for _, r := range g.Reads {
			if !writesField(r) {
				continue
			}
			g.Written = true
			if a.Form == FormSameValue {
				a.refuse(prog, r.Node().Pos(), "Result is written outside a producer")
				ok = false
				continue groups
			}
			if !precedesCall(r, g.Calls) {
				continue // a write after the last call is no input
			}
			if inputFree == nil {
				inputFree, alwaysWrites = pl.inputFree(a)
			}
			if m := firstNot(inputFree, a.Members, a.Keys); m != nil {
				a.refuse(prog, r.Node().Pos(), "Result is an input: a caller writes it here and %s may read it before writing it", FuncLabel(m.Fn))
				ok = false
				continue groups
			}
			if m := firstNotBody(alwaysWrites, a.Members, a.Keys); m != nil && readAfterCall(g.Reads, g.Calls) && !pl.readBackSafe(a, alwaysWrites, g.Reads, g.Calls) {
				a.refuse(prog, r.Node().Pos(), "Result is an input: a caller writes it here, reads it after the call, and %s may return without writing it", FuncLabel(m.Fn))
				return false
			}
		}
		rt, retWhy := pl.returnsQuery(a, g)
		g.Ret = rt
		if len(g.Reads) > 0 {
			var bad token.Pos
			g.Resets, bad = pl.otherUses(g.Calls, g.FuncDecl, g.Obj, rt)
			if bad.IsValid() && retWhy != "" && inReturn(g.Calls[0].File, bad) {
				a.refuse(prog, bad, "%s returns the query to its callers, and cannot return its value instead: %s", g.FuncDecl.Name.Name, retWhy)
				ok = false
			} else if bad.IsValid() {
				a.refuse(prog, bad, "the query variable %s is used here other than as a producer's argument or a field access (after a call, or before one that a read precedes): its Result could be read or set behind the rewrite's back", g.Obj.Name())
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
func writesField(s *Site) bool { return writes(s, true) }

// precedesCall reports whether a call of calls can run after the access
// at s: one later in the source, or one in a loop around s.
func precedesCall(s *Site, calls []*CallSite) bool {
	for _, c := range calls {
		if c.Call.Pos() > s.Node().Pos() {
			return true
		}
	}
	for _, n := range s.Stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			for _, c := range calls {
				if Contains(n, c.Call) {
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
func (pl *Analyzer) checkClaimed(a *Analysis) {
	prog := pl.Prog
	claimed := map[*Site]bool{}
	for _, m := range a.Members {
		for _, s := range m.Sites {
			claimed[s] = true
		}
	}
	for _, g := range a.Groups {
		for _, r := range g.Reads {
			claimed[r] = true
		}
	}
	for _, x := range a.Expects {
		for _, s := range x.Sites {
			claimed[s] = true
		}
	}
	for _, ff := range a.FuncFields {
		for _, l := range ff.Lits {
			for _, s := range l.Sites {
				claimed[s] = true
			}
		}
	}
	for _, g := range a.Groups {
		if g.Ret != nil {
			for _, c := range g.Ret.Callers {
				for _, s := range c.Sites {
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
	for _, s := range pl.Index.resultsOf[a.Target] {
		if ok, decl := pl.zeroRead(s); !claimed[s] && ok {
			a.ZeroReads = append(a.ZeroReads, s)
			if decl != nil && !slices.Contains(a.ZeroDecls, decl) {
				a.ZeroDecls = append(a.ZeroDecls, decl)
			}
			continue
		}
		if !claimed[s] && !generator.IsGenerated(prog.Source(prog.At(s.Node().Pos()).Filename)) {
			x := s.Node().(*ast.SelectorExpr).X
			if v, ok := s.Pkg.TypesInfo.Uses[rootIdent(x)].(*types.Var); ok && v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField() {
				a.refuse(prog, s.Node().Pos(), "the Result of %s is used here, and %s is given to no producer this conversion rewrites, so where its value comes from cannot be followed (a call through an interface or a function value that is not rewritten, or a helper reading a working Result)", prog.Text(x), v.Name())
				return
			}
			a.refuse(prog, s.Node().Pos(), "Result is used through %s, which is neither a producer's parameter nor a local query variable (a helper reading a working Result?)", prog.Text(x))
			return
		}
	}
}

// producerOf is the member declared by fd whose query parameter is obj,
// or nil.
func (a *Analysis) producerOf(fd *ast.FuncDecl, obj types.Object) *Member {
	for _, m := range a.Members {
		if m.Decl != nil && m.Decl.Decl == fd {
			if m.Param == obj {
				return m
			}
			return nil
		}
	}
	return nil
}

// IsForward reports whether call passes m's query parameter to a member
// or to a func-typed field that changes with them.
func (a *Analysis) IsForward(pl *Analyzer, m *Member, call *ast.CallExpr) bool {
	if a.FieldForwards[call] {
		return true
	}
	for _, c := range pl.Index.Calls {
		if c.Call == call {
			if v := rootIdent(pl.QueryArg(c)); v != nil && c.Pkg.TypesInfo.Uses[v] == m.Param {
				return a.Members[c.Callee] != nil
			}
		}
	}
	return false
}

// HasForwardNotReturned reports whether fd passes m's query parameter on
// to a member of a other than as `return f(ctx, q)`. A function that is
// no member (a validator taking the query) returns nothing to keep.
func (pl *Analyzer) HasForwardNotReturned(a *Analysis, m *Member, fd *ast.FuncDecl) bool {
	for _, c := range pl.Index.Calls {
		if c.OuterFunc() != fd || a.Members[c.Callee] == nil {
			continue
		}
		if v := rootIdent(pl.QueryArg(c)); v != nil && c.Pkg.TypesInfo.Uses[v] == m.Param {
			if r, ok := c.Parent(1).(*ast.ReturnStmt); ok {
				if fn, _, _ := EnclosingFunc(c.Stack); fn == ast.Node(fd) && len(r.Results) == 1 {
					continue
				}
			}
			return true
		}
	}
	return false
}

// readsOf returns the Result selectors of the variable obj in fd.
func (pl *Analyzer) readsOf(t *Target, fd *ast.FuncDecl, obj types.Object) []*Site {
	var out []*Site
	for _, s := range pl.Index.resultsOf[t] {
		if s.OuterFunc() != fd {
			continue
		}
		if id, ok := ast.Unparen(s.Node().(*ast.SelectorExpr).X).(*ast.Ident); ok && s.Pkg.TypesInfo.Uses[id] == obj {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Node().Pos() < out[j].Node().Pos() })
	return out
}

// otherUses looks at the uses of obj in fd that are neither a field
// selection nor the query argument of one of calls. Those before the first
// call (outside a loop holding a call), such as decoding a request into the
// query, are fine; whole assignments after it are returned as resets; any
// other use after it is returned as bad.
func (pl *Analyzer) otherUses(calls []*CallSite, fd *ast.FuncDecl, obj types.Object, rt *Returner) (resets []token.Pos, bad token.Pos) {
	info := calls[0].Pkg.TypesInfo
	args := map[*ast.Ident]bool{}
	first := calls[0].Call.Pos()
	for _, c := range calls {
		if v := rootIdent(pl.QueryArg(c)); v != nil {
			args[v] = true
		}
		if c.Call.Pos() < first {
			first = c.Call.Pos()
		}
	}
	var early []token.Pos
	defer func() {
		// A read before the first call would see what an early use (a
		// decoder, a bus) put there; the rewrite cannot follow that.
		if len(early) > 0 && !bad.IsValid() {
			for _, r := range pl.readsOf(pl.Index.TargetOf(pl.Prog, obj.Type()), fd, obj) {
				if r.Node().Pos() < first && !isWrite(r) {
					bad = early[0]
				}
			}
		}
	}()
	UsesOf(fd.Body, info, obj, func(id *ast.Ident, stack []ast.Node) {
		if args[id] || bad.IsValid() || rt.returns(id) {
			return
		}
		parent := stack[len(stack)-2]
		if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == id {
			return
		}
		if u, ok := parent.(*ast.UnaryExpr); pl.Index.observed[id] || ok && u.Op == token.AND && pl.Index.observed[u] {
			return // seen whole: the flow analysis decides (flow.go)
		}
		late := id.Pos() > first
		for _, a := range stack {
			switch a.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				for _, c := range calls {
					if Contains(a, c.Call) {
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

// UsesOf calls f for each use of obj under root, with the nodes from
// root down to it.
func UsesOf(root ast.Node, info *types.Info, obj types.Object, f func(id *ast.Ident, stack []ast.Node)) {
	WithStack(root, func(n ast.Node, stack []ast.Node) {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
			f(id, stack)
		}
	})
}

// WithStack calls f for each node under root, with the nodes from root
// down to it.
func WithStack(root ast.Node, f func(n ast.Node, stack []ast.Node)) {
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

// inputFree returns, by member, whether it never reads a Result value its
// caller put in the query, and whether it writes Result on every return
// (the write summary, writes.go).
func (pl *Analyzer) inputFree(a *Analysis) (free, always map[program.Key]bool) {
	free, always = map[program.Key]bool{}, map[program.Key]bool{}
	for _, k := range a.Keys {
		free[k], always[k] = a.writes.inputFree(k), a.writes.always(k)
	}
	return free, always
}

// firstNot returns the first member that is not input-free, or nil.
func firstNot(free map[program.Key]bool, members map[program.Key]*Member, keys []program.Key) *Member {
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
