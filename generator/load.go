package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/gomod"
)

// Config is what a run works on.
type Config struct {
	Dir         string   // directory patterns are relative to; "" is the current one
	Patterns    []string // package patterns; none means "."
	Tags        []string // build tags for the load; generated files carry the source files' constraints
	TemplateDir string   // overrides of the embedded templates; "" for none
	Mocks       MockMode // when to write the testify mock
	// Model is the command/query policy (cqlint's -cqmodel.* settings);
	// nil for the defaults.
	Model *cqmodel.Config
	// Overlay replaces the contents of files for the load, by absolute
	// path, as go/packages' Overlay does: cqgen refactor generates from
	// the sources it is about to write.
	Overlay map[string][]byte
	// Notes receives one-line notes that are not errors (a pattern that
	// matched no packages, a mock skipped); nil discards them.
	Notes io.Writer
}

func (cfg Config) note(format string, args ...any) {
	if cfg.Notes != nil {
		fmt.Fprintf(cfg.Notes, "cqgen: "+format+"\n", args...)
	}
}

// loadMode is what the model needs: syntax and types of the matched
// packages, and only export data of their dependencies.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
	packages.NeedTypes | packages.NeedTypesInfo | packages.NeedModule

// loaded is the outcome of the load step.
type loaded struct {
	pkgs []*packages.Package
	fset *token.FileSet
	bare []string // directories without a directive that have a ServiceFile
	errs Errors   // directives in _test.go files
	// matched: some package matched the patterns (patterns that match
	// none are noted as such).
	matched bool
}

// load loads every package the patterns match with one go/packages call,
// whatever their number. Packages that go list cannot list are errors;
// parse and type errors are left to the caller, which cares only about the
// packages that have directives. Directives in _test.go files, which the
// load does not see, are errors too.
func load(cfg Config) (*loaded, error) {
	ld := &loaded{fset: token.NewFileSet()}
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	n, err := narrow(cfg.Dir, patterns)
	if err != nil {
		return nil, err
	}
	ld.bare = n.bare
	for _, p := range n.empty {
		cfg.note("pattern %s matched no packages", p)
	}
	testDirs := n.tests
	if len(n.patterns) > 0 {
		pcfg := &packages.Config{Mode: loadMode, Dir: cfg.Dir, Fset: ld.fset, Overlay: cfg.Overlay}
		if len(cfg.Tags) > 0 {
			pcfg.BuildFlags = []string{"-tags=" + strings.Join(cfg.Tags, ",")}
		}
		ld.pkgs, err = packages.Load(pcfg, n.patterns...)
		if err != nil {
			return nil, orNoModule(cfg.Dir, err)
		}
		if len(ld.pkgs) == 0 {
			if err := gomod.Missing(cfg.Dir); err != nil {
				return nil, err
			}
			cfg.note("no packages match %s", strings.Join(n.patterns, " "))
		}
		var errs Errors
		for _, p := range ld.pkgs {
			for _, e := range p.Errors {
				if e.Kind == packages.ListError && !gomod.IsCompileOutput(e) {
					errs = append(errs, packageError(p, e))
				}
			}
			if p.Dir != "" {
				testDirs = append(testDirs, p.Dir)
			}
		}
		if len(errs) > 0 {
			return nil, orNoModule(cfg.Dir, sortedErrors(errs))
		}
	}
	ld.matched = len(n.patterns) == 0 && len(n.empty) == 0 || len(ld.pkgs) > 0
	if ld.errs, err = testFileDirectives(testDirs); err != nil {
		return nil, err
	}
	return ld, nil
}

// orNoModule replaces err by a *gomod.NoModuleError when there is no
// module to load from, which is what the go command's error then means.
func orNoModule(dir string, err error) error {
	if merr := gomod.Missing(dir); merr != nil {
		return merr
	}
	return err
}

// testFileDirectives reports every //cq: line in the _test.go files of
// dirs (cqmodel.TestFileDirectives), which cqgen's load does not include.
func testFileDirectives(dirs []string) (Errors, error) {
	var errs Errors
	fset := token.NewFileSet()
	sort.Strings(dirs)
	for _, dir := range dedupe(dirs) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			name := filepath.Join(dir, e.Name())
			content, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			if !bytes.Contains(content, directiveBytes) {
				continue
			}
			// A file with a syntax error still yields the comments
			// before it.
			f, _ := parser.ParseFile(fset, name, content, parser.ParseComments|parser.SkipObjectResolution)
			if f == nil {
				continue
			}
			for _, de := range cqmodel.TestFileDirectives(f) {
				errs = append(errs, &Error{Pos: fset.Position(de.Pos), Msg: de.Msg})
			}
		}
	}
	return errs, nil
}

func packageError(p *packages.Package, e packages.Error) *Error {
	if err := clauseError(e); err != nil {
		return err
	}
	pos := e.Pos
	if pos == "" || pos == "-" {
		pos = p.PkgPath
	}
	// packages.Error keeps the position as text; Filename holds all of it.
	return &Error{Pos: token.Position{Filename: pos}, Msg: e.Msg}
}

// mixedPackages is go list's error for a directory whose files disagree
// on the package name.
var mixedPackages = regexp.MustCompile(`^found packages (\S+) \((\S+)\) and (\S+) \((\S+)\) in (.+)$`)

// clauseError gives go list's "found packages a (x.go) and b (y.go)" the
// position of a package clause: the generated file's when one of the two
// is cqgen's (the package was renamed under it), else the second file's.
func clauseError(e packages.Error) *Error {
	m := mixedPackages.FindStringSubmatch(e.Msg)
	if m == nil {
		return nil
	}
	dir := m[5]
	here, hereName, other, otherName := m[4], m[3], m[2], m[1]
	isGenerated := func(name string) bool {
		c, err := os.ReadFile(filepath.Join(dir, name))
		return err == nil && IsGenerated(c)
	}
	generated := isGenerated(here)
	if !generated && isGenerated(other) {
		here, hereName, other, otherName = other, otherName, here, hereName
		generated = true
	}
	path := filepath.Join(dir, here)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.PackageClauseOnly)
	if err != nil {
		return nil
	}
	pos := fset.Position(f.Name.Pos())
	msg := fmt.Sprintf("package %s here, but package %s in %s", hereName, otherName, other)
	if generated {
		msg += fmt.Sprintf(": the package was renamed after cqgen generated %s; remove cqgen's files of package %s and run cqgen generate again", here, hereName)
	}
	return &Error{Pos: pos, Msg: msg}
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

// narrowed is what narrow found.
type narrowed struct {
	patterns []string // to load
	bare     []string // directories with no directive but a ServiceFile: output that may have outlived its directives
	tests    []string // directories with a //cq: line in a _test.go file
	empty    []string // dir/... patterns under which no directory holds a Go file
}

// narrow replaces each pattern dir/... with the directories below dir
// that hold a //cq: line in a non-test Go file, skipping what the go
// command's ... skips (testdata, vendor, names starting with . or _, nested
// modules). Loading types makes go list compile every package it lists, so
// not listing the packages without directives (implementations, test
// doubles, the rest of a large module) is most of the speed of a run.
// Other patterns are kept as they are.
func narrow(dir string, patterns []string) (*narrowed, error) {
	n := &narrowed{}
	for _, pat := range patterns {
		base, ok := strings.CutSuffix(pat, "/...")
		if pat == "..." {
			base, ok = ".", true
		}
		if !ok || !(base == "." || base == ".." || strings.HasPrefix(base, "./") || strings.HasPrefix(base, "../") || filepath.IsAbs(base)) {
			n.patterns = append(n.patterns, pat)
			continue
		}
		root := base
		if !filepath.IsAbs(root) {
			root = filepath.Join(dir, base)
		}
		if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
			n.empty = append(n.empty, pat) // as go list warns
			continue
		}
		goFiles := false
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
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
			found, err := dirDirectives(path)
			if err != nil {
				return err
			}
			goFiles = goFiles || found.goFiles
			if found.inTests {
				n.tests = append(n.tests, path)
			}
			if found.inSource {
				rel, err := filepath.Rel(root, path)
				if err != nil {
					return err
				}
				p := filepath.ToSlash(filepath.Join(base, rel))
				if !filepath.IsAbs(p) && !strings.HasPrefix(p, ".") {
					p = "./" + p // a directory, not an import path
				}
				n.patterns = append(n.patterns, p)
			} else if _, err := os.Stat(filepath.Join(path, ServiceFile)); err == nil {
				n.bare = append(n.bare, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if !goFiles {
			n.empty = append(n.empty, pat)
		}
	}
	n.patterns = dedupe(n.patterns)
	return n, nil
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

// directivesIn is what dirDirectives found in a directory.
type directivesIn struct {
	goFiles, inSource, inTests bool
}

func dirDirectives(dir string) (directivesIn, error) {
	var found directivesIn
	entries, err := os.ReadDir(dir)
	if err != nil {
		return found, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") {
			continue
		}
		found.goFiles = true
		test := strings.HasSuffix(name, "_test.go")
		if test && found.inTests || !test && found.inSource {
			continue
		}
		content, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return found, err
		}
		if bytes.Contains(content, directiveBytes) {
			if test {
				found.inTests = true
			} else {
				found.inSource = true
			}
		}
	}
	return found, nil
}
