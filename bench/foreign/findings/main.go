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
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cqtools/cq/internal/report"
)

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
	found, err := report.ReadJSON(data)
	if err != nil && !json.Valid(data) {
		fmt.Fprintf(os.Stderr, "findings: cqlint's JSON: %v\n", err)
		os.Exit(2)
	}
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	var lines []string
	for _, f := range found { // sorted by file, position, rule and message
		file := f.File
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = filepath.ToSlash(rel)
		}
		msg := clean.Replace(strings.TrimPrefix(f.Message, f.Rule+": "))
		lines = append(lines, strings.Join([]string{repo, f.Rule, fmt.Sprintf("%s:%d:%d", file, f.Line, f.Col), msg}, "\t"))
	}
	for _, l := range slices.Compact(lines) { // the same finding in p and p [p.test]
		fmt.Println(l)
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(os.Stderr, "findings: %s\n", line)
		}
		os.Exit(1)
	}
}
