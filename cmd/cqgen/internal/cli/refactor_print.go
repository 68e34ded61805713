package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/cqtools/cq/internal/planfile"
	"github.com/cqtools/cq/internal/report"
	"github.com/cqtools/cq/refactor"
)

// printRefactor prints what refactor.Run returned: the plan file with
// --json (the plan with --dry-run, else the summary after verification,
// and for --diff instead of the diff), else the plan (--dry-run), or the
// diff and the summary. Names are relative to dir.
func printRefactor(w io.Writer, res *refactor.Result, dir string, asJSON bool) error {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	if asJSON {
		return planfile.Write(w, res.Plan)
	}
	if res.Mode == refactor.ModeDryRun {
		printPlan(w, res.Groups, dir)
		return nil
	}
	if res.Mode == refactor.ModeDiff {
		for _, c := range res.Changes {
			writeDiff(w, report.Rel(dir, c.Name), c.Old, c.New)
		}
	}
	printSummary(w, res.Summary, dir, res.Mode)
	return nil
}

// writeDiff writes a unified diff (3 lines of context) of old against new
// for one file, with paths a/name and b/name. The line diff is Myers', in
// space linear in the size of the change, so a file with thousands of
// edits costs what its edits do, not its length squared.
func writeDiff(w io.Writer, name string, old, new []byte) {
	io.WriteString(w, udiff.Unified("a/"+name, "b/"+name, string(old), string(new)))
}

// printPlan lists each converted group's types, the functions it
// rewrites and its call sites, then the refused types.
func printPlan(w io.Writer, groups []*refactor.Group, dir string) {
	var refused []*refactor.Refusal
	for _, g := range groups {
		if len(g.Refusals) > 0 {
			refused = append(refused, g.Refusals...)
			continue
		}
		for _, t := range g.Types {
			fmt.Fprintf(w, "convert %s (Result %s)\n", t.Short, t.ResultType())
		}
		for _, f := range g.Funcs {
			fmt.Fprintf(w, "\trewrite %s\n", report.Rel(dir, f))
		}
		fmt.Fprintf(w, "\tcall sites: %d\n", g.Calls)
		// With --value-params: the group's by-value decisions.
		for _, t := range g.ByValue {
			fmt.Fprintf(w, "\t%s: query taken by value\n", t.Short)
		}
		for _, r := range g.Pointer {
			fmt.Fprintf(w, "\t%s: query kept as a pointer: %s: %s\n", r.Type, report.Rel(dir, r.Pos), r.Reason)
		}
	}
	printRefusals(w, refused, dir)
}

// printSummary says what was converted (or would be, with --diff), what
// it rewrote, with --value-params which types are taken by value and why
// the others keep the pointer, and what was refused.
func printSummary(w io.Writer, sum *refactor.Summary, dir string, mode refactor.Mode) {
	verb := "converted"
	if mode == refactor.ModeDiff {
		verb = "would convert"
	}
	fmt.Fprintf(w, "%s %d types: %s\n", verb, len(sum.Converted), shortNames(sum.Converted))
	fmt.Fprintf(w, "functions and methods rewritten: %d\ncall sites rewritten: %d\nfiles changed: %d\n", sum.Funcs, sum.Calls, len(sum.Files))
	if len(sum.ByValue)+len(sum.Pointer) > 0 {
		fmt.Fprintf(w, "taken by value %d types: %s\n", len(sum.ByValue), shortNames(sum.ByValue))
		if len(sum.Pointer) > 0 {
			fmt.Fprintf(w, "kept as pointers %d:\n", len(sum.Pointer))
			for _, r := range sum.Pointer {
				fmt.Fprintf(w, "\t%s: %s: %s\n", report.Rel(dir, r.Pos), r.Type, r.Reason)
			}
		}
	}
	printRefusals(w, sum.Refusals, dir)
}

func shortNames(ts []*refactor.Target) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Short
	}
	return strings.Join(names, ", ")
}

// printRefusals prints each refused type's first reason on a line of its
// own, and its other reasons indented under it.
func printRefusals(w io.Writer, rs []*refactor.Refusal, dir string) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "refused %d:\n", refactor.CountTypes(rs))
	for i, r := range rs {
		if i > 0 && rs[i-1].Type == r.Type {
			fmt.Fprintf(w, "\t\t%s: %s\n", report.Rel(dir, r.Pos), r.Reason)
			continue
		}
		fmt.Fprintf(w, "\t%s: %s: %s\n", report.Rel(dir, r.Pos), r.Type, r.Reason)
	}
}
