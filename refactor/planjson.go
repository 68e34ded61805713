package refactor

import (
	"cmp"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cqtools/cq/internal/planfile"
	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/plan"
	"github.com/cqtools/cq/refactor/program"
)

// planJSON describes plan as the plan file (internal/planfile) does:
// every type of every group, its positions relative to root (the main
// module the run is in).
func planJSON(prog *program.Program, pl *plan.Plan) *planfile.Plan {
	mod := prog.RootModule()
	out := &planfile.Plan{Version: planfile.Version, Module: mod.Path}
	at := func(pos string) string { return relToRoot(mod.Dir, pos) }
	for _, g := range pl.Groups {
		for _, t := range g.Types {
			pt := planfile.Type{
				Name:    t.Obj.Name(),
				Package: t.Pkg.PkgPath,
				Result:  types.TypeString(flow.ResultType(t), relativeTo(t.Obj.Pkg())),
				Status:  planfile.Converted,
			}
			if len(g.Refusals) > 0 {
				pt.Status = planfile.Refused
				for _, r := range g.Refusals {
					if r.Type == t.Short {
						pt.Reasons = append(pt.Reasons, planfile.Reason{Pos: at(r.Pos), Message: r.Reason})
					}
				}
			} else if w := g.Work[t]; w != nil {
				for _, f := range w.Funcs {
					pos, name, _ := cutLast(f, " ")
					pt.Functions = append(pt.Functions, planfile.Func{Pos: at(pos), Name: name})
				}
				slices.SortFunc(pt.Functions, func(a, b planfile.Func) int { return cmp.Or(comparePos(a.Pos, b.Pos), cmp.Compare(a.Name, b.Name)) })
				pt.CallSites = w.Calls
				for _, f := range w.Files {
					pt.Files = append(pt.Files, at(f))
				}
			}
			if pt.Status == planfile.Converted {
				if slices.Contains(g.ByValue, t) {
					pt.Query = planfile.ByValue
				}
				for _, r := range g.Pointer {
					if r.Type == t.Short {
						pt.Query, pt.PointerReason = planfile.Pointer, &planfile.Reason{Pos: at(r.Pos), Message: r.Reason}
					}
				}
			}
			out.Types = append(out.Types, pt)
		}
	}
	return out
}

// relativeTo writes the types of pkg unqualified, others with their
// package's name: as pkg's source writes them.
func relativeTo(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}

// comparePos orders file:line:col positions by file, then line and
// column as numbers.
func comparePos(a, b string) int {
	split := func(p string) (string, int, int) {
		rest, col, _ := cutLast(p, ":")
		file, line, _ := cutLast(rest, ":")
		l, _ := strconv.Atoi(line)
		c, _ := strconv.Atoi(col)
		return file, l, c
	}
	af, al, ac := split(a)
	bf, bl, bc := split(b)
	return cmp.Or(cmp.Compare(af, bf), cmp.Compare(al, bl), cmp.Compare(ac, bc))
}

func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// relToRoot writes the file or file:line:col name relative to root, with
// slashes (../other/x.go for a file of another module of the workspace).
func relToRoot(root, name string) string {
	if r, err := filepath.Rel(root, name); err == nil && filepath.IsAbs(name) {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(name)
}
