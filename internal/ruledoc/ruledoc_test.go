package ruledoc_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers"
	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/ruledoc"
)

// TestCommittedReference fails when docs/rules differs from what the
// analyzers' doc.go and flags say: run go generate ./internal/ruledoc.
func TestCommittedReference(t *testing.T) {
	pages, err := ruledoc.Pages(analyzers.All, cqmodel.Analyzer)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "docs", "rules")
	committed, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	var names []string
	for _, f := range committed {
		names = append(names, filepath.Base(f))
	}
	var want []string
	for name := range pages {
		want = append(want, name)
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("docs/rules holds %v, want %v: run go generate ./internal/ruledoc", names, want)
	}
	for name, text := range pages {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue // reported above
		}
		if string(got) != text {
			t.Errorf("docs/rules/%s is out of date: run go generate ./internal/ruledoc", name)
		}
	}
}

// Every diagnostic's analyzer links to its page.
func TestURLs(t *testing.T) {
	for _, a := range analyzers.All {
		if want := "https://github.com/cqtools/cq/blob/main/docs/rules/" + a.Name + ".md"; a.URL != want {
			t.Errorf("%s: URL %q, want %q", a.Name, a.URL, want)
		}
	}
}

func TestMalformedDoc(t *testing.T) {
	for doc, want := range map[string]string{
		"":                                      "no title line",
		"title\n\n# Why\n\nw\n\n# Bad\n\n\tx\n": "lacks a # Good section",
		"title\n\n# Why\n\nw\n\n# Why\n\nw\n":   `two "Why" sections`,
		"title\n\n# Rationale\n\nw\n":           `a section "Rationale"`,
	} {
		_, err := ruledoc.Parse(&analysis.Analyzer{Name: "r", Doc: doc}, cqmodel.Analyzer)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Doc %q: got %v, want %q", doc, err, want)
		}
	}
}
