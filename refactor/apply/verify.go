package apply

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"os"
	"sort"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/packages"
)

// A TypeError is an error the type checker found in the rewritten code.
type TypeError struct {
	File string // the file it is in
	Msg  string // file:line:col: message, positions in the rewritten file
}

// Verify type-checks, in memory, every package variant with a changed file
// and every package variant that imports one, directly or not, with the
// files of changed as their new contents. Unaffected imports are given to
// the type checker as already loaded, so only the affected packages are
// checked again.
func Verify(prog *program.Program, changed map[string][]byte) ([]TypeError, error) {
	affected := map[*packages.Package]bool{}
	var mark func(p *packages.Package) bool
	memo := map[*packages.Package]bool{}
	mark = func(p *packages.Package) bool {
		if v, ok := memo[p]; ok {
			return v
		}
		memo[p] = false
		hit := false
		for _, f := range p.CompiledGoFiles {
			if _, ok := changed[f]; ok {
				hit = true
			}
		}
		for _, ip := range p.Imports {
			if mark(ip) {
				hit = true
			}
		}
		memo[p] = hit
		if hit {
			affected[p] = true
		}
		return hit
	}
	for _, p := range prog.Pkgs {
		mark(p)
	}
	var errs []TypeError
	done := map[*packages.Package]*types.Package{}
	var check func(p *packages.Package) (*types.Package, error)
	check = func(p *packages.Package) (*types.Package, error) {
		if !affected[p] {
			return p.Types, nil
		}
		if tp, ok := done[p]; ok {
			return tp, nil
		}
		syntax := p.Syntax
		if len(syntax) == 0 {
			// A package loaded from export data (a test variant of a
			// dependency, "q [p.test]") that imports a changed package:
			// parse it, since its export data describes the old code.
			for _, name := range p.CompiledGoFiles {
				src, ok := changed[name]
				if !ok {
					var err error
					if src, err = os.ReadFile(name); err != nil {
						return nil, fmt.Errorf("cannot verify %s: %v", p.ID, err)
					}
				}
				f, err := parser.ParseFile(prog.Fset, name, src, parser.SkipObjectResolution)
				if err != nil {
					errs = append(errs, TypeError{File: name, Msg: err.Error()})
					done[p] = p.Types
					return p.Types, nil
				}
				syntax = append(syntax, f)
			}
			if len(syntax) == 0 {
				return nil, fmt.Errorf("cannot verify %s: it imports a changed package and has no source files", p.ID)
			}
		}
		var files []*ast.File
		for _, f := range syntax {
			name := prog.Fset.File(f.Pos()).Name()
			if src, ok := changed[name]; ok && len(p.Syntax) > 0 {
				nf, err := parser.ParseFile(prog.Fset, name, src, parser.SkipObjectResolution)
				if err != nil {
					errs = append(errs, TypeError{File: name, Msg: err.Error()})
					done[p] = p.Types
					return p.Types, nil
				}
				f = nf
			}
			files = append(files, f)
		}
		var ierr error
		cfg := &types.Config{
			Importer: importerFunc(func(path string) (*types.Package, error) {
				ip := p.Imports[path]
				if ip == nil {
					// An import the rewrite added (a type the new code names).
					ip = prog.ByPath(path)
				}
				if ip == nil {
					return nil, fmt.Errorf("%s: no package for import %q", p.ID, path)
				}
				t, err := check(ip)
				if err != nil && ierr == nil {
					ierr = err
				}
				return t, err
			}),
			Sizes: p.TypesSizes,
			Error: func(err error) {
				if te, ok := err.(types.Error); ok {
					errs = append(errs, TypeError{File: prog.At(te.Pos).Filename, Msg: prog.Position(te.Pos) + ": " + te.Msg})
					return
				}
				errs = append(errs, TypeError{Msg: err.Error()})
			},
		}
		if p.Module != nil && p.Module.GoVersion != "" {
			cfg.GoVersion = "go" + p.Module.GoVersion
		}
		tp, _ := cfg.Check(p.PkgPath, prog.Fset, files, nil)
		done[p] = tp
		return tp, ierr
	}
	var order []*packages.Package
	for p := range affected {
		order = append(order, p)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].ID < order[j].ID })
	for _, p := range order {
		if _, err := check(p); err != nil {
			return nil, err
		}
	}
	return dedupTypeErrors(errs), nil
}

func dedupTypeErrors(errs []TypeError) []TypeError {
	seen := map[string]bool{}
	var out []TypeError
	for _, e := range errs {
		if !seen[e.Msg] {
			seen[e.Msg] = true
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Msg < out[j].Msg })
	return out
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
