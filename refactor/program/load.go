package program

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/internal/gomod"
)

// LoadMode is what the refactoring needs from go/packages: syntax and types
// of the module's packages; dependencies come from export data.
const LoadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// A Program is every package of the main modules (the module, or every
// module of the workspace), with tests, in every build configuration
// loaded, and the packages the patterns match: every package variant
// go/packages returned, and for each source file the one variant whose
// syntax the planner reads (from the first configuration that includes
// the file, the test variant when there is one, as it has the most
// files), so that each file is planned once. All configurations share one
// FileSet, and a declaration's key (file:offset) is the same in each.
type Program struct {
	Fset *token.FileSet
	// Pkgs are the packages with syntax, sorted by ID and configuration.
	Pkgs []*packages.Package
	// Owners are the packages whose syntax the planner reads, sorted likewise.
	Owners []*packages.Package
	// Files maps a file name to its syntax in its owner package.
	Files map[string]*ast.File
	// Modules are the main modules: only files in their directories are
	// ever edited.
	Modules []Module
	// Configs are the build configurations loaded, the environment's first.
	Configs []BuildConfig
	// Excluded are the Go files of the main modules' package directories
	// that no loaded configuration includes.
	Excluded []*ExcludedFile

	Dir      string                       // where the run started, absolute
	Owner    map[string]*packages.Package // by file name
	ConfigOf map[*packages.Package]int    // index in Configs
	Selected map[string]bool              // import paths the patterns match
	Cgo      map[string]bool              // files the go command generated (cgo)
	srcs     map[string][]byte
	// realModules are the Modules' directories with symbolic links
	// resolved, once needed.
	realModules []string
}

// A Module is a main module: its path and directory.
type Module = gomod.Module

// LoadError is an input that does not load or type-check.
type LoadError struct{ Errs []string }

func (e *LoadError) Error() string {
	return "the packages do not load or type-check:\n\t" + strings.Join(e.Errs, "\n\t")
}

// Load loads, from dir, in the environment's build configuration and in
// each of configs, every package of every main module with its tests, and
// the packages patterns match (default ./...), in one go/packages load per
// configuration. Only the types of the packages patterns match are
// converted, but callers and implementations are everywhere. tags are
// build tags for every configuration.
func Load(dir string, patterns []string, tags string, configs ...BuildConfig) (*Program, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	mods, err := mainModules(abs)
	if err != nil {
		return nil, err
	}
	var all []string // every package of every main module
	for _, m := range mods {
		all = append(all, filepath.Join(m.Dir, "..."))
	}
	prog := NewProgram(abs, mods, configs)
	var errs []string
	seen := map[string]bool{}
	included := map[string]bool{}
	for i, bc := range prog.Configs {
		env := bc.env(os.Environ())
		flags := bc.buildFlags(tags)
		// Which packages the patterns match is a question of names only:
		// of directories for ./x/... patterns, else of a name-only go list.
		dirs, byDir := dirPatterns(abs, patterns)
		var named []*packages.Package
		if !byDir {
			named, err = packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedModule, Dir: abs, Env: env, BuildFlags: flags}, patterns...)
			if err != nil {
				return nil, err
			}
		}
		var deps []string
		for _, p := range named {
			if len(p.Errors) > 0 {
				continue
			}
			prog.Selected[p.PkgPath] = true
			// The standard library (no module) has no commands or queries.
			if !prog.IsMain(p) && p.Module != nil && i == 0 {
				deps = append(deps, p.PkgPath)
			}
		}
		cfg := &packages.Config{Mode: LoadMode, Dir: abs, Tests: true, Fset: prog.Fset, Env: env, BuildFlags: flags}
		roots, err := packages.Load(cfg, all...)
		if err != nil {
			return nil, err
		}
		if len(deps) > 0 {
			// Packages of dependencies the patterns match (all, an import
			// path) are loaded only to refuse their types, and without
			// tests: test variants of the whole build list, the standard
			// library included, would cost minutes.
			cfg.Tests = false
			more, err := packages.Load(cfg, deps...)
			if err != nil {
				return nil, err
			}
			roots = append(roots, more...)
		}
		for _, p := range roots {
			main := prog.IsMain(p)
			for _, e := range gomod.Errors(p) {
				s := e.Error()
				if i > 0 {
					s += " (in configuration " + bc.String() + ")"
				}
				if main && !seen[s] {
					seen[s] = true
					errs = append(errs, s)
				}
			}
			if len(p.Syntax) == 0 || strings.HasSuffix(p.ID, ".test") {
				continue
			}
			if byDir && main && dirs.match(p.Dir) {
				prog.Selected[p.PkgPath] = true
			}
			prog.ConfigOf[p] = i
			prog.Pkgs = append(prog.Pkgs, p)
			for _, f := range p.GoFiles {
				included[f] = true
			}
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, &LoadError{Errs: errs}
	}
	if len(prog.Selected) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	prog.AssignOwners()
	prog.Excluded, err = findExcluded(prog, included, tags)
	if err != nil {
		return nil, err
	}
	return prog, nil
}

func NewProgram(dir string, mods []Module, configs []BuildConfig) *Program {
	return &Program{
		Fset: token.NewFileSet(), Files: map[string]*ast.File{}, Modules: mods,
		Configs: append([]BuildConfig{{}}, configs...),
		Dir:     dir, Owner: map[string]*packages.Package{}, ConfigOf: map[*packages.Package]int{},
		Selected: map[string]bool{}, Cgo: map[string]bool{},
	}
}

// AssignOwners sorts Pkgs and chooses the owner of each file.
func (prog *Program) AssignOwners() {
	sort.SliceStable(prog.Pkgs, func(i, j int) bool {
		a, b := prog.Pkgs[i], prog.Pkgs[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return prog.ConfigOf[a] < prog.ConfigOf[b]
	})
	for _, p := range prog.Pkgs {
		gofiles := set(p.GoFiles...)
		for i, f := range p.Syntax {
			name := prog.Fset.File(f.Pos()).Name()
			if !gofiles[name] {
				prog.Cgo[name] = true
			}
			cur := prog.Owner[name]
			if cur == nil || prog.ConfigOf[p] < prog.ConfigOf[cur] || prog.ConfigOf[p] == prog.ConfigOf[cur] && len(p.Syntax) > len(cur.Syntax) {
				prog.Owner[name] = p
				prog.Files[name] = p.Syntax[i]
			}
		}
	}
	owners := map[*packages.Package]bool{}
	for _, p := range prog.Owner {
		owners[p] = true
	}
	for _, p := range prog.Pkgs {
		if owners[p] {
			prog.Owners = append(prog.Owners, p)
		}
	}
}

// dirSet are patterns that name directories of the main modules (".",
// "./x", "./x/...", "../y/..."), made absolute.
type dirSet []struct {
	dir       string
	recursive bool
}

// dirPatterns reads patterns as directories, or reports false when one
// is not a relative directory pattern (an import path, all, std, a
// pattern with ... inside).
func dirPatterns(dir string, patterns []string) (dirSet, bool) {
	var out dirSet
	for _, p := range patterns {
		rec := strings.HasSuffix(p, "/...")
		base := strings.TrimSuffix(p, "/...")
		if !(base == "." || base == ".." || strings.HasPrefix(base, "./") || strings.HasPrefix(base, "../")) || strings.Contains(base, "...") || !rec && p != base {
			return nil, false
		}
		out = append(out, struct {
			dir       string
			recursive bool
		}{filepath.Join(dir, base), rec})
	}
	return out, true
}

// match reports whether a package in directory d matches.
func (ps dirSet) match(d string) bool {
	for _, p := range ps {
		if d == p.dir {
			return true
		}
		if r, err := filepath.Rel(p.dir, d); p.recursive && err == nil && r != ".." && !strings.HasPrefix(r, "../") {
			return true
		}
	}
	return false
}

// mainModules are the main modules of dir (gomod.Modules), each with its
// go.mod.
func mainModules(dir string) ([]Module, error) {
	mods, err := gomod.Modules(dir)
	if err != nil {
		return nil, err
	}
	for _, m := range mods {
		if m.Dir == "" {
			return nil, fmt.Errorf("%s is not inside a module (no go.mod)", dir)
		}
	}
	return mods, nil
}

// IsMain reports whether p belongs to a main module.
func (prog *Program) IsMain(p *packages.Package) bool {
	return p.Module != nil && p.Module.Main
}

// IsSelected reports whether the patterns match p (an external test
// package goes with the package it tests).
func (prog *Program) IsSelected(p *packages.Package) bool {
	return prog.Selected[p.PkgPath] || prog.Selected[strings.TrimSuffix(p.PkgPath, "_test")]
}

// Owns reports whether p is the owner of f (a file of p).
func (prog *Program) Owns(p *packages.Package, f *ast.File) bool {
	return prog.Owner[prog.Fset.File(f.Pos()).Name()] == p
}

// A Key names a declaration the same way in every package variant: with
// Tests: true, "p" and "p [p.test]" type-check the same file twice and give
// its objects different identities.
type Key string

func (prog *Program) Key(obj types.Object) Key {
	if obj == nil || !obj.Pos().IsValid() {
		return ""
	}
	pos := prog.At(obj.Pos())
	return Key(fmt.Sprintf("%s:%d", pos.Filename, pos.Offset))
}

// At is where pos is in the file that was parsed, ignoring //line
// directives: every edit, source read, key and file name is a byte offset
// of that file, whatever a directive says.
func (prog *Program) At(pos token.Pos) token.Position {
	return prog.Fset.PositionFor(pos, false)
}

// Position formats pos as file:line:col for a message: in the file itself,
// or, for a file the go command generated from a cgo file, in that file
// (through the //line directives cgo writes).
func (prog *Program) Position(pos token.Pos) string {
	p := prog.At(pos)
	if prog.Cgo[p.Filename] {
		return prog.Fset.PositionFor(pos, true).String()
	}
	return p.String()
}

// Source returns the contents of a file of the program, read once.
func (prog *Program) Source(name string) []byte {
	if prog.srcs == nil {
		prog.srcs = map[string][]byte{}
	}
	if b, ok := prog.srcs[name]; ok {
		return b
	}
	b, _ := os.ReadFile(name)
	prog.srcs[name] = b
	return b
}

// Text is the source Text of a node.
func (prog *Program) Text(n ast.Node) string {
	s, e := prog.At(n.Pos()), prog.At(n.End())
	return string(prog.Source(s.Filename)[s.Offset:e.Offset])
}

// Indent is the leading white space of the line holding pos.
func (prog *Program) Indent(pos token.Pos) string {
	p := prog.At(pos)
	src := prog.Source(p.Filename)
	start := p.Offset
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	end := start
	for end < len(src) && (src[end] == '\t' || src[end] == ' ') {
		end++
	}
	return string(src[start:end])
}

// ImportNames maps the import paths of a file's package to their package
// names.
func (prog *Program) ImportNames(file string) map[string]string {
	out := map[string]string{}
	if p := prog.Owner[file]; p != nil {
		for path, ip := range p.Imports {
			out[path] = ip.Name
		}
	}
	return out
}
