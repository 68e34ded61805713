package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	tmpl, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names {
		if tmpl.Lookup(name) == nil {
			t.Errorf("embedded template %s missing", name)
		}
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fake.tmpl"), []byte("{{.Package}} overridden"), 0o644); err != nil {
		t.Fatal(err)
	}
	tmpl, err = Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, "fake.tmpl", struct{ Package string }{"p"}); err != nil || b.String() != "p overridden" {
		t.Errorf("override: %q, %v", b.String(), err)
	}

	if err := os.WriteFile(filepath.Join(dir, "mock.tmpl"), []byte("{{.Package"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "mock.tmpl") {
		t.Errorf("unparsable override: err = %v, want one naming mock.tmpl", err)
	}
}

func TestComment(t *testing.T) {
	got := comment("First line.\n\nSecond.\n")
	if want := "// First line.\n//\n// Second.\n"; got != want {
		t.Errorf("comment = %q, want %q", got, want)
	}
	if comment("") != "" {
		t.Error("comment of nothing is not empty")
	}
}
