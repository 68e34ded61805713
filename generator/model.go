package generator

import (
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/token"
	"go/types"
	"go/version"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/cqmodel"
)

// A root is a package with at least one //cq:command or //cq:query
// directive: the service's root package.
type root struct {
	pkg        *packages.Package
	dir        string
	services   []*service // sorted by name
	constraint constraint.Expr
	generics   bool // the module's Go version has type parameters (go1.18)
	mocks      bool // write the mock: testify's mock package resolves here
}

type service struct {
	name    string
	methods []*method // sorted by name
}

type method struct {
	name   string
	msg    *cqmodel.Message
	result types.Type // the U; nil when the method returns only an error
	ok     bool       // (U, bool) instead of (U, error)
	legacy bool       // the struct still has a Result field
	doc    string
}

func (m *method) param() string {
	if m.msg.Kind == cqmodel.Command {
		return "cmd"
	}
	return "query"
}

// buildRoots classifies every package and builds the model of those with
// directives, collecting every error in the input.
func buildRoots(pkgs []*packages.Package, fset *token.FileSet, cfg *cqmodel.Config) ([]*root, Errors) {
	var roots []*root
	var errs Errors
	at := func(pos token.Pos, format string, args ...any) {
		errs = append(errs, &Error{Pos: fset.Position(pos), Msg: fmt.Sprintf(format, args...)})
	}
	for _, p := range pkgs {
		if !hasDirective(p) {
			continue
		}
		// A syntax error may hide a directive: stop. Type errors need not:
		// the hand-written code may well use the interface cqgen is about
		// to write, or a method it is about to rename. What matters is
		// that the types cqgen renders are valid, checked per directive.
		var typeErr string
		for _, e := range p.Errors {
			switch {
			case e.Kind == packages.ParseError:
				errs = append(errs, packageError(p, e))
			case e.Kind == packages.TypeError && typeErr == "" && !isOurs(strings.SplitN(e.Pos, ":", 2)[0]):
				typeErr = packageError(p, e).Error()
			}
		}
		if p.Types == nil || p.TypesInfo == nil {
			continue
		}
		info := cqmodel.Classify(cfg, p.Syntax, p.Types, p.TypesInfo, nil)
		for _, de := range info.DirectiveErrors {
			at(de.Pos, "%s", de.Msg)
		}
		// cqlint's directive check asks the same question.
		methods, bad := info.ServiceMethods(fset, typeErr)
		for _, de := range bad {
			at(de.Pos, "%s", de.Msg)
		}
		if len(methods) == 0 {
			continue
		}
		r := &root{pkg: p, dir: packageDir(p, fset), generics: hasGenerics(p.Types.GoVersion())}
		byName := map[string]*service{}
		var constraints []constraint.Expr
		for _, sm := range methods {
			d := sm.Msg.Directive
			s := byName[d.Service]
			if s == nil {
				s = &service{name: d.Service}
				byName[d.Service] = s
				r.services = append(r.services, s)
			}
			s.methods = append(s.methods, &method{name: sm.Name, msg: sm.Msg, result: sm.Result, ok: d.OK, legacy: sm.Msg.Result != nil, doc: sm.Msg.Doc.Text()})
			if c := fileConstraint(sm.Msg.File); c != nil {
				constraints = append(constraints, c)
			}
		}
		sort.Slice(r.services, func(i, j int) bool { return r.services[i].name < r.services[j].name })
		for _, s := range r.services {
			sort.Slice(s.methods, func(i, j int) bool { return s.methods[i].name < s.methods[j].name })
		}
		r.constraint = conjunction(constraints)
		roots = append(roots, r)
	}
	errs.sort()
	return roots, errs
}

// hasDirective reports whether any file of p has a //cq: line, so that
// packages without one are not classified at all.
func hasDirective(p *packages.Package) bool {
	for _, f := range p.Syntax {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if cqmodel.IsDirectiveComment(c) {
					return true
				}
			}
		}
	}
	return false
}

func packageDir(p *packages.Package, fset *token.FileSet) string {
	if p.Dir != "" {
		return p.Dir
	}
	return filepath.Dir(fset.Position(p.Syntax[0].Package).Filename)
}

// fileConstraint is the //go:build constraint of a file, or nil.
func fileConstraint(f *ast.File) constraint.Expr {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if constraint.IsGoBuild(c.Text) {
				if e, err := constraint.Parse(c.Text); err == nil {
					return e
				}
			}
		}
	}
	return nil
}

// conjunction is the constraint under which every source file builds,
// which is when the generated files can: each distinct constraint once, in
// a stable order.
func conjunction(cs []constraint.Expr) constraint.Expr {
	uniq := map[string]constraint.Expr{}
	for _, c := range cs {
		uniq[c.String()] = c
	}
	keys := make([]string, 0, len(uniq))
	for k := range uniq {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out constraint.Expr
	for _, k := range keys {
		c := uniq[k]
		if out == nil {
			out = c
		} else {
			out = &constraint.AndExpr{X: out, Y: c}
		}
	}
	return out
}

// hasGenerics reports whether code for a package of Go version v may use
// type parameters and any; an unknown version is taken to be recent.
func hasGenerics(v string) bool { return v == "" || version.Compare(v, "go1.18") >= 0 }
