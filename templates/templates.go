// Package templates holds the text/template files that lay out what
// cqgen generate writes, one per output kind, embedded in the binary.
//
// jennifer builds every piece of Go code (signatures and declarations) and
// decides the imports; a template only places those pieces, writes the
// comments around them and chooses their order. A team can override any of
// the files with cqgen generate --template-dir DIR: a file of the same name
// in DIR replaces the embedded one, the others stay. A template must not
// refer to packages the code pieces do not already use, since the import
// block is fixed before it runs.
//
// Every template is executed with a *generator.FileData (see the generator
// package; its fields are listed here so that this is the one place to
// read):
//
//	FileData
//	  Package    string   name of the package the file is in
//	  Constraint string   //go:build expression carried over from the
//	                      source files ("" for none)
//	  Imports    string   the import block, or ""
//	  Root       string   name of the service's root package
//	  Services   []Service, sorted by name
//	  Decls      map[string]string: file-level declarations built by
//	             jennifer, for the mock: "mock.value" (generic helper),
//	             "mock.call" and "mock.callErr" (generic expectation types,
//	             each with ".run", ".return", ".runAndReturn"; a key is
//	             absent when no method needs it)
//
//	Service
//	  Name       string   interface name (service= of the directives)
//	  Fake       string   fake type name:  Fake<Name>
//	  Mock       string   mock type name:  Mock<Name>
//	  Legacy     string   adapter type name: Legacy<Name>
//	  Methods    []Method, sorted by name
//	  LegacyMethods []Method: the methods whose struct has a Result field
//	  Decls      map[string]string: declarations built by jennifer, keyed
//	             "fake", "fake.pin", "mock", "mock.pin", "mock.new",
//	             "mock.expecter", "mock.EXPECT", "legacy" (each one
//	             complete Go declaration; "legacy" only with LegacyMethods)
//
//	Method
//	  Name       string   method name
//	  Message    string   the command/query type name
//	  Kind       string   "command" or "query"
//	  Doc        string   the struct's doc comment without the directive
//	  Param      string   name of the second parameter: "cmd" or "query"
//	  Signature  string   Name(ctx context.Context, query T) (U, error)
//	  Result     string   U as this file spells it; "" when the method
//	                      returns only an error
//	  Second     string   "error", or "bool" for ok=true
//	  Decls      map[string]string: "fake", "mock", "mock.call" (an alias
//	             of a cqCall or cqCallErr instance), "mock.expect", "legacy";
//	             for modules before go1.18, which cannot use the generic
//	             types, "mock.call" is a struct type and "mock.run",
//	             "mock.return", "mock.runAndReturn" are its methods
//
// Functions available to templates: comment (text to // lines).
//
// The files and what they produce:
//
//	header.tmpl     the "Code generated" line, the build constraint, the
//	                package clause and the imports, for every file
//	interface.tmpl  the service interfaces (cq_service.gen.go)
//	adapter.tmpl    the Legacy<Service> adapters (cq_service.gen.go)
//	fake.tmpl       <root>test/fake.gen.go
//	mock.tmpl       <root>test/mock.gen.go
package templates

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var embedded embed.FS

// Names lists the template files, in the order the generator uses them.
var Names = []string{"header.tmpl", "interface.tmpl", "adapter.tmpl", "fake.tmpl", "mock.tmpl"}

// Load parses the embedded templates, each replaced by the file of the same
// name in dir when dir is not "" and has one. Template i is named Names[i].
func Load(dir string) (*template.Template, error) {
	root := template.New("cqgen").Funcs(template.FuncMap{"comment": comment})
	for _, name := range Names {
		text, err := fs.ReadFile(embedded, name)
		if err != nil {
			return nil, err
		}
		src := "embedded " + name
		if dir != "" {
			override, err := os.ReadFile(filepath.Join(dir, name))
			switch {
			case err == nil:
				text, src = override, filepath.Join(dir, name)
			case !os.IsNotExist(err):
				return nil, err
			}
		}
		if _, err := root.New(name).Parse(string(text)); err != nil {
			return nil, fmt.Errorf("template %s: %w", src, err)
		}
	}
	if dir != "" {
		// A misspelt override would otherwise be ignored without a word.
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmpl") && root.Lookup(e.Name()) == nil {
				return nil, fmt.Errorf("template dir %s: unknown template %s (want one of %s)", dir, e.Name(), strings.Join(Names, ", "))
			}
		}
	}
	return root, nil
}

// comment turns text into // comment lines.
func comment(text string) string {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return ""
	}
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			b.WriteString("//\n")
		} else {
			b.WriteString("// " + line + "\n")
		}
	}
	return b.String()
}
