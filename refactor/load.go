package refactor

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// LoadMode is what the refactoring needs from go/packages: syntax and types
// of the module's packages; dependencies come from export data.
const LoadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// A Program is the loaded module: every package variant go/packages
// returned, and for each source file the one variant whose syntax the
// planner reads (the test variant when there is one, as it has the most
// files), so that each file is planned once.
type Program struct {
	Fset *token.FileSet
	// Pkgs are the packages with syntax, sorted by ID.
	Pkgs []*packages.Package
	// Owners are the packages whose syntax the planner reads, sorted by ID.
	Owners []*packages.Package
	// Files maps a file name to its syntax in its owner package.
	Files map[string]*ast.File
	owner map[string]*packages.Package
	srcs  map[string][]byte
}

// LoadError is an input that does not load or type-check.
type LoadError struct{ Errs []string }

func (e *LoadError) Error() string {
	return "the packages do not load or type-check:\n\t" + strings.Join(e.Errs, "\n\t")
}

// Load loads patterns from dir with their tests. tags are build tags.
func Load(dir string, patterns []string, tags string) (*Program, error) {
	cfg := &packages.Config{Mode: LoadMode, Dir: dir, Tests: true}
	if tags != "" {
		cfg.BuildFlags = []string{"-tags=" + tags}
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []string
	seen := map[string]bool{}
	prog := &Program{Files: map[string]*ast.File{}, owner: map[string]*packages.Package{}}
	for _, p := range roots {
		for _, e := range p.Errors {
			if s := e.Error(); !seen[s] {
				seen[s] = true
				errs = append(errs, s)
			}
		}
		if p.Fset != nil {
			prog.Fset = p.Fset
		}
		if len(p.Syntax) == 0 || strings.HasSuffix(p.ID, ".test") {
			continue
		}
		prog.Pkgs = append(prog.Pkgs, p)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, &LoadError{Errs: errs}
	}
	if len(prog.Pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	sort.Slice(prog.Pkgs, func(i, j int) bool { return prog.Pkgs[i].ID < prog.Pkgs[j].ID })
	for _, p := range prog.Pkgs {
		for i, f := range p.Syntax {
			name := prog.Fset.File(f.Pos()).Name()
			if cur := prog.owner[name]; cur == nil || len(p.Syntax) > len(cur.Syntax) {
				prog.owner[name] = p
				prog.Files[name] = p.Syntax[i]
			}
		}
	}
	owners := map[*packages.Package]bool{}
	for _, p := range prog.owner {
		owners[p] = true
	}
	for _, p := range prog.Pkgs {
		if owners[p] {
			prog.Owners = append(prog.Owners, p)
		}
	}
	return prog, nil
}

// owns reports whether p is the owner of f (a file of p).
func (prog *Program) owns(p *packages.Package, f *ast.File) bool {
	return prog.owner[prog.Fset.File(f.Pos()).Name()] == p
}

// A key names a declaration the same way in every package variant: with
// Tests: true, "p" and "p [p.test]" type-check the same file twice and give
// its objects different identities.
type key string

func (prog *Program) key(obj types.Object) key {
	if obj == nil || !obj.Pos().IsValid() {
		return ""
	}
	pos := prog.Fset.Position(obj.Pos())
	return key(fmt.Sprintf("%s:%d", pos.Filename, pos.Offset))
}

// position formats pos as file:line:col.
func (prog *Program) position(pos token.Pos) string {
	return prog.Fset.Position(pos).String()
}

// source returns the contents of a file of the program, read once.
func (prog *Program) source(name string) []byte {
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

// text is the source text of a node.
func (prog *Program) text(n ast.Node) string {
	s, e := prog.Fset.Position(n.Pos()), prog.Fset.Position(n.End())
	return string(prog.source(s.Filename)[s.Offset:e.Offset])
}

// indent is the leading white space of the line holding pos.
func (prog *Program) indent(pos token.Pos) string {
	p := prog.Fset.Position(pos)
	src := prog.source(p.Filename)
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

// importNames maps the import paths of a file's package to their package
// names.
func (prog *Program) importNames(file string) map[string]string {
	out := map[string]string{}
	if p := prog.owner[file]; p != nil {
		for path, ip := range p.Imports {
			out[path] = ip.Name
		}
	}
	return out
}
