package main_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixEndToEnd applies the naming rename fix to testdata/fixmod the
// three ways a user can: cqlint -fix, cqlint -fix -diff, and go fix
// -fixtool=cqlint (go fix runs the tool through the vet protocol, which
// cqlint hands to unitchecker). The module has an unexported command used in
// a _test.go file too, an unexported event, an exported query (reported,
// never renamed) and an unexported event whose suggested name is taken
// (reported, not renamed). Expected files are the *.go.golden beside the
// sources. It uses the cqlint binary and helpers of helpers_test.go.
func TestFixEndToEnd(t *testing.T) {
	src := filepath.Join(repoRoot(t), "testdata", "fixmod")
	remaining := []string{
		"folders/folders.go:20:6: naming: query DashboardQuery has no verb in the imperative",
		"notify/notify.go:16:6: naming: event sendReport is in the imperative, not the past tense: an event is named in the past tense; rename it to reportSent (no fix: reportSent is already used in the package)",
	}

	t.Run("report", func(t *testing.T) {
		dir := copyModule(t, "fixmod")
		out, code := fixRunCode(t, dir, cqlintBin, "./...")
		// folders is analyzed with and without its tests; its report is
		// printed once.
		if n := strings.Count(out, "naming: "); code != 1 || n != 4 {
			t.Errorf("cqlint ./... exited %d with %d reports, want 1 and 4\n%s", code, n, out)
		}
		for _, want := range append(remaining,
			"folders/folders.go:12:6: naming: command folderCreateCommand starts with folder, not a verb: a command is named in the imperative; rename it to createFolderCommand",
			"notify/notify.go:11:6: naming: event userCreation ends in the noun Creation, not the past tense: an event is named in the past tense; rename it to userCreated",
		) {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("cqlint -fix", func(t *testing.T) {
		dir := copyModule(t, "fixmod")
		// Findings without a fix are left: exit 1.
		if out, code := fixRunCode(t, dir, cqlintBin, "-fix", "./..."); code != 1 || !strings.Contains(out, "cqlint: applied 2 fixes in 3 files; 4 findings left") {
			t.Fatalf("cqlint -fix exited %d, want 1 and a summary\n%s", code, out)
		}
		fixCheckGolden(t, src, dir)
		fixCheckBuilds(t, dir)
		// What is left is what has no fix; a second -fix changes nothing.
		out, code := fixRunCode(t, dir, cqlintBin, "./...")
		if code != 1 || strings.Count(out, "naming: ") != len(remaining) {
			t.Errorf("after -fix: exit %d, want 1 and %d reports:\n%s", code, len(remaining), out)
		}
		for _, want := range remaining {
			if !strings.Contains(out, want) {
				t.Errorf("after -fix, output lacks %q:\n%s", want, out)
			}
		}
		fixRunCode(t, dir, cqlintBin, "-fix", "./...")
		fixCheckGolden(t, src, dir)
	})

	t.Run("cqlint -test=false -fix", func(t *testing.T) {
		// Without its tests a pass cannot see folders_test.go, which uses
		// folderCreateCommand: that rename is refused, the other applied.
		dir := copyModule(t, "fixmod")
		if out, code := fixRunCode(t, dir, cqlintBin, "-test=false", "-fix", "./..."); code != 1 {
			t.Fatalf("cqlint -test=false -fix exited %d\n%s", code, out)
		}
		fixCheckBuilds(t, dir)
		got, err := os.ReadFile(filepath.Join(dir, "notify", "notify.go"))
		if err != nil || !strings.Contains(string(got), "type userCreated struct") {
			t.Errorf("notify.go not renamed (%v):\n%s", err, got)
		}
		got, err = os.ReadFile(filepath.Join(dir, "folders", "folders.go"))
		if err != nil || !strings.Contains(string(got), "type folderCreateCommand struct") {
			t.Errorf("folders.go renamed without its test file (%v):\n%s", err, got)
		}
	})

	t.Run("cqlint -fix -diff", func(t *testing.T) {
		dir := copyModule(t, "fixmod")
		out, code := fixRunCode(t, dir, cqlintBin, "-fix", "-diff", "./...")
		if code != 1 {
			t.Errorf("cqlint -fix -diff exited %d\n%s", code, out)
		}
		for _, want := range []string{
			"-type folderCreateCommand struct {\n+type createFolderCommand struct {",
			"-\tcmd := folderCreateCommand{Title: \"a\"}\n+\tcmd := createFolderCommand{Title: \"a\"}",
			"-type userCreation struct {\n+type userCreated struct {",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("diff lacks %q:\n%s", want, out)
			}
		}
		fixCheckUnchanged(t, src, dir)
	})

	t.Run("go fix -fixtool", func(t *testing.T) {
		dir := copyModule(t, "fixmod")
		out, code := fixRunCode(t, dir, "go", "fix", "-diff", "-fixtool="+cqlintBin, "./...")
		if code != 1 || !strings.Contains(out, "+type userCreated struct {") {
			t.Errorf("go fix -diff exited %d, want 1 and a diff:\n%s", code, out)
		}
		fixCheckUnchanged(t, src, dir)
		if out, code := fixRunCode(t, dir, "go", "fix", "-fixtool="+cqlintBin, "./..."); code != 0 {
			t.Fatalf("go fix exited %d\n%s", code, out)
		}
		fixCheckGolden(t, src, dir)
		fixCheckBuilds(t, dir)
	})
}

// fixCheckGolden compares every Go file of dir with its .golden in src, or
// with its original when it has none.
func fixCheckGolden(t *testing.T, src, dir string) {
	t.Helper()
	fixCompare(t, src, dir, true)
}

func fixCheckUnchanged(t *testing.T, src, dir string) {
	t.Helper()
	fixCompare(t, src, dir, false)
}

func fixCompare(t *testing.T, src, dir string, golden bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(src, "*", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", src, err)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(src, f)
		want, err := os.ReadFile(f + ".golden")
		if !golden || errors.Is(err, fs.ErrNotExist) {
			want, err = os.ReadFile(f)
		}
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the expected file:\n--- got\n%s\n--- want\n%s", rel, got, want)
		}
	}
}

// fixCheckBuilds runs go vet and go test in the fixed module: a rename
// that missed a use would not compile.
func fixCheckBuilds(t *testing.T, dir string) {
	t.Helper()
	fixRun(t, dir, "go", "vet", "./...")
	fixRun(t, dir, "go", "test", "-count=1", "./...")
}

func fixRun(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	out, code := fixRunCode(t, dir, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// fixRunCode runs a command in dir (through helpers_test.go's run) and
// returns its stdout and stderr together, and its exit code.
func fixRunCode(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	r := run(t, dir, name, args...)
	return r.stdout + r.stderr, r.code
}
