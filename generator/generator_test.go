package generator

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cqtools/cq/internal/gomod"
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
	if _, err := Write(gomod.Locate(dir), files); err != nil {
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

// TestWrite writes through the writer package: all or none (a failing
// step leaves every file as it was, the removal included), only what
// changed, and never over a file cqgen did not write.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	gen := func(s string) []byte { return []byte(string(generatedHeader) + "\n\n" + s) }
	stale := filepath.Join(dir, "old", ServiceFile)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/w\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, gen("package old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []File{
		{Path: filepath.Join(dir, "a", "ok.gen.go"), Content: gen("package a\n")},
		{Path: filepath.Join(dir, "b", "x.gen.go"), Content: gen("package x\n")},
		{Path: stale},
	}
	// The journal's three steps, then phase 1's first.
	for k := 1; k <= 6; k++ {
		t.Setenv("CQGEN_TEST_WRITER", fmt.Sprintf("fail=%d", k))
		if _, err := Write(gomod.Locate(dir), files); err == nil || !strings.Contains(err.Error(), "nothing was written") {
			t.Fatalf("step %d failing: Write = %v", k, err)
		}
		for _, f := range files[:2] {
			if _, err := os.Stat(filepath.Dir(f.Path)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("step %d failing: %s exists (err %v)", k, filepath.Dir(f.Path), err)
			}
		}
		if _, err := os.Stat(stale); err != nil {
			t.Errorf("step %d failing: the file to remove is gone: %v", k, err)
		}
	}
	t.Setenv("CQGEN_TEST_WRITER", "")

	wrote, err := Write(gomod.Locate(dir), files)
	if err != nil || len(wrote) != 3 {
		t.Fatalf("Write = %v, %v", wrote, err)
	}
	if wrote, err := Write(gomod.Locate(dir), files); err != nil || len(wrote) != 0 {
		t.Errorf("rewriting unchanged files: wrote %v, %v; want nothing", wrote, err)
	}

	// A file cqgen did not write is never replaced.
	hand := []byte("package a\n\n// Written by hand.\n")
	if err := os.WriteFile(files[0].Path, hand, 0o644); err != nil {
		t.Fatal(err)
	}
	files[1].Content = gen("package x // changed\n")
	_, err = Write(gomod.Locate(dir), files)
	var errs Errors
	if !errors.As(err, &errs) || !strings.Contains(err.Error(), files[0].Path+":1:1: cqgen writes ok.gen.go, but this file was not written by cqgen") {
		t.Fatalf("Write over a hand-written file = %v", err)
	}
	if b, _ := os.ReadFile(files[0].Path); !bytes.Equal(b, hand) {
		t.Errorf("the hand-written file was replaced: %q", b)
	}
	if b, _ := os.ReadFile(files[1].Path); !bytes.Equal(b, gen("package x\n")) {
		t.Errorf("another file was written although Write failed: %q", b)
	}
}

func TestNarrow(t *testing.T) {
	n, err := narrow(mod, []string{"./...", "./good/...", "./a/models", "example.com/gen/b/...", "./a/...", "./nosuchdir/..."})
	if err != nil {
		t.Fatal(err)
	}
	got := n.patterns
	// bad/... holds directives too; plain, a/models and b/models do not;
	// ./good/... adds nothing new.
	want := []string{"./bad/collision", "./bad/declared", "./bad/handfake", "./bad/handmethod", "./bad/handwritten", "./bad/legacy", "./bad/legacyname", "./bad/mainpkg", "./bad/malformed", "./bad/names", "./bad/nonstruct", "./bad/otherpkg", "./bad/stray", "./bad/twodirectives", "./bad/typeerror", "./bad/unexported", "./bad/unknownkey", "./bad/unresolvable", "./good/kettle", "./good/teapot",
		"./a/models", "example.com/gen/b/..."}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("narrow (-want +got):\n%s", d)
	}
	// bad/testfile has directives in test files only: not loaded, but
	// read for them.
	if d := cmp.Diff([]string{filepath.Join(mod, "bad", "testfile")}, n.tests); d != "" {
		t.Errorf("directories with directives in test files (-want +got):\n%s", d)
	}
	// ./a/... has a package, without directives; ./nosuchdir/... has none.
	if d := cmp.Diff([]string{"./nosuchdir/..."}, n.empty); d != "" {
		t.Errorf("patterns matching no packages (-want +got):\n%s", d)
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
	if _, err := Write(gomod.Locate(dir), files); err != nil {
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
	if removed, err := Write(gomod.Locate(dir), files); err != nil || len(removed) != 3 {
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

// writeModule writes files (slash paths) into a new temporary directory.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const noTestifyTeapot = `package teapot

//cq:query result=int
type GetTeapotQuery struct{}
`

func basenames(files []File) []string {
	var out []string
	for _, f := range files {
		b := filepath.Base(f.Path)
		if f.Content == nil {
			b = "-" + b // a removal
		}
		out = append(out, b)
	}
	return out
}

// TestMocks: in a module that does not require testify, auto writes the
// interface and the fake, says why there is no mock (and the output
// builds); always is an error; never writes no mock even where testify
// resolves, and removes a mock cqgen wrote before.
func TestMocks(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod":           "module example.com/notestify\n\ngo 1.22\n",
		"teapot/teapot.go": noTestifyTeapot,
	})
	var notes bytes.Buffer
	// Asking must not change the answer: under GOFLAGS=-mod=mod, a plain
	// go list -find adds testify to go.mod, which then resolves it.
	t.Setenv("GOFLAGS", "-mod=mod")
	files, err := Generate(Config{Dir: dir, Patterns: []string{"./..."}, Notes: &notes})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{ServiceFile, FakeFile}, basenames(files)); d != "" {
		t.Errorf("auto without testify: files (-want +got):\n%s", d)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err != nil || string(b) != "module example.com/notestify\n\ngo 1.22\n" {
		t.Errorf("asking whether testify resolves changed go.mod (%v):\n%s", err, b)
	}
	want := "cqgen: no mock written for example.com/notestify/teapot: github.com/stretchr/testify/mock does not resolve there (go get github.com/stretchr/testify for one, or --mocks=never to silence this)\n"
	if notes.String() != want {
		t.Errorf("notes:\n%s\nwant:\n%s", notes.String(), want)
	}
	if _, err := Write(gomod.Locate(dir), files); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet after generate without testify: %v\n%s", err, out)
	}

	_, err = Generate(Config{Dir: dir, Patterns: []string{"./..."}, Mocks: MocksAlways})
	if err == nil || !strings.Contains(err.Error(), "--mocks=always, but github.com/stretchr/testify/mock does not resolve from example.com/notestify/teapot: cannot find module providing package github.com/stretchr/testify/mock") {
		t.Errorf("always without testify: %v", err)
	}

	// A mock cqgen wrote before testify went is removed, not left broken.
	mock := filepath.Join(dir, "teapot", "teapottest", MockFile)
	if err := os.WriteFile(mock, append(generatedHeader, "\n\npackage teapottest\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err = Generate(Config{Dir: dir, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{ServiceFile, FakeFile, "-" + MockFile}, basenames(files)); d != "" {
		t.Errorf("auto without testify, old mock: files (-want +got):\n%s", d)
	}

	// Resolution is go build's: a go.work module that requires testify
	// makes it resolve in another module of the workspace, and a vendor/
	// directory without it makes it not resolve where go.mod requires it.
	sum, err := os.ReadFile(filepath.Join(mod, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	ws := writeModule(t, map[string]string{
		"go.work":            "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod":           "module example.com/a\n\ngo 1.22\n",
		"a/teapot/teapot.go": noTestifyTeapot,
		"b/go.mod":           "module example.com/b\n\ngo 1.22\n\nrequire github.com/stretchr/testify v1.9.0\n",
		"b/go.sum":           string(sum),
		"b/b.go":             "package b\n\nimport _ \"github.com/stretchr/testify/mock\"\n",
	})
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOWORK", "")
	files, err = Generate(Config{Dir: filepath.Join(ws, "a"), Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{ServiceFile, FakeFile, MockFile}, basenames(files)); d != "" {
		t.Errorf("workspace: files (-want +got):\n%s", d)
	}
	vendored := writeModule(t, map[string]string{
		"go.mod":             "module example.com/vendored\n\ngo 1.22\n\nrequire github.com/stretchr/testify v1.9.0\n",
		"go.sum":             string(sum),
		"teapot/teapot.go":   noTestifyTeapot,
		"vendor/modules.txt": "# github.com/stretchr/testify v1.9.0\n## explicit\n",
	})
	files, err = Generate(Config{Dir: vendored, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{ServiceFile, FakeFile}, basenames(files)); d != "" {
		t.Errorf("vendor/ without testify: files (-want +got):\n%s", d)
	}

	// never, where testify resolves.
	files, err = Generate(Config{Dir: mod, Patterns: []string{"./good/kettle"}, Mocks: MocksNever})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{ServiceFile, FakeFile}, basenames(files)); d != "" {
		t.Errorf("never: files (-want +got):\n%s", d)
	}
	for _, s := range []string{"auto", "always", "never"} {
		if m, err := ParseMockMode(s); err != nil || m.String() != s {
			t.Errorf("ParseMockMode(%q) = %v, %v", s, m, err)
		}
	}
	if _, err := ParseMockMode("sometimes"); err == nil {
		t.Error("ParseMockMode accepted sometimes")
	}
}

// TestMessages: no module, patterns that match nothing, a package clause
// changed under the generated file.
func TestMessages(t *testing.T) {
	noMod := writeModule(t, map[string]string{"teapot/teapot.go": noTestifyTeapot})
	for _, patterns := range [][]string{nil, {"./..."}} {
		_, err := Generate(Config{Dir: filepath.Join(noMod, "teapot"), Patterns: patterns})
		if err == nil || !strings.Contains(err.Error(), "no go.mod in "+filepath.Join(noMod, "teapot")+" or any directory above it") {
			t.Errorf("no module, patterns %v: %v", patterns, err)
		}
	}

	for pattern, want := range map[string]string{
		"./nosuchdir/...":            "cqgen: pattern ./nosuchdir/... matched no packages\n",
		"example.com/gen/nosuch/...": "cqgen: no packages match example.com/gen/nosuch/...\n",
		"./a/...":                    "cqgen: no //cq:command or //cq:query directive in ./a/...: nothing to generate\n",
	} {
		var notes bytes.Buffer
		files, err := Generate(Config{Dir: mod, Patterns: []string{pattern}, Notes: &notes})
		if err != nil || len(files) != 0 || notes.String() != want {
			t.Errorf("%s: %d files, %v, notes %q; want %q", pattern, len(files), err, notes.String(), want)
		}
	}

	dir := writeModule(t, map[string]string{
		"go.mod":           "module example.com/clause\n\ngo 1.22\n",
		"teapot/teapot.go": noTestifyTeapot,
	})
	files, err := Generate(Config{Dir: dir, Patterns: []string{"./..."}, Mocks: MocksNever})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(gomod.Locate(dir), files); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "teapot", "teapot.go")
	if err := os.WriteFile(src, []byte(strings.Replace(noTestifyTeapot, "package teapot", "package kettle", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Generate(Config{Dir: dir, Patterns: []string{"./..."}, Mocks: MocksNever})
	want := filepath.Join(dir, "teapot", ServiceFile) + ":3:9: package teapot here, but package kettle in teapot.go: the package was renamed after cqgen generated cq_service.gen.go; remove cqgen's files of package teapot and run cqgen generate again"
	if err == nil || err.Error() != want {
		t.Errorf("renamed package: %v\nwant: %s", err, want)
	}
}
