package report

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cqtools/cq/internal/planfile"
)

// A Summary is what the migration report counts: the html page, the
// stats table and the markdown checklist print the same one.
type Summary struct {
	Total        int
	Rules        []RuleCount // every rule, in the order given
	Packages     []PackageCount
	ResultFields []ResultPackage // the resultfield rule's Result fields, by package
	Findings     []Finding
	Plan         *planfile.Plan // nil without -refactor-plan
	Dir          string         // files are shown relative to it

	// The page's header: the main modules of the packages analyzed,
	// cqlint's version, and when the run was (shown in UTC; the zero
	// time shows none). The caller sets them, so that a test pins the
	// date.
	Modules []string
	Version string
	Date    time.Time

	// Links to the code: nil Link links nothing. Root is the directory
	// {path} is relative to, PlanDir that of the plan's module, against
	// which its positions are placed ("" when not among the modules
	// analyzed: they are not linked).
	Link    *LinkTemplate
	Root    string
	PlanDir string
}

// RuleCount is a rule's number of findings.
type RuleCount struct {
	Rule
	N int
}

// PackageCount is a package's number of findings, in all and by rule.
type PackageCount struct {
	Package string
	N       int
	ByRule  map[string]int
}

// ResultPackage holds the Result fields left in one package.
type ResultPackage struct {
	Package string
	Types   []ResultType
	Command string // one cqgen refactor command for all of them
}

// ResultType is one command or query with a Result field.
type ResultType struct {
	Name     string
	Package  string
	Pos      string // file:line:col, the file relative to the Summary's Dir
	File     string // absolute
	Line     int
	Col      int
	Handlers int    // functions reported for filling it in
	Command  string // the cqgen refactor command its message names
	Plan     *planfile.Type
	key      string // the command's --types value
}

// commandRx matches the command a resultfield message names, and the
// type it converts.
var commandRx = regexp.MustCompile("`(cqgen refactor [^`]*--types=([^`\\s]+)[^`]*)`")

// Summarize counts findings, the rule order and metadata given by rules.
func Summarize(fs []Finding, rules []Rule, plan *planfile.Plan, dir string) *Summary {
	s := &Summary{Total: len(fs), Findings: fs, Plan: plan, Dir: dir}
	byRule := map[string]int{}
	pkgs := map[string]*PackageCount{}
	for _, f := range fs {
		byRule[f.Rule]++
		p := pkgs[f.Package]
		if p == nil {
			p = &PackageCount{Package: f.Package, ByRule: map[string]int{}}
			pkgs[f.Package] = p
		}
		p.N++
		p.ByRule[f.Rule]++
	}
	for _, r := range rules {
		s.Rules = append(s.Rules, RuleCount{r, byRule[r.ID]})
	}
	for _, p := range pkgs {
		s.Packages = append(s.Packages, *p)
	}
	slices.SortFunc(s.Packages, func(a, b PackageCount) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Package, b.Package))
	})
	s.ResultFields = resultFields(fs, plan, dir)
	return s
}

// resultFields groups the Result-field findings by package, with the
// handlers reported for each type and the plan's verdict on it.
func resultFields(fs []Finding, plan *planfile.Plan, dir string) []ResultPackage {
	handlers := map[string]int{} // by the --types value
	var types []ResultType
	for _, f := range fs {
		if f.Rule != "resultfield" {
			continue
		}
		m := commandRx.FindStringSubmatch(f.Message)
		if m == nil {
			continue
		}
		if f.Ident != "Result" || f.Decl == "" || strings.Contains(f.Decl, ".") {
			handlers[m[2]]++
			continue
		}
		types = append(types, ResultType{Name: f.Decl, Package: f.Package, Pos: f.Pos(dir), File: f.File, Line: f.Line, Col: f.Col, Command: m[1], key: m[2]})
	}
	byPkg := map[string]*ResultPackage{}
	var order []string
	for _, t := range types {
		t.Handlers = handlers[t.key]
		if plan != nil {
			for i := range plan.Types {
				if pt := &plan.Types[i]; pt.Name == t.Name && pt.Package == t.Package {
					t.Plan = pt
				}
			}
		}
		p := byPkg[t.Package]
		if p == nil {
			p = &ResultPackage{Package: t.Package}
			byPkg[t.Package] = p
			order = append(order, t.Package)
		}
		p.Types = append(p.Types, t)
	}
	var out []ResultPackage
	for _, pkg := range order {
		p := byPkg[pkg]
		var names []string
		for _, t := range p.Types {
			names = append(names, t.key)
		}
		// The policy flags of the first message, then every type.
		first := p.Types[0].Command
		prefix, _, _ := strings.Cut(first, "--types=")
		p.Command = prefix + "--types=" + strings.Join(names, ",")
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b ResultPackage) int {
		return cmp.Or(cmp.Compare(len(b.Types), len(a.Types)), cmp.Compare(a.Package, b.Package))
	})
	return out
}

// ResultFieldCount is the number of Result fields left.
func (s *Summary) ResultFieldCount() int {
	n := 0
	for _, p := range s.ResultFields {
		n += len(p.Types)
	}
	return n
}
