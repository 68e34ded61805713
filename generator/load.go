package generator

import (
	"bytes"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/cqmodel"
)

// Config is what a run works on.
type Config struct {
	Dir         string   // directory patterns are relative to; "" is the current one
	Patterns    []string // package patterns; none means "."
	Tags        []string // build tags for the load; generated files carry the source files' constraints
	TemplateDir string   // overrides of the embedded templates; "" for none
	// Model is the command/query policy (cqlint's -cqmodel.* settings);
	// nil for the defaults.
	Model *cqmodel.Config
}

// loadMode is what the model needs: syntax and types of the matched
// packages, and only export data of their dependencies.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
	packages.NeedTypes | packages.NeedTypesInfo

// load loads every package the patterns match with one go/packages call,
// whatever their number. Packages that go list cannot list are errors;
// parse and type errors are left to the caller, which cares only about the
// packages that have directives.
func load(cfg Config) (pkgs []*packages.Package, fset *token.FileSet, bare []string, err error) {
	fset = token.NewFileSet()
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	patterns, bare, err = narrow(cfg.Dir, patterns)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(patterns) == 0 {
		return nil, fset, bare, nil // no directive anywhere
	}
	pcfg := &packages.Config{Mode: loadMode, Dir: cfg.Dir, Fset: fset}
	if len(cfg.Tags) > 0 {
		pcfg.BuildFlags = []string{"-tags=" + strings.Join(cfg.Tags, ",")}
	}
	pkgs, err = packages.Load(pcfg, patterns...)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(pkgs) == 0 {
		return nil, nil, nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
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
		return nil, nil, nil, errs
	}
	return pkgs, fset, bare, nil
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

// narrow replaces each pattern dir/... with the directories below dir
// that hold a //cq: line in a non-test Go file, skipping what the go
// command's ... skips (testdata, vendor, names starting with . or _, nested
// modules). Loading types makes go list compile every package it lists, so
// not listing the packages without directives (implementations, test
// doubles, the rest of a large module) is most of the speed of a run.
// Other patterns are kept as they are. bare lists the directories it
// walked that have no directive but do have a ServiceFile: output that
// may have outlived its directives.
func narrow(dir string, patterns []string) (out, bare []string, err error) {
	for _, pat := range patterns {
		base, ok := strings.CutSuffix(pat, "/...")
		if pat == "..." {
			base, ok = ".", true
		}
		if !ok || !(base == "." || base == ".." || strings.HasPrefix(base, "./") || strings.HasPrefix(base, "../") || filepath.IsAbs(base)) {
			out = append(out, pat)
			continue
		}
		root := base
		if !filepath.IsAbs(root) {
			root = filepath.Join(dir, base)
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				return nil
			}
			if path != root {
				name := d.Name()
				if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			has, err := dirHasDirective(path)
			if err != nil {
				return err
			}
			if has {
				rel, err := filepath.Rel(root, path)
				if err != nil {
					return err
				}
				p := filepath.ToSlash(filepath.Join(base, rel))
				if !filepath.IsAbs(p) && !strings.HasPrefix(p, ".") {
					p = "./" + p // a directory, not an import path
				}
				out = append(out, p)
			} else if _, err := os.Stat(filepath.Join(path, ServiceFile)); err == nil {
				bare = append(bare, path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return dedupe(out), bare, nil
}

// dedupe drops repeated patterns, keeping the first of each.
func dedupe(patterns []string) []string {
	seen := map[string]bool{}
	out := patterns[:0]
	for _, p := range patterns {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

var directiveBytes = []byte("//cq:")

func dirHasDirective(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		content, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return false, err
		}
		if bytes.Contains(content, directiveBytes) {
			return true, nil
		}
	}
	return false, nil
}
