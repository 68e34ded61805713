package refactor

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/edit"
	"github.com/cqtools/cq/refactor/program"
)

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
	Edits    []edit.Edit
	Refusals []*Refusal      // non-empty: the group is refused
	Funcs    []string        // functions and methods rewritten, as file:line:col name
	Calls    int             // call sites rewritten
	names    map[string]bool // the names of the functions and methods whose signatures change
	// With --value-params: the types whose producers take the query by
	// value, and why the others keep the pointer (valueparams.go).
	ByValue []*Target
	Pointer []*Refusal
	// work is, per type, its share of Funcs, Calls and Edits' files (for
	// the JSON summary).
	work map[*Target]*typeWork
}

// typeWork is what converting one type of a group rewrites.
type typeWork struct {
	funcs []string // file:line:col name
	calls int
	files []string // sorted
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

// MakePlan plans the conversion of every target: one analysis per type
// (analysis.go), then, for each type the analysis does not refuse, one
// emitter writing its edits (emit.go); types linked by copying Result, or
// served by one Legacy adapter, are grouped and converted or refused
// together.
func MakePlan(prog *program.Program, targets []*Target) *Plan {
	return NewPlanner(prog, targets, PlanOptions{}).Plan(Feedback{})
}

// PlanOptions are what a Planner does beyond MakePlan.
type PlanOptions struct {
	// ValueParams: producers take the query by value where that is safe
	// (valueparams.go).
	ValueParams bool
}

// Feedback is what the steps after a plan learned, for the next plan:
// types to refuse, each with its reasons (a linked type the selection
// leaves out, a rewrite that does not type-check), and, with
// --value-params, types that keep their pointer, with why. A plan is never
// changed after it is made; what a later step finds makes a new one, from
// the same analyses.
type Feedback struct {
	Refuse  map[*Target][]*Refusal
	Pointer map[string]string // by Target.Name
}

// with returns fb and more together; neither changes.
func (fb Feedback) with(more Feedback) Feedback {
	out := Feedback{Refuse: map[*Target][]*Refusal{}, Pointer: map[string]string{}}
	for _, x := range []Feedback{fb, more} {
		for t, rs := range x.Refuse {
			out.Refuse[t] = dedupRefusals(append(append([]*Refusal(nil), out.Refuse[t]...), rs...))
		}
		for n, why := range x.Pointer {
			out.Pointer[n] = why
		}
	}
	return out
}

// A Planner holds the analyses of a program's targets, each computed once
// and immutable; every plan is made from them and a Feedback.
type Planner struct {
	pl       *planner
	targets  []*Target
	analyses map[*Target]*analysis
}

// NewPlanner analyzes every target.
func NewPlanner(prog *program.Program, targets []*Target, opts PlanOptions) *Planner {
	pl := newAnalyzer(prog, targets, opts)
	p := &Planner{pl: pl, targets: targets, analyses: map[*Target]*analysis{}}
	for _, t := range targets {
		p.analyses[t] = pl.analyze(t)
	}
	return p
}

// Plan decides every type's fate, in one place: a type converts when its
// analysis, its emission and fb refuse nothing, nor do the checks of the
// edits as a whole (a file that must not be rewritten, two types' edits
// that overlap); otherwise it is refused with every reason, and the types
// grouped with it too. A check that refuses a type plans again without
// it, so the names and edits it held are released.
func (p *Planner) Plan(fb Feedback) *Plan {
	for {
		plan := p.plan(fb)
		more := Feedback{Refuse: unsafeFiles(p.pl.prog, plan)}
		if len(more.Refuse) == 0 {
			more.Refuse = overlaps(p.pl.prog, plan)
		}
		if len(more.Refuse) == 0 {
			return plan
		}
		fb = fb.with(more)
	}
}

func (p *Planner) plan(fb Feedback) *Plan {
	pl, targets := p.pl, p.targets
	names := nameTable{}
	analyses := p.analyses
	emissions := map[*Target]*emission{}
	for _, t := range targets {
		if len(fb.Refuse[t]) > 0 {
			emissions[t] = &emission{}
			continue
		}
		emissions[t] = emitType(pl, analyses[t], names, fb.Pointer)
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
	adapterLinked, callLinked := map[*Target]bool{}, map[*Target]bool{}
	for _, t := range targets {
		a := analyses[t]
		for _, o := range append(append(append([]*Target(nil), a.links...), a.adapterLinked...), emissions[t].links...) {
			if x, y := find(t), find(o); x != y {
				parent[y] = x
			}
		}
		for _, o := range a.adapterLinked {
			adapterLinked[t], adapterLinked[o] = true, true
		}
		for _, o := range emissions[t].links {
			callLinked[t], callLinked[o] = true, true
		}
	}
	byRoot := map[*Target]*Group{}
	var out Plan
	for _, t := range targets {
		r := find(t)
		g := byRoot[r]
		if g == nil {
			g = &Group{names: map[string]bool{}, work: map[*Target]*typeWork{}}
			byRoot[r] = g
			out.Groups = append(out.Groups, g)
		}
		a, em := analyses[t], emissions[t]
		// Every reason, in the order found: the summary prints the first
		// one on the type's line and the others under it.
		refusals := append(append(append([]*Refusal(nil), a.refusals...), em.refusals...), fb.Refuse[t]...)
		g.Types = append(g.Types, t)
		g.Refusals = append(g.Refusals, refusals...)
		if len(refusals) == 0 {
			g.Edits = append(g.Edits, em.edits...)
			g.Funcs = append(g.Funcs, em.funcs...)
			g.Calls += a.calls
			files := map[string]bool{}
			for _, e := range em.edits {
				files[e.File] = true
			}
			g.work[t] = &typeWork{funcs: em.funcs, calls: a.calls, files: slices.Sorted(maps.Keys(files))}
			if em.byValue {
				g.ByValue = append(g.ByValue, t)
			} else if em.pointer != nil {
				g.Pointer = append(g.Pointer, em.pointer)
			}
		}
		for _, m := range a.members {
			g.names[m.fn.Name()] = true
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
				if callLinked[t] {
					why = "one statement calls both, and their calls keep their order only if both move"
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
			g.Edits, g.Funcs, g.Calls, g.ByValue, g.Pointer = nil, nil, 0, nil, nil
		}
		sort.Strings(g.Funcs)
	}
	return &out
}

// emitType turns an analysis that refuses nothing into edits.
func emitType(pl *planner, a *analysis, names nameTable, pointer map[string]string) (out *emission) {
	out = &emission{}
	if len(a.refusals) > 0 {
		return out
	}
	e := &emitter{planner: pl, a: a, names: names, out: out, pointer: pointer}
	defer func() {
		// A shape the planner mishandles refuses its type, not the run.
		if r := recover(); r != nil {
			out.edits = nil
			out.refusals = []*Refusal{{Type: a.t.Short, Reason: fmt.Sprintf("internal error while planning (please report): %v", r), Pos: pl.prog.Position(a.t.obj.Pos())}}
		}
	}()
	if pl.opts.ValueParams {
		// First, so that the conversion's edits that move a call or a
		// literal carry these with them (render).
		e.emitValueParams()
	}
	for _, use := range a.adapters {
		e.emitAdapter(use)
	}
	switch a.form {
	case formDelete:
		e.emitDelete()
	case formSameValue:
		e.emitSameValue()
	default:
		e.emitConversion()
	}
	for i := 0; i < len(out.finish) && len(out.refusals) == 0; i++ {
		out.finish[i]()
	}
	if len(out.refusals) > 0 {
		e.release() // its names are free for the types emitted after it
	}
	if len(out.refusals) == 0 {
		e.directiveResult()
	}
	return out
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

// newAnalyzer indexes the program for the analysis of targets.
func newAnalyzer(prog *program.Program, targets []*Target, opts PlanOptions) *planner {
	pl := &planner{prog: prog, ix: buildIndex(prog, targets), opts: opts}
	if opts.ValueParams {
		pl.vx = buildValueIndex(prog, pl.ix)
	}
	return pl
}

// planner is what analysis and emission read: the program and its index,
// neither changed after buildIndex.
type planner struct {
	prog *program.Program
	ix   *index
	opts PlanOptions
	vx   *valueIndex // with opts.ValueParams
	// callbackMemo caches nilOnlyViaCall, sentinelMemo isSentinel: both
	// functions of the program only.
	callbackMemo, sentinelMemo map[program.Key]bool
	// mockBodies are the bodies of every testify mock method (flow.go).
	mockBodies regions
}

func (ix *index) targetOfMethod(prog *program.Program, fn *types.Func) *Target {
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
func isWrite(s *site) bool { return writes(s, false) }

// writes is isWrite, or with byValue, writesField: a selector or index
// through a pointer, map or slice ends the climb as a read.
func writes(s *site, byValue bool) bool {
	info := s.pkg.TypesInfo
	through := func(x ast.Expr) bool {
		if !byValue {
			return false
		}
		switch info.TypeOf(x).Underlying().(type) {
		case *types.Pointer, *types.Map, *types.Slice:
			return true
		}
		return false
	}
	var x ast.Node = s.node()
	for up := 1; ; up++ {
		switch p := s.parent(up).(type) {
		case *ast.SelectorExpr:
			if p.X == x {
				if through(p.X) {
					return false
				}
				x = p
				continue
			}
		case *ast.IndexExpr:
			if p.X == x {
				if through(p.X) {
					return false
				}
				x = p
				continue
			}
		case *ast.ParenExpr:
			x = p
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
