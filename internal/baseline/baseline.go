// Package baseline records the findings of a legacy tree so that cqlint
// reports only new ones. A finding is keyed by its rule, package,
// enclosing declaration and identifier, never by its line: code added or
// removed above a recorded finding leaves it recorded. Entries that match
// no finding any more are stale (the debt was paid) and are reported, so
// the file shrinks as the migration goes.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/cqtools/cq/internal/report"
)

// Version is the file format's version; a file of another is refused.
const Version = 1

// A File is a baseline as written to disk.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// An Entry is one recorded finding. Two findings with the same key (two
// Result writes in one handler) are two equal entries.
type Entry struct {
	Rule    string `json:"rule"`
	Package string `json:"package"`
	Decl    string `json:"decl"`
	Ident   string `json:"ident"`
}

func entryOf(f report.Finding) Entry {
	return Entry{Rule: f.Rule, Package: f.Package, Decl: f.Decl, Ident: f.Ident}
}

func compare(a, b Entry) int {
	return cmp.Or(
		cmp.Compare(a.Package, b.Package),
		cmp.Compare(a.Decl, b.Decl),
		cmp.Compare(a.Ident, b.Ident),
		cmp.Compare(a.Rule, b.Rule),
	)
}

// Marshal is the baseline of findings: sorted entries, indented JSON and
// a final newline, so the same findings give the same bytes.
func Marshal(fs []report.Finding) []byte {
	f := File{Version: Version, Findings: []Entry{}}
	for _, x := range fs {
		f.Findings = append(f.Findings, entryOf(x))
	}
	slices.SortFunc(f.Findings, compare)
	data, _ := json.MarshalIndent(f, "", "  ") // Entry has only strings
	return append(data, '\n')
}

// Read reads and checks a baseline file.
func Read(path string) ([]Entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a cqlint baseline: %v", path, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("%s: baseline version %d, want %d (rewrite it with -write-baseline)", path, f.Version, Version)
	}
	return f.Findings, nil
}

// Filter returns the findings the baseline does not hold, in their order,
// and the entries that matched no finding. Entries and findings are
// matched as multisets: a key recorded twice hides two findings.
func Filter(entries []Entry, fs []report.Finding) (fresh []report.Finding, stale []Entry) {
	left := map[Entry]int{}
	for _, e := range entries {
		left[e]++
	}
	for _, f := range fs {
		if k := entryOf(f); left[k] > 0 {
			left[k]--
			continue
		}
		fresh = append(fresh, f)
	}
	for _, e := range entries {
		if left[e] > 0 {
			left[e]--
			stale = append(stale, e)
		}
	}
	slices.SortFunc(stale, compare)
	return fresh, stale
}
