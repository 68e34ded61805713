package generator

import (
	"errors"
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

// mockReserved are the method names a generated mock cannot have: its own
// EXPECT and what it promotes from testify's mock.Mock.
var mockReserved = map[string]bool{
	"EXPECT": true, "On": true, "Called": true, "MethodCalled": true, "Test": true, "TestData": true,
	"AssertExpectations": true, "AssertCalled": true, "AssertNotCalled": true,
	"AssertNumberOfCalls": true, "IsMethodCallable": true,
}

// buildRoots classifies every package and builds the model of those with
// directives, collecting every error in the input.
func buildRoots(pkgs []*packages.Package, fset *token.FileSet) ([]*root, Errors) {
	var roots []*root
	var errs Errors
	at := func(pos token.Pos, format string, args ...any) {
		errs = append(errs, &Error{Pos: fset.Position(pos), Msg: fmt.Sprintf(format, args...)})
	}
	cfg := cqmodel.DefaultConfig()
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
		r := &root{pkg: p, dir: packageDir(p, fset), generics: hasGenerics(p.Types.GoVersion())}
		byName := map[string]*service{}
		seen := map[string]*method{}   // service.method
		fields := map[string]*method{} // service.fake field
		var constraints []constraint.Expr
		for _, m := range info.Messages {
			d := m.Directive
			if d == nil || !m.Kind.IsRequest() {
				continue
			}
			meth, bad := newMethod(m, cfg, p, fset, at, typeErr)
			if bad {
				continue
			}
			key := d.Service + "." + meth.name
			if prev := seen[key]; prev != nil {
				at(keyPos(d, "method"), "method %s of %s collides with the one for %s at %s",
					meth.name, d.Service, prev.msg.Obj.Name(), fset.Position(prev.msg.Directive.Pos))
				continue
			}
			if mockReserved[meth.name] || meth.name == "Error" {
				at(keyPos(d, "method"), "method %s would clash with a name of the generated fake or mock (EXPECT, ExpectedError, testify mock.Mock's methods); choose another method=", meth.name)
				continue
			}
			clash := false
			for _, f := range fakeFields(meth) {
				if prev := fields[d.Service+"."+f]; prev != nil {
					at(keyPos(d, "method"), "method %s would give Fake%s a second field %s (the first is for %s); choose another method=", meth.name, d.Service, f, prev.msg.Obj.Name())
					clash = true
				}
				fields[d.Service+"."+f] = meth
			}
			if clash {
				continue
			}
			seen[key] = meth
			s := byName[d.Service]
			if s == nil {
				s = &service{name: d.Service}
				byName[d.Service] = s
				r.services = append(r.services, s)
			}
			s.methods = append(s.methods, meth)
			if c := fileConstraint(m.File); c != nil {
				constraints = append(constraints, c)
			}
		}
		if len(r.services) == 0 {
			continue
		}
		if p.Name == "main" {
			at(r.services[0].methods[0].msg.Directive.Pos, "directives in package main: the test doubles in package maintest could not import it")
			continue
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

// newMethod checks one directive and resolves its result type; bad means
// it reported an error.
func newMethod(m *cqmodel.Message, cfg *cqmodel.Config, p *packages.Package, fset *token.FileSet, at func(token.Pos, string, ...any), typeErr string) (_ *method, bad bool) {
	d := m.Directive
	name := m.Obj.Name()
	if !m.Obj.Exported() {
		at(d.Pos, "//cq:%s on unexported type %s: the test doubles in package %stest cannot name it", d.Kind, name, p.Name)
		return nil, true
	}
	if n, ok := m.Obj.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
		at(d.Pos, "//cq:%s on generic type %s: a service method cannot take an uninstantiated type", d.Kind, name)
		return nil, true
	}
	meth := &method{name: m.MethodName(cfg), msg: m, ok: d.OK, legacy: m.Result != nil, doc: m.Doc.Text()}
	if d.Result != "" {
		tv, err := types.Eval(fset, p.Types, d.Pos, d.Result)
		switch {
		case err != nil:
			msg := err.Error()
			var te types.Error
			if errors.As(err, &te) {
				msg = te.Msg // its position is in the expression, not the file
			}
			if strings.HasPrefix(msg, "undefined:") {
				msg += " (result= is resolved in the scope of the directive's file)"
			}
			at(keyPos(d, "result"), "result=%s: %s", d.Result, msg)
			return nil, true
		case !tv.IsType():
			at(keyPos(d, "result"), "result=%s is not a type", d.Result)
			return nil, true
		}
		meth.result = tv.Type
	}
	if meth.legacy {
		field := m.Result.Type()
		switch {
		case d.OK:
			at(keyPos(d, "ok"), "ok=true on %s, which has a Result field: its legacy handler returns an error, so the method returns (U, error)", name)
			return nil, true
		case meth.result == nil:
			meth.result = field
		case !types.Identical(meth.result, field):
			at(keyPos(d, "result"), "result=%s differs from the type of %s.Result (%s); omit result= for a struct with a Result field",
				d.Result, name, types.TypeString(field, types.RelativeTo(p.Types)))
			return nil, true
		}
	}
	if meth.result != nil {
		if findType(meth.result, isInvalid) != "" {
			at(keyPos(d, "result"), "the result type of %s is invalid, because of an error in package %s: %s", name, p.Name, typeErr)
			return nil, true
		}
		if u := findType(meth.result, unexportedOf(p.Types)); u != "" {
			at(keyPos(d, "result"), "result type mentions unexported %s, which the test doubles in package %stest cannot name", u, p.Name)
			return nil, true
		}
	}
	return meth, false
}

// fakeFields are the fields a method adds to the fake.
func fakeFields(m *method) []string {
	switch {
	case m.result == nil:
		return nil
	case m.ok:
		return []string{"Expected" + m.name, "Expected" + m.name + "OK"}
	}
	return []string{"Expected" + m.name}
}

func keyPos(d *cqmodel.Directive, key string) token.Pos {
	if p, ok := d.KeyPos[key]; ok {
		return p
	}
	return d.Pos
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

// findType returns the first non-empty answer of pred for t and the types
// t is written with (type arguments, elements, fields, signatures), or "".
func findType(t types.Type, pred func(types.Type) string) string {
	found := ""
	seen := map[types.Type]bool{}
	var walk func(types.Type)
	walk = func(t types.Type) {
		if found != "" || seen[t] {
			return
		}
		seen[t] = true
		if found = pred(t); found != "" {
			return
		}
		switch t := t.(type) {
		case *types.Named:
			for i := 0; i < t.TypeArgs().Len(); i++ {
				walk(t.TypeArgs().At(i))
			}
		case *types.Alias:
			for i := 0; i < t.TypeArgs().Len(); i++ {
				walk(t.TypeArgs().At(i))
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
				for i := 0; i < tup.Len(); i++ {
					walk(tup.At(i).Type())
				}
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				walk(t.Field(i).Type())
			}
		case *types.Interface:
			for i := 0; i < t.NumEmbeddeds(); i++ {
				walk(t.EmbeddedType(i))
			}
			for i := 0; i < t.NumExplicitMethods(); i++ {
				walk(t.ExplicitMethod(i).Type())
			}
		}
	}
	walk(t)
	return found
}

// unexportedOf names the unexported named types of pkg.
func unexportedOf(pkg *types.Package) func(types.Type) string {
	return func(t types.Type) string {
		var obj *types.TypeName
		switch t := t.(type) {
		case *types.Named:
			obj = t.Obj()
		case *types.Alias:
			obj = t.Obj()
		}
		if obj != nil && obj.Pkg() == pkg && !obj.Exported() {
			return obj.Name()
		}
		return ""
	}
}

func isInvalid(t types.Type) string {
	if t == types.Typ[types.Invalid] {
		return "invalid"
	}
	return ""
}

// hasGenerics reports whether code for a package of Go version v may use
// type parameters and any; an unknown version is taken to be recent.
func hasGenerics(v string) bool { return v == "" || version.Compare(v, "go1.18") >= 0 }
