// Command findings turns cqlint -json output into the corpus's stable
// finding lines, for bench/foreign/run.sh:
//
//	findings REPO ROOT < cqlint.json
//
// prints one line per finding, sorted and without duplicates:
// REPO<TAB>rule<TAB>path:line:col<TAB>message, the path relative to ROOT
// (the checkout) and the message without its leading "rule: ". An
// analyzer's error in the JSON is printed on stderr and makes it exit 1.
package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

type diagnostic struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

// A finding is sorted by file, then line and column as numbers, then rule
// and message.
type finding struct {
	repo, rule, posn, message string
	file                      string
	line, col                 int
}

func newFinding(repo, rule, posn, message string) finding {
	f := finding{repo: repo, rule: rule, posn: posn, message: message, file: posn}
	// path:line:col; a path may hold colons itself, the last two fields never do.
	if i := strings.LastIndex(posn, ":"); i >= 0 {
		if j := strings.LastIndex(posn[:i], ":"); j >= 0 {
			l, err1 := strconv.Atoi(posn[j+1 : i])
			c, err2 := strconv.Atoi(posn[i+1:])
			if err1 == nil && err2 == nil {
				f.file, f.line, f.col = posn[:j], l, c
			}
		}
	}
	return f
}

func compare(a, b finding) int {
	return cmp.Or(
		cmp.Compare(a.file, b.file),
		cmp.Compare(a.line, b.line),
		cmp.Compare(a.col, b.col),
		cmp.Compare(a.rule, b.rule),
		cmp.Compare(a.message, b.message),
	)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: findings REPO ROOT < cqlint.json")
		os.Exit(2)
	}
	repo, root := os.Args[1], os.Args[2]
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// package -> analyzer -> diagnostics, or -> {"error": "..."}.
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		fmt.Fprintf(os.Stderr, "findings: cqlint's JSON: %v\n", err)
		os.Exit(2)
	}
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	var found []finding
	failed := false
	for pkg, rules := range tree {
		for rule, raw := range rules {
			var diags []diagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				fmt.Fprintf(os.Stderr, "findings: %s: %s: %s\n", pkg, rule, raw)
				failed = true
				continue
			}
			for _, d := range diags {
				posn := d.Posn
				if rel, err := filepath.Rel(root, posn); err == nil && !strings.HasPrefix(rel, "..") {
					posn = filepath.ToSlash(rel)
				}
				msg := strings.TrimPrefix(d.Message, rule+": ")
				found = append(found, newFinding(repo, rule, posn, clean.Replace(msg)))
			}
		}
	}
	slices.SortFunc(found, compare)
	found = slices.CompactFunc(found, func(a, b finding) bool { return compare(a, b) == 0 })
	for _, f := range found {
		fmt.Println(strings.Join([]string{f.repo, f.rule, f.posn, f.message}, "\t"))
	}
	if failed {
		os.Exit(1)
	}
}
