// Package report turns cqlint's findings into the formats of its
// standalone driver: text, go/analysis JSON, SARIF 2.1.0, GitHub Actions
// workflow commands, and the migration report (html, stats, markdown).
// Every format takes the same sorted, de-duplicated findings, so their
// counts agree.
package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A Finding is one diagnostic of one rule, reported once however many
// packages (p, p [p.test]) hold its file.
type Finding struct {
	Rule     string // the analyzer's name: resultfield, signature, ...
	Package  string // the import path of the package analyzed (PkgPath)
	PkgID    string // the go/packages ID the finding was first seen in
	File     string // absolute path, as go/token reports it
	Line     int
	Col      int
	EndLine  int // 0 when the diagnostic has no end
	EndCol   int
	Message  string // with the rule id in front, as every cq message has
	Category string // the diagnostic's own category (empty for cqmodel's and suppress's)
	// Decl and Ident place the finding without a line number, for the
	// baseline: the enclosing top-level declaration (T.M for a method)
	// and the identifier at the position, when there is one.
	Decl  string
	Ident string
	Fixes []Fix
}

// A Fix is a suggested fix: edits that belong together.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File                       string
	Start, End                 int
	Line, Col, EndLine, EndCol int
	New                        string
}

// Sort orders findings by file, position and rule: every format prints
// them in this order, so output is byte-identical from run to run.
func Sort(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.PkgID, b.PkgID),
		)
	})
}

// Pos is file:line:col, with file relative to dir when it lies below it.
func (f Finding) Pos(dir string) string {
	return fmt.Sprintf("%s:%d:%d", Rel(dir, f.File), f.Line, f.Col)
}

// Rel is file relative to dir, slash-separated, when it lies below dir;
// file unchanged otherwise.
func Rel(dir, file string) string {
	if dir == "" {
		return file
	}
	prefix := strings.TrimSuffix(dir, "/") + "/"
	if rest, ok := strings.CutPrefix(file, prefix); ok {
		return rest
	}
	return file
}

// Text prints findings as go vet does, file:line:col: message with file
// relative to dir when it lies below it, each followed by context lines
// of source around it when context >= 0. readLines returns a file's lines
// (nil when it cannot be read).
func Text(w io.Writer, fs []Finding, dir string, context int, readLines func(string) []string) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s: %s\n", f.Pos(dir), f.Message); err != nil {
			return err
		}
		if context < 0 {
			continue
		}
		lines := readLines(f.File)
		end := max(f.EndLine, f.Line)
		for i := f.Line - context; i <= end+context; i++ {
			if 1 <= i && i <= len(lines) {
				fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
			}
		}
	}
	return nil
}
