package driver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"os"
	"slices"

	"github.com/aymanbagabas/go-udiff"

	"github.com/cqtools/cq/internal/report"
)

// applyFixes applies the first suggested fix of each finding (with -diff,
// prints what it would change) and returns the findings it left: those
// without a fix, and those whose fix conflicts with one applied before
// it, each said so on stderr. A file whose fixed text does not parse is
// left unchanged, and its findings too.
func (d *driver) applyFixes(fs []report.Finding, dir string) []report.Finding {
	type fix struct {
		finding int
		edits   []report.Edit
	}
	var fixes []fix
	for i, f := range fs {
		if len(f.Fixes) > 0 && len(f.Fixes[0].Edits) > 0 {
			fixes = append(fixes, fix{i, f.Fixes[0].Edits})
		}
	}
	accepted := map[string][]report.Edit{} // by file
	fixed := map[int]string{}              // finding -> a file it edits
	for _, fx := range fixes {
		var add []report.Edit
		conflict := false
		for _, e := range fx.edits {
			switch clash(accepted[e.File], e) {
			case same:
			case overlaps:
				conflict = true
			default:
				add = append(add, e)
			}
		}
		f := fs[fx.finding]
		if conflict {
			fmt.Fprintf(d.stderr, "%s: %s: fix not applied: it overlaps another fix (run cqlint -fix again)\n", f.Pos(""), f.Rule)
			continue
		}
		for _, e := range add {
			accepted[e.File] = append(accepted[e.File], e)
		}
		fixed[fx.finding] = fx.edits[0].File
	}

	badFile := map[string]bool{}
	files := 0
	for _, name := range sortedKeys(accepted) {
		edits := accepted[name]
		old, err := os.ReadFile(name)
		if err != nil {
			d.errorf("cqlint: %v", err)
			badFile[name] = true
			continue
		}
		out, err := apply(old, edits)
		if err != nil {
			d.errorf("cqlint: %s: %v; file left unchanged", name, err)
			badFile[name] = true
			continue
		}
		files++
		if d.opts.diff {
			rel := report.Rel(dir, name)
			fmt.Fprint(d.stdout, udiff.Unified("a/"+rel, "b/"+rel, string(old), string(out)))
			continue
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			d.errorf("cqlint: %v", err)
			badFile[name] = true
		}
	}
	var left []report.Finding
	applied := 0
	for i, f := range fs {
		if file, ok := fixed[i]; ok && !badFile[file] {
			applied++
			continue
		}
		left = append(left, f)
	}
	verb := "applied"
	if d.opts.diff {
		verb = "would apply"
	}
	fmt.Fprintf(d.stderr, "cqlint: %s %d fixes in %d files; %d findings left\n", verb, applied, files, len(left))
	return left
}

type relation int

const (
	apart relation = iota
	same
	overlaps
)

// clash relates e to the edits accepted in its file: the same edit as one
// of them (a fix found twice), apart from all, or overlapping one.
func clash(accepted []report.Edit, e report.Edit) relation {
	for _, a := range accepted {
		switch {
		case a == e:
			return same
		case a.Start < e.End && e.Start < a.End,
			a.Start == e.Start && (a.Start == a.End || e.Start == e.End):
			return overlaps
		}
	}
	return apart
}

// apply applies non-overlapping edits to src and formats the result.
func apply(src []byte, edits []report.Edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b report.Edit) int { return cmp.Compare(a.Start, b.Start) })
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("fix edits bytes %d-%d, outside the file", e.Start, e.End)
		}
		out.Write(src[at:e.Start])
		out.WriteString(e.New)
		at = e.End
	}
	out.Write(src[at:])
	formatted, err := format.Source(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("the fixed file does not parse: %v", err)
	}
	return formatted, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
