package refactor

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/planfile"
	"github.com/cqtools/cq/refactor/apply"
	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/plan"
	"github.com/cqtools/cq/refactor/program"
)

// A Target is a type with a Result field that a run may convert.
type Target = flow.Target

// A Refusal says why a type is left as it is, and where.
type Refusal = flow.Refusal

// A Group is a set of types converted or refused together, with its edits.
type Group = plan.Group

// Mode is what Run does with the plan.
type Mode int

const (
	ModeWrite  Mode = iota // verify, then write the files
	ModeDiff               // verify, then print a unified diff
	ModeDryRun             // print the plan only
)

// Options configure Run.
type Options struct {
	Dir      string   // the directory to run in (the module, or inside it)
	Patterns []string // the packages whose types to convert; default ./...
	Tags     string   // build tags
	// Configs are build configurations loaded, planned and verified
	// besides the environment's own.
	Configs []program.BuildConfig
	// Types limits the run to these types: names (Name, pkg.Name or
	// path.Name) and package patterns (./x/..., import/path/...: the
	// types their packages declare); ExcludeTypes leaves these out.
	Types        []string
	ExcludeTypes []string
	Mode         Mode
	Config       *cqmodel.Config // nil: cqmodel.DefaultConfig()
	Progress     io.Writer       // progress lines; nil for none

	// ValueParams: producers take the query by value where that is safe
	// (--value-params).
	ValueParams bool
}

// Summary is the outcome of a run.
type Summary struct {
	Converted []*flow.Target
	Refusals  []*flow.Refusal // by type, each type's reasons in the order found
	Funcs     int             // functions and methods rewritten
	Calls     int             // call sites rewritten
	Files     []string        // files changed (or that would change)

	// With ValueParams: the converted types taken by value, and why the
	// others keep the pointer.
	ByValue []*flow.Target
	Pointer []*flow.Refusal
}

// Result is what a run planned and, in ModeDiff and ModeWrite, verified
// and rewrote; the caller prints it.
type Result struct {
	*Summary
	Mode Mode
	// Groups are the final plan's groups, converted and refused, in the
	// plan's order.
	Groups []*plan.Group
	// Plan describes every type as the plan file does (internal/planfile).
	Plan *planfile.Plan
	// Changes are the changed files (written in ModeWrite), by name.
	Changes []Change
}

// A Change is one file the rewrite changes: its absolute name, and its
// content before and after.
type Change struct {
	Name     string
	Old, New []byte
}

// VerifyError is a rewrite that does not type-check; nothing was written.
type VerifyError struct{ Errs []apply.TypeError }

func (e *VerifyError) Error() string {
	var b strings.Builder
	b.WriteString("the rewritten code does not type-check, so nothing was written:")
	for _, te := range e.Errs {
		b.WriteString("\n\t" + te.Msg)
	}
	return b.String()
}

// maxRetries bounds how often a verification failure makes Run refuse the
// types whose edits touch the failing files and try again.
const maxRetries = 3

// Run loads, plans, rewrites, verifies and (in ModeWrite) writes.
func Run(opts Options) (*Result, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = cqmodel.DefaultConfig()
	}
	only, except, err := filters(opts)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	progress := func(format string, args ...any) {
		if opts.Progress != nil {
			fmt.Fprintf(opts.Progress, "cqgen refactor: %5.1fs "+format+"\n", append([]any{time.Since(start).Seconds()}, args...)...)
		}
	}
	progress("loading %s", strings.Join(defaultPatterns(opts.Patterns), " "))
	prog, err := program.Load(opts.Dir, opts.Patterns, opts.Tags, opts.Configs...)
	if err != nil {
		return nil, err
	}
	progress("planning (%d packages)", len(prog.Owners))
	all := flow.FindTargets(prog, cfg, nil)
	targets, err := chooseTargets(prog, all, only, except)
	if err != nil {
		return nil, err
	}
	// One analysis per type, once; every plan below is made from it and
	// what the steps after a plan learned (Feedback).
	planner := plan.NewPlanner(prog, targets, flow.Options{ValueParams: opts.ValueParams})
	var fb plan.Feedback
	if len(targets) < len(all) {
		fb.Refuse = splitLinks(prog, copyLinks(prog, all), targets, except)
	}
	pl := planner.Plan(fb)
	if opts.Mode == ModeDryRun {
		return &Result{Summary: summarize(pl, nil), Mode: opts.Mode, Groups: pl.Groups, Plan: planJSON(prog, pl)}, nil
	}
	var files map[string][]byte
	for try := 0; ; try++ {
		progress("rewriting %d types", len(pl.Converted()))
		files, err = plan.Rewrite(prog, pl)
		if err != nil {
			return nil, err
		}
		if err := regenerate(prog, pl, opts.Dir, opts.Tags, files); err != nil {
			return nil, err
		}
		progress("verifying %d changed files", len(files))
		terrs, err := apply.Verify(prog, files)
		if err != nil {
			return nil, err
		}
		if len(terrs) == 0 {
			break
		}
		if failed := valueFailures(pl, terrs); len(failed) > 0 {
			// Keep those types' pointers and plan again, rather than
			// refuse their conversion.
			fb = fb.With(plan.Feedback{Pointer: failed})
			pl = planner.Plan(fb)
			try--
			continue
		}
		blamed, ok := blame(prog, pl, terrs)
		if try == maxRetries || !ok {
			return nil, &VerifyError{Errs: terrs}
		}
		fb = fb.With(plan.Feedback{Refuse: blamed})
		pl = planner.Plan(fb)
	}
	if err := checkEditable(prog, files); err != nil {
		return nil, err
	}
	if opts.Mode == ModeWrite {
		if err := apply.WriteFiles(prog, files); err != nil {
			return nil, err
		}
	}
	progress("done")
	res := &Result{Summary: summarize(pl, files), Mode: opts.Mode, Groups: pl.Groups, Plan: planJSON(prog, pl)}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		res.Changes = append(res.Changes, Change{Name: name, Old: prog.Source(name), New: files[name]})
	}
	return res, nil
}

func defaultPatterns(p []string) []string {
	if len(p) == 0 {
		return []string{"./..."}
	}
	return p
}

// filters reads opts.Types and opts.ExcludeTypes (nil when not given).
func filters(opts Options) (only, except *typeFilter, err error) {
	if len(opts.Types) > 0 {
		if only, err = newTypeFilter("--types", opts.Dir, opts.Types); err != nil {
			return nil, nil, err
		}
	}
	if len(opts.ExcludeTypes) > 0 {
		if except, err = newTypeFilter("--exclude-types", opts.Dir, opts.ExcludeTypes); err != nil {
			return nil, nil, err
		}
	}
	return only, except, nil
}

// blame returns the converted types with an edit in a file that has a
// type error, with the errors, for the next plan. It reports false when
// some error is in a file no group edited and names no converted type (the
// plan missed something: nothing to blame, so give up).
func blame(prog *program.Program, pl *plan.Plan, errs []apply.TypeError) (map[*flow.Target][]*flow.Refusal, bool) {
	byFile := map[string][]*plan.Group{}
	for _, g := range pl.Converted() {
		for _, e := range g.Edits {
			byFile[e.File] = append(byFile[e.File], g)
		}
	}
	out := map[*flow.Target][]*flow.Refusal{}
	for _, te := range errs {
		gs := byFile[te.File]
		if len(gs) == 0 {
			// An error in a file no type edited (a missed implementation,
			// say): blame the types the message names.
			for _, g := range pl.Converted() {
				for _, t := range g.Types {
					if strings.Contains(te.Msg, t.Name+" ") || strings.Contains(te.Msg, t.Name+")") || strings.Contains(te.Msg, t.Name+"\"") || strings.Contains(te.Msg, "."+t.Obj.Name()) {
						gs = append(gs, g)
						break
					}
				}
			}
		}
		if len(gs) == 0 {
			return nil, false
		}
		for _, g := range gs {
			for _, t := range g.Types {
				r := &flow.Refusal{Type: t.Short, Reason: "the converted code would not type-check: " + te.Msg, Pos: prog.Position(t.Obj.Pos())}
				if !slices.ContainsFunc(out[t], func(x *flow.Refusal) bool { return x.Reason == r.Reason }) {
					out[t] = append(out[t], r)
				}
			}
		}
	}
	return out, true
}

func summarize(pl *plan.Plan, files map[string][]byte) *Summary {
	sum := &Summary{}
	for _, g := range pl.Groups {
		if len(g.Refusals) > 0 {
			sum.Refusals = append(sum.Refusals, g.Refusals...)
			continue
		}
		sum.Converted = append(sum.Converted, g.Types...)
		sum.ByValue = append(sum.ByValue, g.ByValue...)
		sum.Pointer = append(sum.Pointer, g.Pointer...)
		sum.Funcs += len(g.Funcs)
		sum.Calls += g.Calls
	}
	if files != nil {
		sum.Files = slices.Sorted(maps.Keys(files))
	} else {
		seen := map[string]bool{}
		for _, g := range pl.Converted() {
			for _, e := range g.Edits {
				if !seen[e.File] {
					seen[e.File] = true
					sum.Files = append(sum.Files, e.File)
				}
			}
		}
		sort.Strings(sum.Files)
	}
	// By type, each type's reasons in the order found.
	sort.SliceStable(sum.Refusals, func(i, j int) bool { return sum.Refusals[i].Type < sum.Refusals[j].Type })
	return sum
}

// CountTypes is the number of types rs refuses (each may have several
// reasons).
func CountTypes(rs []*flow.Refusal) int {
	seen := map[string]bool{}
	for _, r := range rs {
		seen[r.Type] = true
	}
	return len(seen)
}

// RefusedTypes is the number of types refused.
func (s *Summary) RefusedTypes() int { return CountTypes(s.Refusals) }
