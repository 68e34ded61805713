// Package planfile is the refactor plan file's schema: what cqgen
// refactor --json writes and cqlint -refactor-plan reads. It imports
// nothing of the project, so that cqlint can read a plan without linking
// the refactoring engine that writes one.
package planfile

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// Version is the version of the plan file's shape. The shape is stable:
// fields may be added, none removed or changed in meaning, within a
// version.
const Version = 1

// Plan is the plan as cqgen refactor --dry-run --json prints it, and as
// cqlint -format=html -refactor-plan=plan.json reads it: one entry per
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
type Plan struct {
	Version int    `json:"version"`
	Module  string `json:"module"`
	Types   []Type `json:"types"`
}

// Type is one type's entry.
type Type struct {
	Name    string `json:"name"`    // the type's name in its package
	Package string `json:"package"` // its package's import path
	Result  string `json:"result"`  // the Result field's type, as the package writes it
	Status  string `json:"status"`  // Converted or Refused
	// Reasons say why a refused type is left as it is (empty when
	// converted).
	Reasons []Reason `json:"reasons,omitempty"`
	// Functions are the handlers whose signatures become (U, error);
	// CallSites the calls rewritten; Files the files changed (for a
	// refused type: none).
	Functions []Func   `json:"functions,omitempty"`
	CallSites int      `json:"callSites"`
	Files     []string `json:"files,omitempty"`
	// Query is how a converted type's producers take the query with
	// --value-params: ByValue, or Pointer with PointerReason saying why;
	// empty without the flag.
	Query         string  `json:"query,omitempty"`
	PointerReason *Reason `json:"pointerReason,omitempty"`
}

// How producers take the query (Type.Query).
const (
	ByValue = "value"
	Pointer = "pointer"
)

// The statuses of a type.
const (
	Converted = "converted"
	Refused   = "refused"
)

// Reason is why a type is refused, at what blocks it.
type Reason struct {
	Pos     string `json:"pos"`
	Message string `json:"message"`
}

// Func is a function or method rewritten.
type Func struct {
	Pos  string `json:"pos"`
	Name string `json:"name"`
}

// Read reads a plan file strictly: an unknown field, another version or
// status, or a refused type without a reason is an error.
func Read(r io.Reader) (*Plan, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var p Plan
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("not a refactor plan: %v", err)
	}
	if p.Version != Version {
		return nil, fmt.Errorf("refactor plan version %d, want %d", p.Version, Version)
	}
	for i, t := range p.Types {
		switch {
		case t.Name == "" || t.Package == "":
			return nil, fmt.Errorf("refactor plan: type %d has no name or package", i+1)
		case t.Status != Converted && t.Status != Refused:
			return nil, fmt.Errorf("refactor plan: %s.%s: status %q, want %s or %s", t.Package, t.Name, t.Status, Converted, Refused)
		case t.Status == Refused && len(t.Reasons) == 0:
			return nil, fmt.Errorf("refactor plan: %s.%s is refused without a reason", t.Package, t.Name)
		case t.Query != "" && t.Query != ByValue && t.Query != Pointer:
			return nil, fmt.Errorf("refactor plan: %s.%s: query %q, want %s or %s", t.Package, t.Name, t.Query, ByValue, Pointer)
		}
	}
	return &p, nil
}

// Write writes p with its types sorted by package and name, as indented
// JSON: the same plan gives the same bytes.
func Write(w io.Writer, p *Plan) error {
	out := *p
	out.Version = Version
	out.Types = slices.Clone(p.Types)
	if out.Types == nil {
		out.Types = []Type{}
	}
	slices.SortFunc(out.Types, func(a, b Type) int {
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
