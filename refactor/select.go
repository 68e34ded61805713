package refactor

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/plan"
	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/packages"
)

// A typeFilter is a --types or --exclude-types list: type names (Name,
// pkg.Name, path.Name) and package patterns, whose types are those their
// packages declare. Patterns are written as the go command's: relative
// to the directory of the run (./x, ./x/..., ../y/...) or import paths,
// with ... matching any string (example.com/m/pkg/services/...).
type typeFilter struct {
	flag  string
	items []filterItem
}

type filterItem struct {
	text string
	pkg  *regexp.Regexp // a package pattern: matches a package's directory or import path
	dir  bool           // pkg matches directories (a relative or absolute pattern)
}

// isPackagePattern tells a package pattern from a type name: a pattern
// starts with . or /, has ..., or is an import path whose last element has
// no dot (pkg/models.GetOrgQuery names a type; pkg/models a package).
func isPackagePattern(s string) bool {
	if s == "." || s == ".." || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || filepath.IsAbs(s) || strings.Contains(s, "...") {
		return true
	}
	i := strings.LastIndex(s, "/")
	return i >= 0 && !strings.Contains(s[i+1:], ".")
}

// patternRegexp is the go command's pattern rule: ... matches any string,
// and a trailing /... matches the path before it too (x/... matches x).
func patternRegexp(pattern string) *regexp.Regexp {
	rx := strings.ReplaceAll(regexp.QuoteMeta(pattern), `\.\.\.`, `.*`)
	if r, ok := strings.CutSuffix(rx, `/.*`); ok {
		rx = r + `(/.*)?`
	}
	return regexp.MustCompile(`^` + rx + `$`)
}

func newTypeFilter(flag, dir string, list []string) (*typeFilter, error) {
	f := &typeFilter{flag: flag}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil, fmt.Errorf("%s: an empty type name (give names like GetDashboardQuery or package patterns like ./pkg/services/dashboards/..., separated by commas)", flag)
		}
		it := filterItem{text: s}
		if isPackagePattern(s) {
			p := s
			if it.dir = !isImportPath(s); it.dir {
				if !filepath.IsAbs(p) {
					p = filepath.Join(abs, p)
				}
				p = filepath.ToSlash(filepath.Clean(p))
			}
			it.pkg = patternRegexp(p)
		}
		f.items = append(f.items, it)
	}
	return f, nil
}

func isImportPath(s string) bool {
	return !(s == "." || s == ".." || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || filepath.IsAbs(s))
}

// matchesPackage reports whether the package pattern it matches p (an
// external test package goes with the package it tests).
func (it *filterItem) matchesPackage(p *packages.Package) bool {
	if it.dir {
		return p.Dir != "" && it.pkg.MatchString(filepath.ToSlash(p.Dir))
	}
	return it.pkg.MatchString(strings.TrimSuffix(p.PkgPath, "_test"))
}

func (it *filterItem) matches(t *flow.Target) bool {
	if it.pkg != nil {
		return it.matchesPackage(t.Pkg)
	}
	return flow.Selected(t, []string{it.text})
}

// matches reports whether some item of f matches t.
func (f *typeFilter) matches(t *flow.Target) bool {
	for i := range f.items {
		if f.items[i].matches(t) {
			return true
		}
	}
	return false
}

// check returns an error for the first item that matches none of
// candidates: a pattern that matches no package of the main modules, or
// whose packages declare none of them, or a name no candidate has.
func (f *typeFilter) check(prog *program.Program, candidates []*flow.Target) error {
	var missing []string
	for i := range f.items {
		it := &f.items[i]
		found := false
		for _, t := range candidates {
			found = found || it.matches(t)
		}
		if found {
			continue
		}
		if it.pkg == nil {
			missing = append(missing, it.text)
			continue
		}
		matched, given := false, false
		for _, p := range prog.Owners {
			if prog.IsMain(p) && it.matchesPackage(p) {
				matched = true
				given = given || prog.IsSelected(p)
			}
		}
		switch {
		case !matched && !it.dir && dirMatches(prog, "./"+it.text):
			return fmt.Errorf("%s: %s matches no package of the main modules: it is read as an import path; for the directory, write ./%s", f.flag, it.text, it.text)
		case !matched:
			return fmt.Errorf("%s: %s matches no package of the main modules", f.flag, it.text)
		case !given:
			return fmt.Errorf("%s: no command or query with a Result field in %s: none of its packages is among the packages given (the package arguments choose the types first; %s narrows them)", f.flag, it.text, f.flag)
		default:
			return fmt.Errorf("%s: no command or query with a Result field in %s (its packages declare none)", f.flag, it.text)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: no command or query with a Result field named %s", f.flag, strings.Join(missing, ", "))
	}
	return nil
}

// dirMatches reports whether the relative pattern rel matches a package
// of the main modules.
func dirMatches(prog *program.Program, rel string) bool {
	it := filterItem{dir: true, pkg: patternRegexp(filepath.ToSlash(filepath.Join(prog.Dir, rel)))}
	for _, p := range prog.Owners {
		if prog.IsMain(p) && it.matchesPackage(p) {
			return true
		}
	}
	return false
}

// chooseTargets applies --types (only, nil for all) and --exclude-types
// (except) to the types the package arguments declare.
func chooseTargets(prog *program.Program, all []*flow.Target, only, except *typeFilter) ([]*flow.Target, error) {
	for _, f := range []*typeFilter{only, except} {
		if f != nil {
			if err := f.check(prog, all); err != nil {
				return nil, err
			}
		}
	}
	var out []*flow.Target
	for _, t := range all {
		if (only == nil || only.matches(t)) && (except == nil || !except.matches(t)) {
			out = append(out, t)
		}
	}
	return out, nil
}

// A copyLink is an assignment copying one type's Result into another's
// (cmd.Result = addKeyCmd.Result): the two are converted or refused
// together.
type copyLink struct {
	to, from *flow.Target
	pos      token.Pos
}

// copyLinks finds the assignments that copy the Result of one of targets
// into another's, in every file of the program.
func copyLinks(prog *program.Program, targets []*flow.Target) []copyLink {
	byField := map[program.Key]*flow.Target{}
	for _, t := range targets {
		byField[t.Field] = t
	}
	var out []copyLink
	for _, p := range prog.Owners {
		for _, f := range p.Syntax {
			if !prog.Owns(p, f) {
				continue
			}
			resultOf := func(e ast.Expr) *flow.Target {
				if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
					if s := p.TypesInfo.Selections[sel]; s != nil {
						return byField[prog.Key(s.Obj())]
					}
				}
				return nil
			}
			ast.Inspect(f, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok {
					return true
				}
				for _, r := range as.Rhs {
					from := resultOf(r)
					if from == nil {
						continue
					}
					for _, l := range as.Lhs {
						if to := resultOf(l); to != nil && to != from {
							out = append(out, copyLink{to: to, from: from, pos: as.Pos()})
						}
					}
				}
				return true
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// splitLinks returns the chosen types whose Result is copied into or
// from a type the selection leaves out, for the first plan: types so
// linked convert together.
func splitLinks(prog *program.Program, links []copyLink, chosen []*flow.Target, except *typeFilter) map[*flow.Target][]*flow.Refusal {
	in := map[*flow.Target]bool{}
	for _, t := range chosen {
		in[t] = true
	}
	out := map[*flow.Target][]*flow.Refusal{}
	for _, t := range chosen {
		for _, l := range links {
			other := l.from
			if l.from == t {
				other = l.to
			} else if l.to != t {
				continue
			}
			if in[other] {
				continue
			}
			why := "--types does not select it"
			if except != nil && except.matches(other) {
				why = "--exclude-types excludes it"
			}
			reason := fmt.Sprintf("its Result and %s's are copied into each other here, and %s: types so linked convert together (select both, or neither)", other.Short, why)
			out[t] = plan.DedupRefusals(append(out[t], &flow.Refusal{Type: t.Short, Reason: reason, Pos: prog.Position(l.pos)}))
		}
	}
	return out
}
