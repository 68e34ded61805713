package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cqtools/cq/analyzers/cqmodel"
)

// What cqgen owns, and so may replace or remove: the output files that
// begin with its header, and the names its output declares. Anything
// else at an output path or under one of those names is someone's work,
// and an error.

// generatedHeader is how a file cqgen wrote begins, whatever the templates.
var generatedHeader = []byte(cqmodel.GeneratedHeader)

// IsGenerated reports whether content is a file cqgen wrote.
func IsGenerated(content []byte) bool { return bytes.HasPrefix(content, generatedHeader) }

// checkOutputs reports every output path that holds a file cqgen did not
// write.
func checkOutputs(files []File) (Errors, error) {
	var errs Errors
	for _, f := range files {
		content, err := os.ReadFile(f.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, err
		}
		if !IsGenerated(content) {
			errs = append(errs, notOurs(f.Path))
		}
	}
	return errs, nil
}

// checkPackages reports every Go file in a directory cqgen writes into
// (dirs: directory to the package cqgen's files there declare) that
// declares another package, at its package clause: the output would not
// build beside it. A _test.go file may also declare the external test
// package (<name>_test), and a file only //go:build ignore includes
// belongs to no package.
func checkPackages(dirs map[string]string) (Errors, error) {
	var errs Errors
	fset := token.NewFileSet()
	for _, dir := range slices.Sorted(maps.Keys(dirs)) {
		want := dirs[dir]
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				continue // the go command reads neither
			}
			path := filepath.Join(dir, name)
			f, err := parser.ParseFile(fset, path, nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil || f.Name == nil || ignored(f) {
				continue // a syntax error is the load's to report
			}
			got := f.Name.Name
			if got == want || strings.HasSuffix(name, "_test.go") && got == want+"_test" {
				continue
			}
			errs = append(errs, &Error{Pos: fset.Position(f.Package),
				Msg: fmt.Sprintf("this file declares package %s, but cqgen writes files of package %s in %s; rename the package or move the file", got, want, filepath.Base(dir))})
		}
	}
	return errs, nil
}

// ignored reports whether f's build constraint is //go:build ignore, the
// idiom of a file in a package's directory that belongs to no package.
func ignored(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() > f.Package {
			break
		}
		for _, c := range g.List {
			if x, err := constraint.Parse(c.Text); err == nil && x.String() == "ignore" {
				return true
			}
		}
	}
	return false
}

func notOurs(path string) *Error {
	return &Error{Pos: token.Position{Filename: path, Line: 1, Column: 1},
		Msg: fmt.Sprintf("cqgen writes %s, but this file was not written by cqgen (it does not begin with %q); move it, or remove it to let cqgen write it", filepath.Base(path), generatedHeader)}
}

// A claim is a name cqgen's output declares in a package, and the
// directive that asks for it.
type claim struct {
	recv string // the type a method belongs to; "" for a top-level name
	name string
	by   *method
	key  string // the directive key that changes the name, if one does
}

// claims are the names r's output declares in the root package and in
// <root>test.
func (r *root) claims() (inRoot, inTest []claim) {
	for _, s := range r.services {
		first := s.methods[0]
		byService := func(name string) claim { return claim{name: name, by: first, key: "service"} }
		byMethod := func(recv string, m *method) claim { return claim{recv: recv, name: m.name, by: m, key: "method"} }
		inRoot = append(inRoot, byService(s.name))
		legacy := "Legacy" + s.name
		for i, m := range s.methods {
			if m.legacy {
				if !slices.ContainsFunc(s.methods[:i], func(m *method) bool { return m.legacy }) {
					inRoot = append(inRoot, claim{name: legacy, by: m, key: "service"})
				}
				inRoot = append(inRoot, byMethod(legacy, m))
			}
		}
		fake, mock := "Fake"+s.name, "Mock"+s.name
		inTest = append(inTest, byService(fake))
		for _, m := range s.methods {
			inTest = append(inTest, byMethod(fake, m))
		}
		if !r.mocks {
			continue
		}
		expecter := mock + "_Expecter"
		inTest = append(inTest, byService(mock), byService("New"+mock), byService(expecter), claim{recv: mock, name: "EXPECT", by: first, key: "service"})
		for _, m := range s.methods {
			inTest = append(inTest, claim{name: mock + "_" + m.name + "_Call", by: m, key: "method"}, byMethod(mock, m), byMethod(expecter, m))
		}
	}
	if r.mocks && r.generics {
		first := r.services[0].methods[0]
		for _, name := range []string{valueFunc, callFunc, callErrFunc} {
			inTest = append(inTest, claim{name: name, by: first})
		}
	}
	return inRoot, inTest
}

// checkNames reports every name r's output declares that a file cqgen did
// not write already declares, at that declaration, naming the directive
// that asks for it. The root package's files are all read, test files and
// files excluded by build constraints included: a name declared there
// breaks go test, or the build of another configuration.
func (r *root) checkNames(fset *token.FileSet) (Errors, error) {
	inRoot, inTest := r.claims()
	loaded := map[string]*ast.File{}
	for _, f := range r.pkg.Syntax {
		loaded[fset.Position(f.Package).Filename] = f
	}
	rootDecls, err := declsIn(r.dir, r.pkg.Name, loaded, fset)
	if err != nil {
		return nil, err
	}
	testPkg := r.pkg.Name + "test"
	testDecls, err := declsIn(filepath.Join(r.dir, testPkg), testPkg, nil, fset)
	if err != nil {
		return nil, err
	}
	var errs Errors
	report := func(cs []claim, decls map[string]token.Position, pkg string) {
		for _, c := range cs {
			key, what := c.name, c.name
			if c.recv != "" {
				key, what = c.recv+"."+c.name, "method "+c.recv+"."+c.name
			}
			pos, ok := decls[key]
			if !ok {
				continue
			}
			d := c.by.msg.Directive
			fix := "rename it"
			if c.key != "" {
				fix += ", or choose another " + c.key + "="
			}
			errs = append(errs, &Error{Pos: pos, Msg: fmt.Sprintf("%s is declared here, not by cqgen, but the //cq:%s at %s makes cqgen declare it in package %s; %s",
				what, d.Kind, fset.Position(d.Pos), pkg, fix)})
		}
	}
	report(inRoot, rootDecls, r.pkg.Name)
	report(inTest, testDecls, testPkg)
	return errs, nil
}

// declsIn maps the top-level names (and Type.Method for methods) declared
// in the Go files of dir whose package clause is pkg, except cqgen's own
// output, to their positions. loaded holds files already parsed.
func declsIn(dir, pkg string, loaded map[string]*ast.File, fset *token.FileSet) (map[string]token.Position, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	decls := map[string]token.Position{}
	for _, e := range entries {
		name := filepath.Join(dir, e.Name())
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || isOurs(name) {
			continue
		}
		f := loaded[name]
		if f == nil {
			if f, err = parser.ParseFile(fset, name, nil, parser.SkipObjectResolution); err != nil {
				continue // a syntax error is the build's to report; cqgen loads only what it must
			}
		}
		if f.Name.Name != pkg {
			continue // an external test package
		}
		add := func(key string, id *ast.Ident) {
			if _, dup := decls[key]; !dup && id.Name != "_" {
				decls[key] = fset.Position(id.Pos())
			}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					add(d.Name.Name, d.Name)
				} else if recv := recvName(d.Recv.List[0].Type); recv != "" {
					add(recv+"."+d.Name.Name, d.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						add(s.Name.Name, s.Name)
					case *ast.ValueSpec:
						for _, n := range s.Names {
							add(n.Name, n)
						}
					}
				}
			}
		}
	}
	return decls, nil
}

// recvName is the type name of a method receiver: T for T, *T, (*T),
// T[P].
func recvName(e ast.Expr) string {
	if star, ok := ast.Unparen(e).(*ast.StarExpr); ok {
		e = star.X
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		e = x.X
	case *ast.IndexListExpr:
		e = x.X
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// sortedErrors sorts errs and returns them, or nil when there are none.
func sortedErrors(errs Errors) error {
	if len(errs) == 0 {
		return nil
	}
	errs.sort()
	return errs
}
