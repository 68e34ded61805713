package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"go/scanner"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/dave/jennifer/jen"
)

// The files cqgen writes for a root package: the first in the package's
// directory, the others in its <root>test subdirectory.
const (
	ServiceFile = "cq_service.gen.go"
	FakeFile    = "fake.gen.go"
	MockFile    = "mock.gen.go"
)

const testifyMock = "github.com/stretchr/testify/mock"

// FileData is what every template is executed with; templates/templates.go
// documents it for template authors.
type FileData struct {
	Package    string
	Constraint string
	Imports    string
	Root       string
	Services   []*ServiceData
	Decls      map[string]string
}

// ServiceData describes one service interface.
type ServiceData struct {
	Name, Fake, Mock, Legacy string
	Methods                  []*MethodData
	LegacyMethods            []*MethodData
	Decls                    map[string]string
}

// MethodData describes one method of a service.
type MethodData struct {
	Name, Message, Kind, Doc, Param string
	Signature, Result, Second       string
	Decls                           map[string]string
}

// A File is a generated file: its path and its content.
type File struct {
	Path    string
	Content []byte
}

// The paths of a root package's output.
func (r *root) servicePath() string { return filepath.Join(r.dir, ServiceFile) }
func (r *root) fakePath() string    { return filepath.Join(r.dir, r.pkg.Name+"test", FakeFile) }
func (r *root) mockPath() string    { return filepath.Join(r.dir, r.pkg.Name+"test", MockFile) }

// outputs are the paths render writes for r.
func (r *root) outputs() []string {
	paths := []string{r.servicePath(), r.fakePath()}
	if r.mocks {
		paths = append(paths, r.mockPath())
	}
	return paths
}

// render builds the files of a root package: the service file, the fake
// and, unless r.mocks is off, the mock.
func render(r *root, tmpl *template.Template) ([]File, error) {
	testPkg := r.pkg.Name + "test"
	outputs := []struct {
		path, pkgPath, pkgName string
		templates              []string
		build                  func(*FileData, *snippets)
	}{
		{r.servicePath(), r.pkg.PkgPath, r.pkg.Name, []string{"interface.tmpl", "adapter.tmpl"}, r.serviceDecls},
		{r.fakePath(), r.pkg.PkgPath + "/" + testPkg, testPkg, []string{"fake.tmpl"}, r.fakeDecls},
		{r.mockPath(), r.pkg.PkgPath + "/" + testPkg, testPkg, []string{"mock.tmpl"}, r.mockDecls},
	}
	if !r.mocks {
		outputs = outputs[:2]
	}
	var files []File
	for _, o := range outputs {
		sn := &snippets{f: jen.NewFilePathName(o.pkgPath, o.pkgName)}
		// The whole file is formatted once, after the templates ran.
		sn.f.NoFormat = true
		data := &FileData{Package: o.pkgName, Root: r.pkg.Name, Decls: map[string]string{}}
		if r.constraint != nil {
			data.Constraint = r.constraint.String()
		}
		for _, s := range r.services {
			sd := &ServiceData{Name: s.name, Fake: "Fake" + s.name, Mock: "Mock" + s.name, Legacy: "Legacy" + s.name, Decls: map[string]string{}}
			for _, m := range s.methods {
				md := &MethodData{Name: m.name, Message: m.msg.Obj.Name(), Kind: m.msg.Kind.String(), Doc: m.doc, Param: m.param(), Decls: map[string]string{}}
				sd.Methods = append(sd.Methods, md)
				if m.legacy {
					sd.LegacyMethods = append(sd.LegacyMethods, md)
				}
			}
			data.Services = append(data.Services, sd)
		}
		o.build(data, sn)
		imports, err := sn.render()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.path, err)
		}
		data.Imports = imports
		var buf bytes.Buffer
		for _, name := range append([]string{"header.tmpl"}, o.templates...) {
			if err := tmpl.ExecuteTemplate(&buf, name, data); err != nil {
				return nil, fmt.Errorf("%s: %w", o.path, err)
			}
		}
		src, err := format.Source(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("%s: the templates produced invalid Go: %v%s", o.path, err, offendingLine(buf.Bytes(), err))
		}
		files = append(files, File{Path: o.path, Content: src})
	}
	return files, nil
}

// snippets renders pieces of code in one jennifer file, so that they share
// one import block in which no two packages collide, then hands each piece
// back as text for a template to place.
type snippets struct {
	f       *jen.File
	pending []pending
}

type pending struct {
	code jen.Code
	set  func(string)
}

// decl schedules a top-level declaration; its text goes to into[key].
func (sn *snippets) decl(into map[string]string, key string, code jen.Code) {
	sn.pending = append(sn.pending, pending{code, func(s string) { into[key] = s }})
}

// signature schedules a method signature, Name(params) results.
func (sn *snippets) signature(into *string, name string, params, results jen.Code) {
	code := jen.Func().Id(name).Add(params).Add(results)
	sn.pending = append(sn.pending, pending{code, func(s string) { *into = strings.TrimPrefix(s, "func ") }})
}

// typ schedules a type expression.
func (sn *snippets) typ(into *string, t jen.Code) {
	sn.pending = append(sn.pending, pending{jen.Type().Id("_").Add(t), func(s string) { *into = strings.TrimPrefix(s, "type _ ") }})
}

const marker = "// cqgen:snippet "

// render renders every scheduled piece and returns the import block.
func (sn *snippets) render() (string, error) {
	for i, p := range sn.pending {
		sn.f.Comment(fmt.Sprintf("cqgen:snippet %d", i))
		sn.f.Add(p.code)
	}
	var buf bytes.Buffer
	if err := sn.f.Render(&buf); err != nil {
		return "", err
	}
	parts := strings.Split(buf.String(), "\n"+marker)
	head := parts[0]
	if len(parts)-1 != len(sn.pending) {
		return "", fmt.Errorf("internal error: %d snippets rendered, %d scheduled", len(parts)-1, len(sn.pending))
	}
	for i, part := range parts[1:] {
		_, text, _ := strings.Cut(part, "\n") // drop the marker's number
		sn.pending[i].set(strings.TrimSpace(text))
	}
	// head is "package x\n\nimport ...": keep the imports.
	_, imports, _ := strings.Cut(head, "\n")
	return groupImports(strings.TrimSpace(imports)), nil
}

// groupImports puts the standard library's imports first and the others
// after a blank line, as goimports does; jennifer sorts them as one list.
func groupImports(block string) string {
	body, ok := strings.CutPrefix(block, "import (\n")
	if !ok {
		return block // none, or a single import
	}
	var std, other []string
	for _, line := range strings.Split(strings.TrimSuffix(body, ")"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		path := line[strings.Index(line, `"`):]
		if first, _, _ := strings.Cut(strings.Trim(path, `"`), "/"); strings.Contains(first, ".") {
			other = append(other, "\t"+line)
		} else {
			std = append(std, "\t"+line)
		}
	}
	lines := std
	if len(std) > 0 && len(other) > 0 {
		lines = append(lines, "")
	}
	lines = append(lines, other...)
	return "import (\n" + strings.Join(lines, "\n") + "\n)"
}

// offendingLine quotes the line a syntax error is on, since the text the
// templates produced is not on disk for the user to look at.
func offendingLine(src []byte, err error) string {
	var list scanner.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return ""
	}
	lines := bytes.Split(src, []byte("\n"))
	if n := list[0].Pos.Line; n >= 1 && n <= len(lines) {
		return fmt.Sprintf("\n\tline %d: %s", n, bytes.TrimSpace(lines[n-1]))
	}
	return ""
}
