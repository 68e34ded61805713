package plan

import (
	"maps"
	"slices"
	"sort"

	"github.com/cqtools/cq/refactor/edit"
	"github.com/cqtools/cq/refactor/emit"
	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/program"
)

// A Group is a set of types converted or refused together (types linked by
// copying one's Result into another's), with its edits.
type Group struct {
	Types    []*flow.Target
	Edits    []edit.Edit
	Refusals []*flow.Refusal // non-empty: the group is refused
	Funcs    []string        // functions and methods rewritten, as file:line:col name
	Calls    int             // call sites rewritten
	names    map[string]bool // the names of the functions and methods whose signatures change
	// With --value-params: the types whose producers take the query by
	// value, and why the others keep the pointer.
	ByValue []*flow.Target
	Pointer []*flow.Refusal
	// Work is, per type, its share of Funcs, Calls and Edits' files (for
	// the JSON summary).
	Work map[*flow.Target]*typeWork
}

// typeWork is what converting one type of a group rewrites.
type typeWork struct {
	Funcs []string // file:line:col name
	Calls int
	Files []string // sorted
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
// (package flow), then, for each type the analysis does not refuse, one
// emitter writing its edits (package emit); types linked by copying Result, or
// served by one Legacy adapter, are grouped and converted or refused
// together.
func MakePlan(prog *program.Program, targets []*flow.Target) *Plan {
	return NewPlanner(prog, targets, flow.Options{}).Plan(Feedback{})
}

// Feedback is what the steps after a plan learned, for the next plan:
// types to refuse, each with its reasons (a linked type the selection
// leaves out, a rewrite that does not type-check), and, with
// --value-params, types that keep their pointer, with why. A plan is never
// changed after it is made; what a later step finds makes a new one, from
// the same analyses.
type Feedback struct {
	Refuse  map[*flow.Target][]*flow.Refusal
	Pointer map[string]string // by flow.Target.Name
}

// With returns fb and more together; neither changes.
func (fb Feedback) With(more Feedback) Feedback {
	out := Feedback{Refuse: map[*flow.Target][]*flow.Refusal{}, Pointer: map[string]string{}}
	for _, x := range []Feedback{fb, more} {
		for t, rs := range x.Refuse {
			out.Refuse[t] = DedupRefusals(append(append([]*flow.Refusal(nil), out.Refuse[t]...), rs...))
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
	pl       *flow.Analyzer
	targets  []*flow.Target
	analyses map[*flow.Target]*flow.Analysis
}

// NewPlanner analyzes every target.
func NewPlanner(prog *program.Program, targets []*flow.Target, opts flow.Options) *Planner {
	pl := flow.NewAnalyzer(prog, targets, opts)
	p := &Planner{pl: pl, targets: targets, analyses: map[*flow.Target]*flow.Analysis{}}
	for _, t := range targets {
		p.analyses[t] = pl.Analyze(t)
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
		more := Feedback{Refuse: unsafeFiles(p.pl.Prog, plan)}
		if len(more.Refuse) == 0 {
			more.Refuse = overlaps(p.pl.Prog, plan)
		}
		if len(more.Refuse) == 0 {
			return plan
		}
		fb = fb.With(more)
	}
}

func (p *Planner) plan(fb Feedback) *Plan {
	pl, targets := p.pl, p.targets
	names := emit.Names{}
	analyses := p.analyses
	emissions := map[*flow.Target]*emit.Emission{}
	for _, t := range targets {
		if len(fb.Refuse[t]) > 0 {
			emissions[t] = &emit.Emission{}
			continue
		}
		emissions[t] = emit.Emit(pl, analyses[t], names, fb.Pointer)
	}
	// Union the types linked by copying Result.
	parent := map[*flow.Target]*flow.Target{}
	var find func(t *flow.Target) *flow.Target
	find = func(t *flow.Target) *flow.Target {
		if parent[t] == nil || parent[t] == t {
			return t
		}
		r := find(parent[t])
		parent[t] = r
		return r
	}
	adapterLinked, callLinked := map[*flow.Target]bool{}, map[*flow.Target]bool{}
	for _, t := range targets {
		a := analyses[t]
		for _, o := range append(append(append([]*flow.Target(nil), a.Links...), a.AdapterLinked...), emissions[t].Links...) {
			if x, y := find(t), find(o); x != y {
				parent[y] = x
			}
		}
		for _, o := range a.AdapterLinked {
			adapterLinked[t], adapterLinked[o] = true, true
		}
		for _, o := range emissions[t].Links {
			callLinked[t], callLinked[o] = true, true
		}
	}
	byRoot := map[*flow.Target]*Group{}
	var out Plan
	for _, t := range targets {
		r := find(t)
		g := byRoot[r]
		if g == nil {
			g = &Group{names: map[string]bool{}, Work: map[*flow.Target]*typeWork{}}
			byRoot[r] = g
			out.Groups = append(out.Groups, g)
		}
		a, em := analyses[t], emissions[t]
		// Every reason, in the order found: the summary prints the first
		// one on the type's line and the others under it.
		refusals := append(append(append([]*flow.Refusal(nil), a.Refusals...), em.Refusals...), fb.Refuse[t]...)
		g.Types = append(g.Types, t)
		g.Refusals = append(g.Refusals, refusals...)
		if len(refusals) == 0 {
			g.Edits = append(g.Edits, em.Edits...)
			g.Funcs = append(g.Funcs, em.Funcs...)
			g.Calls += a.Calls
			files := map[string]bool{}
			for _, e := range em.Edits {
				files[e.File] = true
			}
			g.Work[t] = &typeWork{Funcs: em.Funcs, Calls: a.Calls, Files: slices.Sorted(maps.Keys(files))}
			if em.ByValue {
				g.ByValue = append(g.ByValue, t)
			} else if em.Pointer != nil {
				g.Pointer = append(g.Pointer, em.Pointer)
			}
		}
		for _, m := range a.Members {
			g.names[m.Fn.Name()] = true
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
			var refs []*flow.Refusal
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
			g.Refusals = DedupRefusals(refs)
		}
		if len(g.Refusals) > 0 {
			g.Edits, g.Funcs, g.Calls, g.ByValue, g.Pointer = nil, nil, 0, nil, nil
		}
		sort.Strings(g.Funcs)
	}
	return &out
}

func DedupRefusals(rs []*flow.Refusal) []*flow.Refusal {
	seen := map[string]bool{}
	var out []*flow.Refusal
	for _, r := range rs {
		if s := r.String(); !seen[s] {
			seen[s] = true
			out = append(out, r)
		}
	}
	return out
}
