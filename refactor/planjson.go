package refactor

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/types"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// PlanJSONVersion is the version of the plan file's shape. The shape is
// stable: fields may be added, none removed or changed in meaning, within
// a version.
const PlanJSONVersion = 1

// PlanJSON is the plan as cqgen refactor --dry-run --json prints it, and
// as cqlint -format=html -refactor-plan=plan.json reads it: one entry per
// type with a Result field, converted or refused.
//
//	{
//	  "version": 1,
//	  "module": "github.com/grafana/grafana",
//	  "types": [
//	    {
//	      "name": "GetDashboardQuery",
//	      "package": "github.com/grafana/grafana/pkg/models",
//	      "result": "*Dashboard",
//	      "status": "converted",
//	      "functions": [{"pos": "pkg/services/sqlstore/dashboard.go:120:6", "name": "SQLStore.GetDashboard"}],
//	      "callSites": 14,
//	      "files": ["pkg/api/dashboard.go", "pkg/models/dashboards.go"]
//	    },
//	    {
//	      "name": "GetOrgQuery",
//	      "package": "github.com/grafana/grafana/pkg/models",
//	      "result": "*Org",
//	      "status": "refused",
//	      "reasons": [{"pos": "pkg/api/org.go:40:2", "message": "q.Result is read after a second dispatch"}]
//	    }
//	  ]
//	}
//
// Positions are file:line:col, files relative to the module's root.
type PlanJSON struct {
	Version int        `json:"version"`
	Module  string     `json:"module"`
	Types   []PlanType `json:"types"`
}

// PlanType is one type's entry.
type PlanType struct {
	Name    string `json:"name"`    // the type's name in its package
	Package string `json:"package"` // its package's import path
	Result  string `json:"result"`  // the Result field's type, as the package writes it
	Status  string `json:"status"`  // PlanConverted or PlanRefused
	// Reasons say why a refused type is left as it is (empty when
	// converted).
	Reasons []PlanReason `json:"reasons,omitempty"`
	// Functions are the handlers whose signatures become (U, error);
	// CallSites the calls rewritten; Files the files changed (for a
	// refused type: none).
	Functions []PlanFunc `json:"functions,omitempty"`
	CallSites int        `json:"callSites"`
	Files     []string   `json:"files,omitempty"`
	// Query is how a converted type's producers take the query with
	// --value-params: PlanByValue, or PlanPointer with PointerReason
	// saying why; empty without the flag.
	Query         string      `json:"query,omitempty"`
	PointerReason *PlanReason `json:"pointerReason,omitempty"`
}

// How producers take the query (PlanType.Query).
const (
	PlanByValue = "value"
	PlanPointer = "pointer"
)

// The statuses of a type.
const (
	PlanConverted = "converted"
	PlanRefused   = "refused"
)

// PlanReason is why a type is refused, at what blocks it.
type PlanReason struct {
	Pos     string `json:"pos"`
	Message string `json:"message"`
}

// PlanFunc is a function or method rewritten.
type PlanFunc struct {
	Pos  string `json:"pos"`
	Name string `json:"name"`
}

// ReadPlanJSON reads a plan file strictly: an unknown field, another
// version or status, or a refused type without a reason is an error.
func ReadPlanJSON(r io.Reader) (*PlanJSON, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var p PlanJSON
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("not a refactor plan: %v", err)
	}
	if p.Version != PlanJSONVersion {
		return nil, fmt.Errorf("refactor plan version %d, want %d", p.Version, PlanJSONVersion)
	}
	for i, t := range p.Types {
		switch {
		case t.Name == "" || t.Package == "":
			return nil, fmt.Errorf("refactor plan: type %d has no name or package", i+1)
		case t.Status != PlanConverted && t.Status != PlanRefused:
			return nil, fmt.Errorf("refactor plan: %s.%s: status %q, want %s or %s", t.Package, t.Name, t.Status, PlanConverted, PlanRefused)
		case t.Status == PlanRefused && len(t.Reasons) == 0:
			return nil, fmt.Errorf("refactor plan: %s.%s is refused without a reason", t.Package, t.Name)
		case t.Query != "" && t.Query != PlanByValue && t.Query != PlanPointer:
			return nil, fmt.Errorf("refactor plan: %s.%s: query %q, want %s or %s", t.Package, t.Name, t.Query, PlanByValue, PlanPointer)
		}
	}
	return &p, nil
}

// WritePlanJSON writes p with its types sorted by package and name, as
// indented JSON: the same plan gives the same bytes.
func WritePlanJSON(w io.Writer, p *PlanJSON) error {
	out := *p
	out.Version = PlanJSONVersion
	out.Types = slices.Clone(p.Types)
	if out.Types == nil {
		out.Types = []PlanType{}
	}
	slices.SortFunc(out.Types, func(a, b PlanType) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Name, b.Name))
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// planJSON describes plan as the plan file does: every type of every
// group, its positions relative to root (the main module the run is in).
func planJSON(prog *Program, plan *Plan) *PlanJSON {
	mod := prog.rootModule()
	out := &PlanJSON{Version: PlanJSONVersion, Module: mod.Path}
	at := func(pos string) string { return relToRoot(mod.Dir, pos) }
	for _, g := range plan.Groups {
		for _, t := range g.Types {
			pt := PlanType{
				Name:    t.obj.Name(),
				Package: t.pkg.PkgPath,
				Result:  types.TypeString(resultType(t), relativeTo(t.obj.Pkg())),
				Status:  PlanConverted,
			}
			if len(g.Refusals) > 0 {
				pt.Status = PlanRefused
				for _, r := range g.Refusals {
					if r.Type == t.Short {
						pt.Reasons = append(pt.Reasons, PlanReason{Pos: at(r.Pos), Message: r.Reason})
					}
				}
			} else if w := g.work[t]; w != nil {
				for _, f := range w.funcs {
					pos, name, _ := cutLast(f, " ")
					pt.Functions = append(pt.Functions, PlanFunc{Pos: at(pos), Name: name})
				}
				slices.SortFunc(pt.Functions, func(a, b PlanFunc) int { return cmp.Or(comparePos(a.Pos, b.Pos), cmp.Compare(a.Name, b.Name)) })
				pt.CallSites = w.calls
				for _, f := range w.files {
					pt.Files = append(pt.Files, at(f))
				}
			}
			if pt.Status == PlanConverted {
				if slices.Contains(g.ByValue, t) {
					pt.Query = PlanByValue
				}
				for _, r := range g.Pointer {
					if r.Type == t.Short {
						pt.Query, pt.PointerReason = PlanPointer, &PlanReason{Pos: at(r.Pos), Message: r.Reason}
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

// rootModule is the main module the run is in (the innermost whose
// directory holds it), or the first main module (a run from a go.work
// directory above them all).
func (prog *Program) rootModule() Module {
	var best Module
	for _, m := range prog.Modules {
		if r, err := filepath.Rel(m.Dir, prog.dir); err == nil && r != ".." && !strings.HasPrefix(r, "../") && len(m.Dir) > len(best.Dir) {
			best = m
		}
	}
	if best.Dir == "" && len(prog.Modules) > 0 {
		best = prog.Modules[0]
	}
	return best
}
