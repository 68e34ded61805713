package lintdriver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"maps"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/internal/gomod"
	"github.com/cqtools/cq/internal/report"
	"github.com/cqtools/cq/internal/writer"
)

// applyFixes applies the first suggested fix of each finding (with -diff,
// prints what it would change) and returns the findings it left: those
// without a fix, and those whose fix overlaps one taken before it, each
// said so on stderr. It writes every fixed file or none (internal/writer),
// and none when a fixed file would not parse or the fixes together would
// not type-check (two renames to one name): each fix is sound alone,
// their sum need not be.
func (d *driver) applyFixes(fs []report.Finding, dir string) []report.Finding {
	accepted := map[string][]report.Edit{} // by file
	fixed := map[int]bool{}                // findings whose fix is taken
	for i, f := range fs {
		if len(f.Fixes) == 0 || len(f.Fixes[0].Edits) == 0 {
			continue
		}
		var add []report.Edit
		conflict := false
		for _, e := range f.Fixes[0].Edits {
			switch clash(accepted[e.File], e) {
			case same:
			case overlaps:
				conflict = true
			default:
				add = append(add, e)
			}
		}
		if conflict {
			fmt.Fprintf(d.stderr, "%s: %s: fix not applied: it overlaps another fix (run cqlint -fix again)\n", f.Pos(""), f.Rule)
			continue
		}
		for _, e := range add {
			accepted[e.File] = append(accepted[e.File], e)
		}
		fixed[i] = true
	}

	var changes []writer.Change
	overlay := map[string][]byte{}
	for _, name := range slices.Sorted(maps.Keys(accepted)) {
		was, err := writer.Read(name)
		if err != nil {
			d.errorf("cqlint: %v; nothing written", err)
			return fs
		}
		out, err := apply(was.Content, accepted[name])
		if err != nil {
			d.errorf("cqlint: %s: %v; nothing written", name, err)
			return fs
		}
		changes = append(changes, writer.Change{Path: name, Content: out, Was: was})
		overlay[name] = out
	}
	if len(changes) > 0 {
		if errs := d.newErrors(overlay, dir); len(errs) > 0 {
			d.errorf("cqlint: the fixes together would not type-check; nothing written:\n\t%s", strings.Join(errs, "\n\t"))
			return fs
		}
	}
	if d.opts.diff {
		for _, c := range changes {
			rel := report.Rel(dir, c.Path)
			fmt.Fprint(d.stdout, udiff.Unified("a/"+rel, "b/"+rel, string(c.Was.Content), string(c.Content)))
		}
	} else if err := applyChanges(changes, dir); err != nil {
		d.errorf("cqlint: %v", err)
		return fs
	}
	var left []report.Finding
	for i, f := range fs {
		if !fixed[i] {
			left = append(left, f)
		}
	}
	verb := "applied"
	if d.opts.diff {
		verb = "would apply"
	}
	fmt.Fprintf(d.stderr, "cqlint: %s %d fixes in %d files; %d findings left\n", verb, len(fixed), len(changes), len(left))
	return left
}

// newErrors loads the packages again, tests included, with the fixed
// files in place of the originals, and returns the errors that the tree
// did not have before (positions relative to dir, as printLoadErrors
// keeps them).
func (d *driver) newErrors(overlay map[string][]byte, dir string) []string {
	cfg := &packages.Config{Mode: packages.LoadSyntax, Tests: true, Overlay: overlay}
	pkgs, err := packages.Load(cfg, d.patterns...)
	if err != nil {
		return []string{err.Error()}
	}
	var errs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range gomod.Errors(p) {
			msg := report.Rel(dir, e.Error())
			if !seen[msg] && !d.loadErrors[msg] {
				seen[msg] = true
				errs = append(errs, msg)
			}
		}
	})
	slices.Sort(errs)
	return errs
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

// applyChanges writes the fixes all or none inside the main modules of
// dir, with the journal where cqgen keeps and recovers it.
func applyChanges(changes []writer.Change, dir string) error {
	if len(changes) == 0 {
		return nil
	}
	journal, err := gomod.JournalDirs(dir)
	if err != nil {
		return err
	}
	if len(journal) == 0 {
		return fmt.Errorf("%s is in no module: nothing written", dir)
	}
	roots, err := gomod.MainModules(dir)
	if err != nil {
		return err
	}
	return writer.Apply(changes, writer.Options{Journal: journal[0], Roots: roots})
}
