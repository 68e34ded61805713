package refactor

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/imports"
)

// overlaps returns the converted types of plan whose edits, composed
// (compose.go), overlap those of an earlier group (in plan order), or each
// other, with where, for the next plan: edits are byte ranges of the
// original files, and two that overlap cannot both apply.
func overlaps(prog *program.Program, plan *Plan) map[*Target][]*Refusal {
	type clash struct {
		other *Group
		at    Edit
	}
	byFile := compose(prog, plan.Converted())
	bad := map[*Group]clash{}
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		es := byFile[f]
		sort.SliceStable(es, func(i, j int) bool {
			if es[i].Start != es[j].Start {
				return es[i].Start < es[j].Start
			}
			return es[i].End-es[i].Start < es[j].End-es[j].Start
		})
		end, owner := -1, (*Group)(nil)
		for _, b := range es {
			if b.Start < end {
				later, earlier := owner, b.g
				if groupIndex(plan, b.g) > groupIndex(plan, owner) {
					later, earlier = b.g, owner
				}
				if _, ok := bad[later]; !ok {
					bad[later] = clash{earlier, b.Edit}
				}
			}
			if b.End > end {
				end, owner = b.End, b.g
			}
		}
	}
	out := map[*Target][]*Refusal{}
	for g, c := range bad {
		pos := prog.Position(prog.Fset.File(prog.Files[c.at.File].Pos()).Pos(c.at.Start))
		for _, t := range g.Types {
			reason := "its edits overlap those of " + c.other.Types[0].Short + " here; convert it in a second run"
			if c.other == g {
				reason = "its edits overlap each other here (a shape the planner does not handle)"
			}
			out[t] = append(out[t], &Refusal{Type: t.Short, Reason: reason, Pos: pos})
		}
	}
	return out
}

// Rewrite resolves the marks of the converted groups' edits (compose.go),
// applies the edits and returns the new contents of each changed file,
// gofmt-formatted with imports fixed. A plan's edits never overlap
// (Planner.Plan refuses the types whose would); overlapping edits are an
// error.
func Rewrite(prog *program.Program, plan *Plan) (map[string][]byte, error) {
	byFile := compose(prog, plan.Converted())
	type job struct {
		file  string
		src   []byte
		edits []Edit
		names map[string]string
		out   []byte
		err   error
	}
	var jobs []*job
	for f, es := range byFile {
		var edits []Edit
		seen := map[Edit]bool{}
		for _, e := range es {
			if !seen[e.Edit] {
				seen[e.Edit] = true
				edits = append(edits, e.Edit)
			}
		}
		jobs = append(jobs, &job{file: f, src: prog.Source(f), edits: edits, names: prog.ImportNames(f)})
	}
	// Formatting dominates; files are independent.
	var wg sync.WaitGroup
	next := make(chan *job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				j.out, j.err = applyEdits(j.src, j.edits, j.names)
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	out := map[string][]byte{}
	for _, j := range jobs {
		if j.err != nil {
			return nil, fmt.Errorf("%s: %v", j.file, j.err)
		}
		out[j.file] = j.out
	}
	return out, nil
}

func groupIndex(plan *Plan, g *Group) int {
	for i, x := range plan.Groups {
		if x == g {
			return i
		}
	}
	return -1
}

// applyEdits applies non-overlapping edits (insertions at one offset keep
// their order) and formats the result, keeping CRLF line endings in a
// file whose first line ends so (gofmt writes LF).
func applyEdits(src []byte, edits []Edit, names map[string]string) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		// An insertion goes before a replacement starting at the same place.
		return edits[i].End-edits[i].Start < edits[j].End-edits[j].Start
	})
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.Start < at {
			return nil, fmt.Errorf("overlapping edits at offset %d", e.Start)
		}
		b.Write(src[at:e.Start])
		b.WriteString(e.New)
		at = e.End
	}
	b.Write(src[at:])
	out, err := formatSource([]byte(b.String()), names)
	if err != nil || !usesCRLF(src) {
		return out, err
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n")), nil
}

func usesCRLF(src []byte) bool {
	i := bytes.IndexByte(src, '\n')
	return i > 0 && src[i-1] == '\r'
}

// formatSource removes the imports the rewrite left unused (the Result
// field's type, for one) and gofmts src. names maps import paths to package
// names, as loaded: goimports would have to guess them or scan modules.
func formatSource(src []byte, names map[string]string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	opts := &imports.Options{Comments: true, TabIndent: true, TabWidth: 8, FormatOnly: true}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				used[id.Name] = true
			}
		}
		return true
	})
	deleted := false
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := names[path]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "" || name == "_" || name == "." || used[name] {
			continue
		}
		deleted = true
		if imp.Name != nil {
			astutil.DeleteNamedImport(fset, f, imp.Name.Name, path)
		} else {
			astutil.DeleteImport(fset, f, path)
		}
	}
	if !deleted {
		return imports.Process("", src, opts)
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return imports.Process("", buf.Bytes(), opts)
}
