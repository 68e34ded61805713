package gomod

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestMissing(t *testing.T) {
	t.Setenv("GOWORK", "")
	t.Setenv("GOFLAGS", "")
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	var nm *NoModuleError
	err := Missing(sub)
	if !errors.As(err, &nm) || nm.Dir != sub || !strings.Contains(err.Error(), "no go.mod in "+sub) {
		t.Errorf("Missing(%s) = %v, want a NoModuleError naming it", sub, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Missing(sub); err != nil {
		t.Errorf("with go.mod in the parent: %v", err)
	}
}

func TestJournalDirs(t *testing.T) {
	t.Setenv("GOFLAGS", "")
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	if err := os.Mkdir(a, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"a/go.mod": "module example.com/a\n\ngo 1.22\n", "go.work": "go 1.22\n\nuse ./a\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		gowork string
		want   []string
	}{
		{"", []string{dir, a}},    // the workspace's root first
		{"off", []string{a, dir}}, // the module's, then the go.work above it
	} {
		t.Setenv("GOWORK", c.gowork)
		got, err := JournalDirs(a)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("GOWORK=%q: JournalDirs = %v, %v; want %v", c.gowork, got, err, c.want)
		}
	}
	if err := os.Remove(filepath.Join(dir, "go.work")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOWORK", "")
	if got, err := JournalDirs(a); err != nil || !slices.Equal(got, []string{a}) {
		t.Errorf("a module alone: %v, %v", got, err)
	}
	if mods, err := MainModules(a); err != nil || !slices.Equal(mods, []string{a}) {
		t.Errorf("MainModules = %v, %v", mods, err)
	}
}

// TestLocate checks that the layout asked in the background is what the
// two direct questions answer, in a workspace and outside any module.
func TestLocate(t *testing.T) {
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOWORK", "")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for name, content := range map[string]string{
		"a/go.mod": "module example.com/a\n\ngo 1.22\n",
		"b/go.mod": "module example.com/b\n\ngo 1.22\n",
		"go.work":  "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := Locate(a)
	if got, err := l.JournalDirs(); err != nil || !slices.Equal(got, []string{dir, a}) {
		t.Errorf("JournalDirs = %v, %v; want %v", got, err, []string{dir, a})
	}
	if got, err := l.MainModules(); err != nil || !slices.Equal(got, []string{a, b}) {
		t.Errorf("MainModules = %v, %v; want %v", got, err, []string{a, b})
	}
	if l.Dir != a {
		t.Errorf("Dir = %q, want %q", l.Dir, a)
	}

	none := t.TempDir()
	l = Locate(none)
	if got, err := l.JournalDirs(); err != nil || len(got) != 0 {
		t.Errorf("outside any module: JournalDirs = %v, %v; want none", got, err)
	}
	if got, err := l.MainModules(); len(got) != 0 {
		t.Errorf("outside any module: MainModules = %v, %v; want none", got, err)
	}
}
