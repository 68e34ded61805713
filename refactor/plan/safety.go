package plan

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"

	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/program"
)

// unsafeFiles returns the converted types of plan whose edits are unsafe
// to write (an excluded file mentions one, or an edit reaches a file that
// must not be rewritten), with every reason, for the next plan.
func unsafeFiles(prog *program.Program, plan *Plan) map[*flow.Target][]*flow.Refusal {
	var carriers map[*flow.Target][]carrier
	if len(prog.Excluded) > 0 {
		carriers = carrierNames(prog, plan)
	}
	out := map[*flow.Target][]*flow.Refusal{}
	for _, g := range plan.Converted() {
		// Every reason: an excluded file's mention and each file that
		// must not be rewritten.
		var reasons, positions []string
		if reason, pos := excludedMention(prog, g, carriers); reason != "" {
			reasons, positions = append(reasons, reason), append(positions, pos)
		}
		files := map[string]bool{}
		for _, e := range g.Edits {
			files[e.File] = true
		}
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if reason := prog.NotRewritable(name); reason != "" {
				reasons, positions = append(reasons, reason), append(positions, prog.Position(g.Types[0].Obj.Pos()))
			}
		}
		for i := range reasons {
			for _, t := range g.Types {
				out[t] = append(out[t], &flow.Refusal{Type: t.Short, Reason: reasons[i], Pos: positions[i]})
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
func carrierNames(prog *program.Program, plan *Plan) map[*flow.Target][]carrier {
	byKey := map[program.Key]*flow.Target{}
	for _, g := range plan.Converted() {
		for _, t := range g.Types {
			byKey[t.Key] = t
		}
	}
	out := map[*flow.Target][]carrier{}
	seen := map[program.Key]bool{}
	for _, p := range prog.Owners {
		for _, obj := range p.TypesInfo.Defs {
			if obj == nil || seen[prog.Key(obj)] {
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
			seen[prog.Key(obj)] = true
			c := carrier{name: obj.Name()}
			if !obj.Exported() {
				// Only a file of the same directory can name it.
				c.dir = filepath.Dir(prog.At(obj.Pos()).Filename)
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
func involved(prog *program.Program, t types.Type, byKey map[program.Key]*flow.Target, acc []*flow.Target) []*flow.Target {
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if x := byKey[prog.Key(t.Obj())]; x != nil && !slices.Contains(acc, x) {
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
func excludedMention(prog *program.Program, g *Group, carriers map[*flow.Target][]carrier) (reason, pos string) {
	var names []string
	for _, t := range g.Types {
		names = append(names, t.Obj.Name())
	}
	names = append(names, slices.Sorted(maps.Keys(g.names))...)
	for _, ef := range prog.Excluded {
		found := ""
		for _, n := range names {
			if _, ok := ef.Mentions[n]; ok {
				found = n
				break
			}
		}
		for _, t := range g.Types {
			for _, c := range carriers[t] {
				if _, ok := ef.Mentions[c.name]; ok && found == "" && (c.dir == "" || c.dir == filepath.Dir(ef.Name)) {
					found = c.name
				}
			}
		}
		if found == "" {
			continue
		}
		reason = fmt.Sprintf("%s is excluded by build constraints and mentions %s; ", program.Rel(prog.Dir, ef.Name), found)
		if ef.Config != "" {
			reason += fmt.Sprintf("add --configs '%s'", ef.Config)
		} else {
			reason += "no build configuration cqgen could find includes it"
		}
		return reason, ef.Mentions[found].String()
	}
	return "", ""
}

// inFunc reports whether pos, in a file of the package whose scope is
// pkg, lies inside a function (its innermost scope is neither the
// package's nor a file's).
func inFunc(pkg *types.Scope, pos token.Pos) bool {
	in := pkg.Innermost(pos)
	return in != nil && in != pkg && in.Parent() != pkg
}
