package ruledoc_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// history is what belongs in CHANGELOG.md, not in pages that describe the
// product as it is: the issue that asked for something, a path of one
// machine, a remark on that machine.
var history = regexp.MustCompile(`(?i)\bissues? #?[0-9]+\b|\(#[0-9]+\)|/work/|/home/[a-z]|/tmp/[a-z]|this machine`)

// TestDocsHoldNoHistory fails on a README or docs/ line that cites an
// issue number or a machine's path.
func TestDocsHoldNoHistory(t *testing.T) {
	files := []string{"../../README.md"}
	err := filepath.WalkDir("../../docs", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := history.FindString(line); m != "" {
				t.Errorf("%s:%d: %q belongs in CHANGELOG.md: %s", filepath.ToSlash(f), i+1, m, line)
			}
		}
	}
}

// readmeLimit is the README's budget: what cq does and for whom, setting
// it up, the tour, starting on a repository of one's own and a map of
// docs/. Everything else belongs in a page of docs/.
const readmeLimit = 12 * 1024

// TestReadmeSize fails when README.md grows past readmeLimit bytes.
func TestReadmeSize(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > readmeLimit {
		t.Errorf("README.md is %d bytes, over %d: move detail into docs/ and link it", len(b), readmeLimit)
	}
}
