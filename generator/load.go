package generator

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Config is what a run works on.
type Config struct {
	Dir         string   // directory patterns are relative to; "" is the current one
	Patterns    []string // package patterns; none means "."
	Tags        []string // build tags for the load; generated files carry the source files' constraints
	TemplateDir string   // overrides of the embedded templates; "" for none
}

// loadMode is what the model needs: syntax and types of the matched
// packages, and only export data of their dependencies.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
	packages.NeedTypes | packages.NeedTypesInfo | packages.NeedTypesSizes

// load loads every package the patterns match with one go/packages call,
// whatever their number. Packages that go list cannot list are errors;
// parse and type errors are left to the caller, which cares only about the
// packages that have directives.
func load(cfg Config) ([]*packages.Package, *token.FileSet, error) {
	fset := token.NewFileSet()
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	pcfg := &packages.Config{Mode: loadMode, Dir: cfg.Dir, Fset: fset}
	if len(cfg.Tags) > 0 {
		pcfg.BuildFlags = []string{"-tags=" + strings.Join(cfg.Tags, ",")}
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	if len(pkgs) == 0 {
		return nil, nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	var errs Errors
	for _, p := range pkgs {
		for _, e := range p.Errors {
			if e.Kind == packages.ListError && !isCompileOutput(e) {
				errs = append(errs, packageError(p, e))
			}
		}
	}
	if len(errs) > 0 {
		errs.sort()
		return nil, nil, errs
	}
	return pkgs, fset, nil
}

func packageError(p *packages.Package, e packages.Error) *Error {
	pos := e.Pos
	if pos == "" || pos == "-" {
		pos = p.PkgPath
	}
	// packages.Error keeps the position as text; Filename holds all of it.
	return &Error{Pos: token.Position{Filename: pos}, Msg: e.Msg}
}

// isOurs reports whether filename is a file cqgen writes, whose type errors
// are expected while it is stale and which is about to be replaced.
func isOurs(filename string) bool {
	switch filepath.Base(filename) {
	case ServiceFile, FakeFile, MockFile:
		return true
	}
	return false
}

// isCompileOutput reports whether e is the compiler's output for a package
// that does not build ("# path\n..."), which go list reports because
// loading with export data compiles the matched packages: the same
// problems come again as parse and type errors with positions.
func isCompileOutput(e packages.Error) bool { return strings.HasPrefix(e.Msg, "# ") }
