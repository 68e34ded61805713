// Command gen writes the rule reference, docs/rules/*.md, from the cq
// analyzers (go generate ./internal/ruledoc).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/ruledoc"
)

func main() {
	out := flag.String("o", "docs/rules", "directory to write the pages to")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	pages, err := ruledoc.Pages(analyzers.All, cqmodel.Analyzer)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, f := range old {
		if _, ok := pages[filepath.Base(f)]; !ok {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	for name, text := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
