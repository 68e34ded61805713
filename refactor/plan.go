package refactor

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/cqtools/cq/analyzers/cqmodel"
)

// An Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       string
	Start, End int
	New        string
}

// A Refusal says why a type is left as it is, and where.
type Refusal struct {
	Type   string // the type's Short name
	Reason string
	Pos    string // file:line:col of what blocks the conversion
}

func (r *Refusal) String() string { return fmt.Sprintf("%s: %s: %s", r.Pos, r.Type, r.Reason) }

// A Group is a set of types converted or refused together (types linked by
// copying one's Result into another's), with its edits.
type Group struct {
	Types    []*Target
	Edits    []Edit
	Refusals []*Refusal      // non-empty: the group is refused
	Funcs    []string        // functions and methods rewritten, as file:line:col name
	Calls    int             // call sites rewritten
	names    map[string]bool // the names of the functions and methods whose signatures change
}

// A Plan is the outcome of planning: one group per converted or refused
// set of types, in a stable order.
type Plan struct {
	Groups []*Group
}

// Converted returns the groups that are not refused.
func (p *Plan) Converted() []*Group {
	var out []*Group
	for _, g := range p.Groups {
		if len(g.Refusals) == 0 {
			out = append(out, g)
		}
	}
	return out
}

// MakePlan plans the conversion of every target.
func MakePlan(prog *Program, targets []*Target) *Plan {
	ix := buildIndex(prog, targets)
	pl := &planner{prog: prog, ix: ix, names: map[*ast.FuncDecl]map[string]bool{}}
	plans := map[*Target]*targetPlan{}
	for _, t := range targets {
		plans[t] = pl.planTarget(t)
	}
	// Union the types linked by copying Result.
	parent := map[*Target]*Target{}
	var find func(t *Target) *Target
	find = func(t *Target) *Target {
		if parent[t] == nil || parent[t] == t {
			return t
		}
		r := find(parent[t])
		parent[t] = r
		return r
	}
	adapterLinked := map[*Target]bool{}
	for _, t := range targets {
		for _, o := range append(plans[t].linked, plans[t].adapterLinked...) {
			if a, b := find(t), find(o); a != b {
				parent[b] = a
			}
		}
		for _, o := range plans[t].adapterLinked {
			adapterLinked[t], adapterLinked[o] = true, true
		}
	}
	byRoot := map[*Target]*Group{}
	var out Plan
	for _, t := range targets {
		r := find(t)
		g := byRoot[r]
		if g == nil {
			g = &Group{}
			byRoot[r] = g
			out.Groups = append(out.Groups, g)
		}
		tp := plans[t]
		if len(tp.refusals) > 1 {
			tp.refusals = tp.refusals[:1] // the first reason is enough to act on
		}
		g.Types = append(g.Types, t)
		g.Edits = append(g.Edits, tp.edits...)
		g.Refusals = append(g.Refusals, tp.refusals...)
		g.Funcs = append(g.Funcs, tp.funcs...)
		g.Calls += tp.calls
		if g.names == nil {
			g.names = map[string]bool{}
		}
		for _, n := range tp.names {
			g.names[n] = true
		}
	}
	for _, g := range out.Groups {
		if len(g.Refusals) > 0 && len(g.Types) > 1 {
			// Name the other types so each type's refusal explains itself.
			why := "their Result values are copied into each other"
			for _, t := range g.Types {
				if adapterLinked[t] {
					why = "one Legacy adapter serves both"
				}
			}
			var refs []*Refusal
			for _, t := range g.Types {
				for _, r := range g.Refusals {
					rr := *r
					if rr.Type != t.Short {
						rr.Reason = "refused with " + rr.Type + " (" + why + "): " + rr.Reason
						rr.Type = t.Short
					}
					refs = append(refs, &rr)
				}
			}
			g.Refusals = dedupRefusals(refs)
		}
		if len(g.Refusals) > 0 {
			g.Edits, g.Funcs, g.Calls = nil, nil, 0
		}
		sort.Strings(g.Funcs)
	}
	refuseUnsafe(prog, &out)
	return &out
}

func dedupRefusals(rs []*Refusal) []*Refusal {
	seen := map[string]bool{}
	var out []*Refusal
	for _, r := range rs {
		if s := r.String(); !seen[s] {
			seen[s] = true
			out = append(out, r)
		}
	}
	return out
}

type planner struct {
	prog  *Program
	ix    *index
	names map[*ast.FuncDecl]map[string]bool // names used or taken in each function
	// members are the functions of the type being planned.
	members map[key]*member
	// fwdScope is the scope that declares the variable calls assign to
	// (planCalls' fwd), or nil.
	fwdScope *types.Scope
}

// targetPlan is the plan of one type before grouping.
type targetPlan struct {
	t        *Target
	edits    []Edit
	refusals []*Refusal
	funcs    []string
	calls    int
	linked   []*Target
	names    []string // of the members
	// adapterLinked are the other types of a Legacy adapter a producer
	// of this type is given to.
	adapterLinked []*Target
}

func (tp *targetPlan) refuse(prog *Program, pos token.Pos, format string, args ...any) {
	tp.refusals = append(tp.refusals, &Refusal{Type: tp.t.Short, Reason: fmt.Sprintf(format, args...), Pos: prog.position(pos)})
}

func (tp *targetPlan) edit(prog *Program, start, end token.Pos, text string) {
	s, e := prog.at(start), prog.at(end)
	tp.edits = append(tp.edits, Edit{File: s.Filename, Start: s.Offset, End: e.Offset, New: text})
}

// member is a function, method or interface method whose signature
// changes with the type.
type member struct {
	key   key
	fn    *types.Func
	decl  *funcInfo // nil for an interface method or a method without syntax
	param *types.Var
	iface bool
	// sameValue: it already returns (U, error) and sets Result too.
	sameValue bool
}

func (pl *planner) planTarget(t *Target) (tp *targetPlan) {
	prog, ix := pl.prog, pl.ix
	tp = &targetPlan{t: t}
	defer func() {
		// A shape the planner mishandles refuses its type, not the run.
		if r := recover(); r != nil {
			tp.edits = nil
			tp.refusals = []*Refusal{{Type: t.Short, Reason: fmt.Sprintf("internal error while planning (please report): %v", r), Pos: prog.position(t.obj.Pos())}}
		}
	}()
	if !prog.isMain(t.pkg) {
		mod := "std"
		if t.pkg.Module != nil {
			mod = t.pkg.Module.Path
		}
		tp.refuse(prog, t.obj.Pos(), "declared in a dependency (module %s): cqgen refactor edits only the main modules", mod)
		return tp
	}
	if t.node == nil || len(t.node.Names) != 1 {
		tp.refuse(prog, t.obj.Pos(), "the Result field is declared together with other fields")
		return tp
	}
	members := map[key]*member{}
	add := func(k key) bool {
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
	for _, s := range ix.results {
		if ix.byField[pl.fieldKey(s)] != t {
			continue
		}
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
			tp.refuse(prog, sel.Pos(), "a function literal writes Result (a bus handler or a stub?): its signature cannot change with the others")
		case *ast.FuncDecl:
			add(prog.key(s.pkg.TypesInfo.Defs[fn.Name]))
		}
	}
	if len(tp.refusals) > 0 {
		return tp
	}
	// Forwarders and interfaces, to a fixed point.
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
					changed = add(prog.key(c.pkg.TypesInfo.Defs[fd.Name])) || changed
				} else {
					tp.refuse(prog, c.call.Pos(), "a function literal forwards the query to a producer: its signature cannot change with the others")
					return tp
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
					tp.refuse(prog, ix.ifaceMethods[im].Pos(), "%s is implemented by %s, whose source is not in the loaded packages", ix.ifaceMethods[im].Name(), ix.implDecl[k].Obj().Name())
					return tp
				}
				changed = add(k) || changed
			}
		}
	}
	if len(members) == 0 {
		tp.refuse(prog, t.node.Pos(), "no function or method writes Result")
		return tp
	}
	keys := make([]key, 0, len(members))
	for k, m := range members {
		keys = append(keys, k)
		tp.names = append(tp.names, m.fn.Name())
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	// Check the members.
	for _, k := range keys {
		m := members[k]
		sig := m.fn.Type().(*types.Signature)
		var qparams []*types.Var
		for i := 0; i < sig.Params().Len(); i++ {
			if ix.targetOf(prog, sig.Params().At(i).Type()) != nil {
				qparams = append(qparams, sig.Params().At(i))
			}
		}
		if len(qparams) != 1 || ix.targetOf(prog, qparams[0].Type()) != t {
			tp.refuse(prog, m.fn.Pos(), "%s takes more than one command or query", m.fn.Name())
			continue
		}
		m.param = qparams[0]
		switch res := sig.Results(); {
		case res.Len() == 1 && cqmodel.IsError(res.At(0).Type()):
		case res.Len() == 0:
		case res.Len() == 2 && cqmodel.IsError(res.At(1).Type()) && types.TypeString(res.At(0).Type(), nil) == types.TypeString(resultType(t), nil):
			m.sameValue = true // checked in rewriteSameValue
		default:
			tp.refuse(prog, m.fn.Pos(), "%s already returns a value and also sets Result (half-migrated)", m.fn.Name())
			continue
		}
		if sig.Results().Len() == 1 && sig.Results().At(0).Name() != "" {
			tp.refuse(prog, m.fn.Pos(), "%s has a named result", m.fn.Name())
		}
		if recv := sig.Recv(); recv != nil && !m.iface {
			if named, ok := types.Unalias(derefT(recv.Type())).(*types.Named); ok && cqmodel.IsTestDouble(named) {
				tp.refuse(prog, m.fn.Pos(), "converting it needs the test double %s rewritten (test doubles are converted in a later version)", named.Obj().Name())
			}
		}
		if m.iface {
			if named := ix.implDecl[k]; named != nil && cqmodel.IsTestDouble(named) {
				tp.refuse(prog, m.fn.Pos(), "converting it needs the test double %s rewritten (test doubles are converted in a later version)", named.Obj().Name())
			}
		}
		if !m.iface && m.decl == nil {
			tp.refuse(prog, m.fn.Pos(), "%s has no body in the loaded packages", m.fn.Name())
		}
	}
	// Function literals with the type as parameter that implement nothing
	// we change are fine; ones used as handlers are caught as values below.
	for _, v := range ix.values {
		if members[v.callee] != nil && !pl.planAdapter(tp, v, members) {
			tp.refuse(prog, v.node().Pos(), "%s is used as a value (a method value, or registered on a bus), so its signature is not ours to change", v.fn.Name())
		}
	}
	for _, s := range ix.literals {
		if ix.byField[pl.fieldKey(s)] == t {
			tp.refuse(prog, s.node().Pos(), "a composite literal sets Result")
		}
	}
	if len(tp.refusals) > 0 {
		return tp
	}
	same := 0
	for _, k := range keys {
		if members[k].sameValue {
			same++
		}
	}
	switch {
	case same == len(keys):
		pl.rewriteSameValue(tp, members, keys)
	case same > 0:
		for _, k := range keys {
			if m := members[k]; m.sameValue {
				tp.refuse(prog, m.fn.Pos(), "%s already returns a value and also sets Result (half-migrated), while other producers do not", m.fn.Name())
				break
			}
		}
	default:
		pl.rewrite(tp, members, keys)
	}
	if len(tp.refusals) == 0 {
		pl.directiveResult(tp)
	}
	return tp
}

// fieldKey is the key of the field a Result selector or key selects,
// computed once.
func (pl *planner) fieldKey(s *site) key {
	if s.field != "" {
		return s.field
	}
	info := s.pkg.TypesInfo
	switch n := s.node().(type) {
	case *ast.SelectorExpr:
		if sel := info.Selections[n]; sel != nil {
			s.field = pl.prog.key(sel.Obj())
		}
	case *ast.KeyValueExpr:
		if id, ok := n.Key.(*ast.Ident); ok {
			s.field = pl.prog.key(info.Uses[id])
		}
	}
	return s.field
}

func (ix *index) targetOfMethod(prog *Program, fn *types.Func) *Target {
	sig := fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len(); i++ {
		if t := ix.targetOf(prog, sig.Params().At(i).Type()); t != nil {
			return t
		}
	}
	return nil
}

// queryArg is the argument of a call that is the command or query.
func (pl *planner) queryArg(c *callSite) ast.Expr {
	sig := c.fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len() && i < len(c.call.Args); i++ {
		if pl.ix.targetOf(pl.prog, sig.Params().At(i).Type()) != nil {
			return c.call.Args[i]
		}
	}
	return nil
}

// rootIdent is v for v, &v, *v and (v).
func rootIdent(e ast.Expr) *ast.Ident {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			e = ast.Unparen(x.X)
		}
	case *ast.StarExpr:
		e = ast.Unparen(x.X)
	}
	id, _ := e.(*ast.Ident)
	return id
}

// isWrite reports whether the Result selector at s is assigned,
// incremented or has its address taken, directly or through a field or
// an index of it (q.Result.Count++, q.Result[k] = v).
func isWrite(s *site) bool {
	var x ast.Node = s.node()
	up := 1
	for {
		switch p := s.parent(up).(type) {
		case *ast.SelectorExpr:
			if p.X == x {
				x, up = p, up+1
				continue
			}
		case *ast.IndexExpr:
			if p.X == x {
				x, up = p, up+1
				continue
			}
		case *ast.ParenExpr:
			x, up = p, up+1
			continue
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == x {
					return true
				}
			}
		case *ast.IncDecStmt:
			return true
		case *ast.UnaryExpr:
			return p.Op == token.AND
		}
		return false
	}
}

func derefT(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// resultType is the type of t's Result field.
func resultType(t *Target) types.Type { return cqmodel.ResultField(t.obj.Type()).Type() }
