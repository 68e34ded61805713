package plan

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/cqtools/cq/refactor/edit"
	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/program"
)

// overlaps returns the converted types of plan whose edits, composed
// (package edit), overlap those of an earlier group (in plan order), or each
// other, with where, for the next plan: edits are byte ranges of the
// original files, and two that overlap cannot both apply.
func overlaps(prog *program.Program, plan *Plan) map[*flow.Target][]*flow.Refusal {
	type clash struct {
		other *Group
		at    edit.Edit
	}
	groups := plan.Converted()
	byFile := compose(prog, groups)
	bad := map[*Group]clash{}
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		es := byFile[f]
		sort.SliceStable(es, func(i, j int) bool {
			if es[i].Start != es[j].Start {
				return es[i].Start < es[j].Start
			}
			return es[i].End-es[i].Start < es[j].End-es[j].Start
		})
		end, owner := -1, (*Group)(nil)
		for _, b := range es {
			if b.Start < end {
				later, earlier := owner, groups[b.Group]
				if groupIndex(plan, groups[b.Group]) > groupIndex(plan, owner) {
					later, earlier = groups[b.Group], owner
				}
				if _, ok := bad[later]; !ok {
					bad[later] = clash{earlier, b.Edit}
				}
			}
			if b.End > end {
				end, owner = b.End, groups[b.Group]
			}
		}
	}
	out := map[*flow.Target][]*flow.Refusal{}
	for g, c := range bad {
		pos := prog.Position(prog.Fset.File(prog.Files[c.at.File].Pos()).Pos(c.at.Start))
		for _, t := range g.Types {
			reason := "its edits overlap those of " + c.other.Types[0].Short + " here; convert it in a second run"
			if c.other == g {
				reason = "its edits overlap each other here (a shape the planner does not handle)"
			}
			out[t] = append(out[t], &flow.Refusal{Type: t.Short, Reason: reason, Pos: pos})
		}
	}
	return out
}

// Rewrite resolves the marks of the converted groups' edits (package edit),
// applies the edits and returns the new contents of each changed file,
// gofmt-formatted with imports fixed. A plan's edits never overlap
// (Planner.Plan refuses the types whose would); overlapping edits are an
// error.
func Rewrite(prog *program.Program, plan *Plan) (map[string][]byte, error) {
	byFile := compose(prog, plan.Converted())
	type job struct {
		file  string
		src   []byte
		edits []edit.Edit
		names map[string]string
		out   []byte
		err   error
	}
	var jobs []*job
	for f, es := range byFile {
		var edits []edit.Edit
		seen := map[edit.Edit]bool{}
		for _, e := range es {
			if !seen[e.Edit] {
				seen[e.Edit] = true
				edits = append(edits, e.Edit)
			}
		}
		jobs = append(jobs, &job{file: f, src: prog.Source(f), edits: edits, names: prog.ImportNames(f)})
	}
	// Formatting dominates; files are independent.
	var wg sync.WaitGroup
	next := make(chan *job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				j.out, j.err = edit.Apply(j.src, j.edits, j.names)
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	out := map[string][]byte{}
	for _, j := range jobs {
		if j.err != nil {
			return nil, fmt.Errorf("%s: %v", j.file, j.err)
		}
		out[j.file] = j.out
	}
	return out, nil
}

// compose resolves the markers of the edits of groups (package edit).
func compose(prog *program.Program, groups []*Group) map[string][]edit.Owned {
	edits := make([][]edit.Edit, len(groups))
	for i, g := range groups {
		edits[i] = g.Edits
	}
	return edit.Compose(prog.Source, edits)
}

func groupIndex(plan *Plan, g *Group) int {
	for i, x := range plan.Groups {
		if x == g {
			return i
		}
	}
	return -1
}
