package generator

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files and want.txt files from the current output")

const mod = "testdata/mod"

// TestGolden checks every output kind (interface, adapter, fake, mock)
// against testdata/golden, and that a second run is byte-identical.
func TestGolden(t *testing.T) {
	checkGolden(t, mod, filepath.Join("testdata", "golden"), "./good/...")
}

// TestGoldenGo117 checks the mocks of a module whose go.mod predates type
// parameters.
func TestGoldenGo117(t *testing.T) {
	checkGolden(t, "testdata/mod117", filepath.Join("testdata", "golden117"), "./...")
}

func checkGolden(t *testing.T, mod, goldenDir, pattern string) {
	files, err := Generate(Config{Dir: mod, Patterns: []string{pattern}})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(mod)
	got := map[string]bool{}
	for _, f := range files {
		rel, err := filepath.Rel(abs, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(goldenDir, rel+".golden")
		got[golden] = true
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, f.Content, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if d := cmp.Diff(string(want), string(f.Content)); d != "" {
			t.Errorf("%s differs from %s (-want +got):\n%s", rel, golden, d)
		}
	}
	filepath.WalkDir(goldenDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !got[path] {
			t.Errorf("golden file %s was not generated", path)
		}
		return nil
	})

	again, err := Generate(Config{Dir: mod, Patterns: []string{pattern}})
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(files) {
		t.Fatalf("second run: %d files, first: %d", len(again), len(files))
	}
	for i := range files {
		if !bytes.Equal(files[i].Content, again[i].Content) {
			t.Errorf("second run changed %s", files[i].Path)
		}
	}
}

// TestGoldenBuilds writes the output into a copy of the module and runs
// go vet on it, which type-checks every file: the golden files are only
// worth comparing against if they compile. It needs testify from the
// module cache or the module proxy.
func TestGoldenBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	for _, m := range []string{mod, "testdata/mod117"} {
		t.Run(filepath.Base(m), func(t *testing.T) { checkBuilds(t, m) })
	}
}

func checkBuilds(t *testing.T, mod string) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(mod)); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "bad"))
	files, err := Generate(Config{Dir: dir, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(files); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet on the generated code: %v\n%s", err, out)
	}
	stale, err := Stale(files)
	if err != nil || len(stale) != 0 {
		t.Errorf("Stale right after Write = %v, %v; want none", stale, err)
	}
	// Now the generated files are part of the packages loaded; the output
	// must not change because of them.
	again, err := Generate(Config{Dir: dir, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	if stale, _ := Stale(again); len(stale) != 0 {
		t.Errorf("regenerating over the generated files changed %v", stale)
	}
}

// TestBadInput runs each package of testdata/mod/bad and compares the
// errors with its want.txt: every problem at file:line:column.
func TestBadInput(t *testing.T) {
	cases, err := os.ReadDir(filepath.Join(mod, "bad"))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(mod)
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			files, err := Generate(Config{Dir: mod, Patterns: []string{"./bad/" + c.Name()}})
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("Generate = %d files, %v; want Errors", len(files), err)
			}
			got := strings.ReplaceAll(errs.Error(), abs+string(filepath.Separator), "") + "\n"
			wantFile := filepath.Join(mod, "bad", c.Name(), "want.txt")
			if *update {
				os.WriteFile(wantFile, []byte(got), 0o644)
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), got); d != "" {
				t.Errorf("errors (-want +got):\n%s", d)
			}
		})
	}
}

func TestTemplateDir(t *testing.T) {
	dir := t.TempDir()
	custom := "{{range .Services}}// {{.Fake}} is our team's fake.\n{{index .Decls \"fake\"}}\n{{index .Decls \"fake.pin\"}}\n{{range .Methods}}{{index .Decls \"fake\"}}\n{{end}}{{end}}"
	if err := os.WriteFile(filepath.Join(dir, "fake.tmpl"), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := Generate(Config{Dir: mod, Patterns: []string{"./good/teapot"}, TemplateDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		isFake := filepath.Base(f.Path) == FakeFile
		if got := bytes.Contains(f.Content, []byte("is our team's fake.")); got != isFake {
			t.Errorf("%s: contains the override's comment = %v, want %v", f.Path, got, isFake)
		}
	}

	if err := os.WriteFile(filepath.Join(dir, "fakes.tmpl"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(Config{Dir: mod, Patterns: []string{"./good/teapot"}, TemplateDir: dir}); err == nil || !strings.Contains(err.Error(), "unknown template fakes.tmpl") {
		t.Errorf("misspelt override: err = %v, want unknown template", err)
	}
	os.Remove(filepath.Join(dir, "fakes.tmpl"))

	if err := os.WriteFile(filepath.Join(dir, "fake.tmpl"), []byte("func {"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(Config{Dir: mod, Patterns: []string{"./good/teapot"}, TemplateDir: dir}); err == nil || !strings.Contains(err.Error(), "invalid Go") {
		t.Errorf("override producing bad Go: err = %v, want invalid Go", err)
	}
}

// TestWriteAllOrNone makes the second of two writes fail and checks that
// the first file was not written either.
func TestWriteAllOrNone(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "blocker")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	files := []File{
		{Path: filepath.Join(dir, "a", "ok.gen.go"), Content: []byte("package a\n")},
		{Path: filepath.Join(blocker, "sub", "x.gen.go"), Content: []byte("package x\n")},
	}
	if _, err := Write(files); err == nil {
		t.Fatal("Write succeeded under a file")
	}
	if _, err := os.Stat(files[0].Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists after a failed Write (err %v)", files[0].Path, err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "a"))
	if len(entries) != 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	wrote, err := Write(files[:1])
	if err != nil || len(wrote) != 1 {
		t.Fatalf("Write = %v, %v", wrote, err)
	}
	if wrote, err := Write(files[:1]); err != nil || len(wrote) != 0 {
		t.Errorf("rewriting an unchanged file: wrote %v, %v; want nothing", wrote, err)
	}
}

func TestNarrow(t *testing.T) {
	got, _, err := narrow(mod, []string{"./...", "./good/...", "./a/models", "example.com/gen/b/..."})
	if err != nil {
		t.Fatal(err)
	}
	// bad/... holds directives too; plain, a/models and b/models do not;
	// ./good/... adds nothing new.
	want := []string{"./bad/collision", "./bad/declared", "./bad/legacy", "./bad/legacyname", "./bad/mainpkg", "./bad/malformed", "./bad/names", "./bad/nonstruct", "./bad/stray", "./bad/twodirectives", "./bad/typeerror", "./bad/unexported", "./bad/unknownkey", "./bad/unresolvable", "./good/kettle", "./good/teapot",
		"./a/models", "example.com/gen/b/..."}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("narrow (-want +got):\n%s", d)
	}
}

// TestTags loads with a build tag that brings in one more directive, whose
// file's constraint the output then carries.
func TestTags(t *testing.T) {
	files, err := Generate(Config{Dir: mod, Patterns: []string{"./good/kettle"}, Tags: []string{"cqextra"}})
	if err != nil {
		t.Fatal(err)
	}
	svc := string(files[0].Content)
	if filepath.Base(files[0].Path) != ServiceFile || !strings.Contains(svc, "\n//go:build cqextra\n") || !strings.Contains(svc, "Descale(ctx context.Context, cmd DescaleCommand) error") {
		t.Errorf("with --tags cqextra, %s:\n%s", files[0].Path, svc)
	}
}

// TestOrphans removes every directive of a package after generating, and
// expects its generated files to be reported stale and then removed; a
// hand-written file of the same name stays.
func TestOrphans(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/mod117")); err != nil {
		t.Fatal(err)
	}
	files, err := Generate(Config{Dir: dir, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(files); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "shop", "shop.go")
	content, _ := os.ReadFile(src)
	if err := os.WriteFile(src, bytes.ReplaceAll(content, []byte("//cq:"), []byte("// was cq:")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, pattern := range []string{"./...", "./shop"} {
		files, err = Generate(Config{Dir: dir, Patterns: []string{pattern}})
		if err != nil {
			t.Fatal(err)
		}
		stale, err := Stale(files)
		if err != nil || len(stale) != 3 {
			t.Errorf("%s: Stale after removing the directives = %v, %v; want the 3 generated files", pattern, stale, err)
		}
	}
	if removed, err := Write(files); err != nil || len(removed) != 3 {
		t.Fatalf("Write = %v, %v; want 3 removals", removed, err)
	}
	for _, f := range files {
		if _, err := os.Stat(f.Path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still exists", f.Path)
		}
	}

	handWritten := filepath.Join(dir, "shop", ServiceFile)
	if err := os.WriteFile(handWritten, []byte("package shop\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err = Generate(Config{Dir: dir, Patterns: []string{"./..."}})
	if err != nil || len(files) != 0 {
		t.Errorf("with a hand-written %s: Generate = %v, %v; want nothing", ServiceFile, files, err)
	}
}
