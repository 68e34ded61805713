package refactor

import (
	"fmt"
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
)

// An excludedFile is a Go file of a main module's package directory that
// no loaded build configuration includes. It is only scanned: the names it
// mentions are all the planner can know of it.
type excludedFile struct {
	name     string
	mentions map[string]token.Position // each identifier, at its first use
	config   string                    // a configuration that includes it, "" if none found
}

// findExcluded scans every .go file under the main modules' directories
// (not testdata, vendor, nested modules, or directories the go command
// ignores) that is not in included. go list ./... leaves out directories
// whose files are all excluded, so the directories are walked here.
func findExcluded(prog *Program, included map[string]bool, tags string) ([]*excludedFile, error) {
	var out []*excludedFile
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
func scanExcluded(name string, src []byte, tags string) *excludedFile {
	ef := &excludedFile{name: name, mentions: map[string]token.Position{}}
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
			if _, ok := ef.mentions[lit]; !ok {
				ef.mentions[lit] = fset.PositionFor(pos, false)
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
	ef.config = suggestConfig(filepath.Base(name), expr, tags)
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

// unsafeFiles returns the converted types of plan whose edits are unsafe
// to write (an excluded file mentions one, or an edit reaches a file that
// must not be rewritten), with every reason, for the next plan.
func unsafeFiles(prog *Program, plan *Plan) map[*Target][]*Refusal {
	var carriers map[*Target][]carrier
	if len(prog.Excluded) > 0 {
		carriers = carrierNames(prog, plan)
	}
	out := map[*Target][]*Refusal{}
	for _, g := range plan.Converted() {
		// Every reason: an excluded file's mention and each file that
		// must not be rewritten.
		var reasons, positions []string
		if reason, pos := prog.excludedMention(g, carriers); reason != "" {
			reasons, positions = append(reasons, reason), append(positions, pos)
		}
		files := map[string]bool{}
		for _, e := range g.Edits {
			files[e.File] = true
		}
		for _, name := range sortedKeys(files) {
			if reason := prog.notRewritable(name); reason != "" {
				reasons, positions = append(reasons, reason), append(positions, prog.position(g.Types[0].obj.Pos()))
			}
		}
		for i := range reasons {
			for _, t := range g.Types {
				out[t] = append(out[t], &Refusal{Type: t.Short, Reason: reasons[i], Pos: positions[i]})
			}
		}
	}
	return out
}

// A carrier is a name through which a file could reach a value of a
// type; an unexported one only from a file of its directory (dir).
type carrier struct{ name, dir string }

// carrierNames are, for each converted type, the names through which a
// file outside the loaded configurations could reach a value of it:
// every package-level function, variable and constant, method and struct
// field of the loaded packages whose type involves it. A Result read
// needs such a value, so these names, with the type's own and its
// members', are what an excluded file must mention to be affected.
func carrierNames(prog *Program, plan *Plan) map[*Target][]carrier {
	byKey := map[key]*Target{}
	for _, g := range plan.Converted() {
		for _, t := range g.Types {
			byKey[t.key] = t
		}
	}
	out := map[*Target][]carrier{}
	seen := map[key]bool{}
	for _, p := range prog.Owners {
		for _, obj := range p.TypesInfo.Defs {
			if obj == nil || seen[prog.key(obj)] {
				continue
			}
			switch o := obj.(type) {
			case *types.Var:
				if !o.IsField() && o.Parent() != p.Types.Scope() {
					continue // a local or a parameter
				}
				if o.IsField() && inFunc(p.Types.Scope(), o.Pos()) {
					// A field of a struct declared in a function body (a
					// table test's cases): no other file can name it.
					continue
				}
			case *types.Func, *types.Const:
			default:
				continue
			}
			seen[prog.key(obj)] = true
			c := carrier{name: obj.Name()}
			if !obj.Exported() {
				// Only a file of the same directory can name it.
				c.dir = filepath.Dir(prog.at(obj.Pos()).Filename)
			}
			for _, t := range involved(prog, obj.Type(), byKey, nil) {
				out[t] = append(out[t], c)
			}
		}
	}
	return out
}

// involved are the targets of byKey that t mentions, through pointers,
// containers, signatures and unnamed structs.
func involved(prog *Program, t types.Type, byKey map[key]*Target, acc []*Target) []*Target {
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if x := byKey[prog.key(t.Obj())]; x != nil && !slices.Contains(acc, x) {
			acc = append(acc, x)
		}
		for i := 0; i < t.TypeArgs().Len(); i++ {
			acc = involved(prog, t.TypeArgs().At(i), byKey, acc)
		}
	case *types.Pointer:
		acc = involved(prog, t.Elem(), byKey, acc)
	case *types.Slice:
		acc = involved(prog, t.Elem(), byKey, acc)
	case *types.Array:
		acc = involved(prog, t.Elem(), byKey, acc)
	case *types.Chan:
		acc = involved(prog, t.Elem(), byKey, acc)
	case *types.Map:
		acc = involved(prog, t.Elem(), byKey, involved(prog, t.Key(), byKey, acc))
	case *types.Signature:
		for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
			for i := 0; i < tup.Len(); i++ {
				acc = involved(prog, tup.At(i).Type(), byKey, acc)
			}
		}
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			acc = involved(prog, t.Field(i).Type(), byKey, acc)
		}
	}
	return acc
}

// excludedMention looks for an excluded file that mentions the group by
// name: one of its types, one of its members (the functions and methods
// whose signatures change), or a name that carries one of its types (see
// carrierNames). It is conservative: a name is enough.
func (prog *Program) excludedMention(g *Group, carriers map[*Target][]carrier) (reason, pos string) {
	var names []string
	for _, t := range g.Types {
		names = append(names, t.obj.Name())
	}
	names = append(names, sortedKeys(g.names)...)
	for _, ef := range prog.Excluded {
		found := ""
		for _, n := range names {
			if _, ok := ef.mentions[n]; ok {
				found = n
				break
			}
		}
		for _, t := range g.Types {
			for _, c := range carriers[t] {
				if _, ok := ef.mentions[c.name]; ok && found == "" && (c.dir == "" || c.dir == filepath.Dir(ef.name)) {
					found = c.name
				}
			}
		}
		if found == "" {
			continue
		}
		reason = fmt.Sprintf("%s is excluded by build constraints and mentions %s; ", rel(prog.dir, ef.name), found)
		if ef.config != "" {
			reason += fmt.Sprintf("add --configs '%s'", ef.config)
		} else {
			reason += "no build configuration cqgen could find includes it"
		}
		return reason, ef.mentions[found].String()
	}
	return "", ""
}

// notRewritable says why cqgen must not rewrite the file name, or "".
func (prog *Program) notRewritable(name string) string {
	if prog.cgo[name] {
		if orig := prog.Fset.PositionFor(prog.Files[name].Package, true).Filename; orig != name {
			return rel(prog.dir, orig) + " uses cgo: cqgen refactor does not rewrite cgo files"
		}
		return name + " is generated by the go command: cqgen refactor does not rewrite it"
	}
	if p := prog.owner[name]; p == nil || !prog.isMain(p) || prog.mainModuleOf(name) == "" {
		return rel(prog.dir, name) + " is outside the main modules: cqgen refactor edits only the main modules"
	}
	if reason := prog.linkOutside(name); reason != "" {
		return reason
	}
	if fi, err := os.Stat(name); err == nil && fi.Mode().Perm()&0o200 == 0 {
		return rel(prog.dir, name) + " is read-only"
	}
	return ""
}

// linkOutside says, for a file of a main module reached through a
// symbolic link (the file's or a directory's), why it must not be
// written when what the link leads to is not a file of a main module:
// writing goes through the link. Both sides are compared resolved, as
// the module roots may be reached through links too. "" otherwise.
func (prog *Program) linkOutside(name string) string {
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return rel(prog.dir, name) + " cannot be resolved: " + err.Error()
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
	if dir, err := filepath.EvalSymlinks(prog.dir); err == nil {
		to = rel(dir, real)
	}
	if fi, err := os.Lstat(name); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return fmt.Sprintf("%s is a symbolic link to %s, outside the main modules: cqgen refactor does not write through it", rel(prog.dir, name), to)
	}
	return fmt.Sprintf("%s is reached through a symbolic link: it is %s, outside the main modules: cqgen refactor does not write through it", rel(prog.dir, name), to)
}

// mainModuleOf is the directory of the main module whose source file name
// is: the innermost directory above it with a go.mod must be a main
// module's, and no directory between them may be vendor. It is "" for any
// other file (a dependency, the module cache, GOROOT, the build cache).
func (prog *Program) mainModuleOf(name string) string {
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

// checkEditable is the last line of defence before anything is written or
// diffed: every file about to change must be a source file of a main
// module. Planning refuses types that would edit anything else, so a file
// here that is not is a bug, and nothing is written.
func checkEditable(prog *Program, files map[string][]byte) error {
	goroot := filepath.Clean(build.Default.GOROOT)
	for _, name := range sortedNames(files) {
		under := func(root string) bool {
			r, err := filepath.Rel(root, name)
			return root != "" && err == nil && !strings.HasPrefix(r, "..")
		}
		if prog.cgo[name] || prog.Files[name] == nil || prog.mainModuleOf(name) == "" || prog.linkOutside(name) != "" || under(goroot) || under(gomodcache()) {
			return fmt.Errorf("internal error (please report): the rewrite would change %s, which is not a source file of a main module; nothing was written", name)
		}
	}
	return nil
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

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// inFunc reports whether pos, in a file of the package whose scope is
// pkg, lies inside a function (its innermost scope is neither the
// package's nor a file's).
func inFunc(pkg *types.Scope, pos token.Pos) bool {
	in := pkg.Innermost(pos)
	return in != nil && in != pkg && in.Parent() != pkg
}
