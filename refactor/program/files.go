package program

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/scanner"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// An ExcludedFile is a Go file of a main module's package directory that
// no loaded build configuration includes. It is only scanned: the names it
// mentions are all the planner can know of it.
type ExcludedFile struct {
	Name     string
	Mentions map[string]token.Position // each identifier, at its first use
	Config   string                    // a configuration that includes it, "" if none found
}

// findExcluded scans every .go file under the main modules' directories
// (not testdata, vendor, nested modules, or directories the go command
// ignores) that is not in included. go list ./... leaves out directories
// whose files are all excluded, so the directories are walked here.
func findExcluded(prog *Program, included map[string]bool, tags string) ([]*ExcludedFile, error) {
	var out []*ExcludedFile
	for _, m := range prog.Modules {
		err := filepath.WalkDir(m.Dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path == m.Dir {
					return nil
				}
				if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor" {
					return filepath.SkipDir
				}
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir // another module, main or not
				}
				return nil
			}
			if !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || included[path] || !d.Type().IsRegular() {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, scanExcluded(path, src, tags))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("looking for files excluded by build constraints: %v", err)
		}
	}
	return out, nil
}

// scanExcluded reads the identifiers of an excluded file with the scanner,
// which, unlike the parser, also gets through a file that does not parse.
func scanExcluded(name string, src []byte, tags string) *ExcludedFile {
	ef := &ExcludedFile{Name: name, Mentions: map[string]token.Position{}}
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile(name, -1, len(src)), src, nil, scanner.ScanComments)
	var expr constraint.Expr
	var plus []constraint.Expr
	header := true // before the package clause
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.COMMENT:
			if header && constraint.IsGoBuild(lit) {
				expr, _ = constraint.Parse(lit)
			} else if header && constraint.IsPlusBuild(lit) {
				if x, err := constraint.Parse(lit); err == nil {
					plus = append(plus, x)
				}
			}
			continue
		case token.PACKAGE:
			header = false
		case token.IDENT:
			if _, ok := ef.Mentions[lit]; !ok {
				ef.Mentions[lit] = fset.PositionFor(pos, false)
			}
		}
	}
	if expr == nil {
		for _, x := range plus {
			if expr == nil {
				expr = x
			} else {
				expr = &constraint.AndExpr{X: expr, Y: x}
			}
		}
	}
	ef.Config = suggestConfig(filepath.Base(name), expr, tags)
	return ef
}

// suggestConfig finds a build configuration, as --configs takes it, that
// includes a file with this base name and build constraint: the file
// name's GOOS and GOARCH, and the fewest tags that satisfy the constraint,
// changing as little of the environment's configuration as it can. It
// returns "" when it finds none.
func suggestConfig(base string, expr constraint.Expr, tags string) string {
	ctx := build.Default
	fileOS, fileArch := osArchSuffix(base)
	var oses, arches, custom []string
	add := func(list []string, x string) []string {
		if x != "" && !slices.Contains(list, x) {
			list = append(list, x)
		}
		return list
	}
	release := set(ctx.ReleaseTags...)
	have := set(strings.Split(tags, ",")...)
	if fileOS != "" {
		oses = []string{fileOS}
	} else {
		oses = []string{ctx.GOOS}
	}
	if fileArch != "" {
		arches = []string{fileArch}
	} else {
		arches = []string{ctx.GOARCH}
	}
	var walk func(x constraint.Expr)
	walk = func(x constraint.Expr) {
		switch x := x.(type) {
		case *constraint.AndExpr:
			walk(x.X)
			walk(x.Y)
		case *constraint.OrExpr:
			walk(x.X)
			walk(x.Y)
		case *constraint.NotExpr:
			walk(x.X)
		case *constraint.TagExpr:
			switch t := x.Tag; {
			case knownOS[t]:
				if fileOS == "" {
					oses = add(oses, t)
				}
			case knownArch[t]:
				if fileArch == "" {
					arches = add(arches, t)
				}
			case t == "cgo", t == "unix", t == "gc", t == "gccgo", release[t], have[t], strings.HasPrefix(t, "go1."):
			default:
				custom = add(custom, t)
			}
		}
	}
	if expr != nil {
		walk(expr)
	}
	sort.Strings(custom)
	if len(custom) > 12 {
		custom = custom[:12] // 4,096 subsets are plenty
	}
	cgos := []bool{ctx.CgoEnabled, !ctx.CgoEnabled}
	best, bestCost := "", -1
	for _, goos := range oses {
		for _, goarch := range arches {
			for _, cgo := range cgos {
				for mask := 0; mask < 1<<len(custom); mask++ {
					on := map[string]bool{}
					for i, t := range custom {
						if mask&(1<<i) != 0 {
							on[t] = true
						}
					}
					ok := expr == nil || expr.Eval(func(tag string) bool {
						return tag == goos || tag == goarch || on[tag] || have[tag] || release[tag] || tag == "gc" ||
							tag == "cgo" && cgo || tag == "unix" && unixOS[goos] ||
							goos == "android" && tag == "linux" || goos == "illumos" && tag == "solaris" || goos == "ios" && tag == "darwin"
					})
					if !ok {
						continue
					}
					bc := BuildConfig{}
					cost := len(on)
					if goos != ctx.GOOS {
						bc.GOOS, cost = goos, cost+1
					}
					if goarch != ctx.GOARCH {
						bc.GOARCH, cost = goarch, cost+1
					}
					if cgo != ctx.CgoEnabled {
						bc.CGOEnabled, cost = map[bool]string{true: "1", false: "0"}[cgo], cost+1
					}
					for t := range on {
						bc.Tags = append(bc.Tags, t)
					}
					sort.Strings(bc.Tags)
					if s := bc.String(); s != "" && (bestCost < 0 || cost < bestCost) {
						best, bestCost = s, cost
					}
				}
			}
		}
	}
	return best
}

// osArchSuffix is the GOOS and GOARCH a file name's suffix requires
// (x_windows.go, x_linux_arm64_test.go), as the go command reads them: the
// part before the first underscore never counts.
func osArchSuffix(base string) (goos, goarch string) {
	name, _, _ := strings.Cut(base, ".")
	i := strings.Index(name, "_")
	if i < 0 {
		return "", ""
	}
	l := strings.Split(name[i:], "_")
	if n := len(l); n > 0 && l[n-1] == "test" {
		l = l[:n-1]
	}
	n := len(l)
	switch {
	case n >= 2 && knownOS[l[n-2]] && knownArch[l[n-1]]:
		return l[n-2], l[n-1]
	case n >= 1 && knownOS[l[n-1]]:
		return l[n-1], ""
	case n >= 1 && knownArch[l[n-1]]:
		return "", l[n-1]
	}
	return "", ""
}

// NotRewritable says why cqgen must not rewrite the file name, or "".
func (prog *Program) NotRewritable(name string) string {
	if prog.Cgo[name] {
		if orig := prog.Fset.PositionFor(prog.Files[name].Package, true).Filename; orig != name {
			return Rel(prog.Dir, orig) + " uses cgo: cqgen refactor does not rewrite cgo files"
		}
		return name + " is generated by the go command: cqgen refactor does not rewrite it"
	}
	if p := prog.Owner[name]; p == nil || !prog.IsMain(p) || prog.MainModuleOf(name) == "" {
		return Rel(prog.Dir, name) + " is outside the main modules: cqgen refactor edits only the main modules"
	}
	if reason := prog.LinkOutside(name); reason != "" {
		return reason
	}
	if fi, err := os.Stat(name); err == nil && fi.Mode().Perm()&0o200 == 0 {
		return Rel(prog.Dir, name) + " is read-only"
	}
	return ""
}

// LinkOutside says, for a file of a main module reached through a
// symbolic link (the file's or a directory's), why it must not be
// written when what the link leads to is not a file of a main module:
// writing goes through the link. Both sides are compared resolved, as
// the module roots may be reached through links too. "" otherwise.
func (prog *Program) LinkOutside(name string) string {
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return Rel(prog.Dir, name) + " cannot be resolved: " + err.Error()
	}
	if real == name {
		return ""
	}
	if prog.realModules == nil {
		for _, m := range prog.Modules {
			d, err := filepath.EvalSymlinks(m.Dir)
			if err != nil {
				d = m.Dir
			}
			prog.realModules = append(prog.realModules, d)
		}
	}
	if mainModuleIn(real, prog.realModules) != "" {
		return ""
	}
	to := real
	if dir, err := filepath.EvalSymlinks(prog.Dir); err == nil {
		to = Rel(dir, real)
	}
	if fi, err := os.Lstat(name); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return fmt.Sprintf("%s is a symbolic link to %s, outside the main modules: cqgen refactor does not write through it", Rel(prog.Dir, name), to)
	}
	return fmt.Sprintf("%s is reached through a symbolic link: it is %s, outside the main modules: cqgen refactor does not write through it", Rel(prog.Dir, name), to)
}

// MainModuleOf is the directory of the main module whose source file name
// is: the innermost directory above it with a go.mod must be a main
// module's, and no directory between them may be vendor. It is "" for any
// other file (a dependency, the module cache, GOROOT, the build cache).
func (prog *Program) MainModuleOf(name string) string {
	dirs := make([]string, len(prog.Modules))
	for i, m := range prog.Modules {
		dirs[i] = m.Dir
	}
	return mainModuleIn(name, dirs)
}

// mainModuleIn is mainModuleOf for the main modules in dirs.
func mainModuleIn(name string, dirs []string) string {
	dir := filepath.Dir(name)
	for {
		for _, d := range dirs {
			if d == dir {
				return dir
			}
		}
		if filepath.Base(dir) == "vendor" {
			return ""
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// IsMainSource reports whether the file name is a source file of a main
// module that the program loaded, not generated by cgo, not reached
// through a link that leaves the main modules, and not in GOROOT or the
// module cache.
func (prog *Program) IsMainSource(name string) bool {
	under := func(root string) bool {
		r, err := filepath.Rel(root, name)
		return root != "" && err == nil && !strings.HasPrefix(r, "..")
	}
	return !prog.Cgo[name] && prog.Files[name] != nil && prog.MainModuleOf(name) != "" && prog.LinkOutside(name) == "" &&
		!under(filepath.Clean(build.Default.GOROOT)) && !under(gomodcache())
}

func gomodcache() string {
	if v := os.Getenv("GOMODCACHE"); v != "" {
		return v
	}
	if gp := build.Default.GOPATH; gp != "" {
		return filepath.Join(filepath.SplitList(gp)[0], "pkg", "mod")
	}
	return ""
}

// ShortPos is pos as file:line, the file without its directory: enough
// to find it beside the refusal's own position.
func (prog *Program) ShortPos(pos token.Pos) string {
	p := prog.At(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// ByPath finds the package of an import path among the loaded packages
// and their dependencies, the build variant rather than a test variant.
func (prog *Program) ByPath(path string) *packages.Package {
	var found *packages.Package
	packages.Visit(prog.Pkgs, func(p *packages.Package) bool {
		if p.PkgPath == path && p.ID == path {
			found = p
		}
		return found == nil
	}, nil)
	return found
}

// RootModule is the main module the run is in (the innermost whose
// directory holds it), or the first main module (a run from a go.work
// directory above them all).
func (prog *Program) RootModule() Module {
	var best Module
	for _, m := range prog.Modules {
		if r, err := filepath.Rel(m.Dir, prog.Dir); err == nil && r != ".." && !strings.HasPrefix(r, "../") && len(m.Dir) > len(best.Dir) {
			best = m
		}
	}
	if best.Dir == "" && len(prog.Modules) > 0 {
		best = prog.Modules[0]
	}
	return best
}

// IfaceFuncType finds the syntax of an interface method: its type, its
// file and the position of its name, or nil.
func (prog *Program) IfaceFuncType(fn *types.Func) (*ast.FuncType, *ast.File, token.Pos) {
	pos := prog.At(fn.Pos())
	f := prog.Files[pos.Filename]
	if f == nil {
		return nil, nil, token.NoPos
	}
	at := prog.Fset.File(f.Pos()).Pos(pos.Offset)
	var ft *ast.FuncType
	ast.Inspect(f, func(n ast.Node) bool {
		if fld, ok := n.(*ast.Field); ok && len(fld.Names) == 1 && fld.Names[0].Pos() == at {
			ft, _ = fld.Type.(*ast.FuncType)
		}
		return ft == nil
	})
	return ft, f, at
}

// Rel is name relative to dir, slash-separated, when it lies below dir;
// name unchanged otherwise.
func Rel(dir, name string) string {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return name
	}
	if r, err := filepath.Rel(abs, name); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return name
}
