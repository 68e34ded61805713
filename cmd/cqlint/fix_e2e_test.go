package main_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixEndToEnd applies the naming rename fix to testdata/fixmod the
// three ways a user can: cqlint -fix, cqlint -fix -diff, and go fix
// -fixtool=cqlint (go fix runs the tool through the vet protocol, which
// the multichecker speaks). The module has an unexported command used in
// a _test.go file too, an unexported event, an exported query (reported,
// never renamed) and an unexported event whose suggested name is taken
// (reported, not renamed). Expected files are the *.go.golden beside the
// sources.
func TestFixEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cqlint and runs the go command")
	}
	bin := filepath.Join(t.TempDir(), "cqlint")
	fixRun(t, ".", "go", "build", "-o", bin, ".")
	src, err := filepath.Abs("../../testdata/fixmod")
	if err != nil {
		t.Fatal(err)
	}
	remaining := []string{
		"folders/folders.go:20:6: naming: query DashboardQuery has no verb in the imperative",
		"notify/notify.go:16:6: naming: event sendReport is in the imperative, not the past tense: an event is named in the past tense; rename it to reportSent (no fix: reportSent is already used in the package)",
	}

	t.Run("report", func(t *testing.T) {
		dir := fixCopyModule(t, src)
		out, code := fixRunCode(t, dir, bin, "./...")
		if code != 3 {
			t.Errorf("cqlint ./... exited %d, want 3 (diagnostics)\n%s", code, out)
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
		dir := fixCopyModule(t, src)
		if out, code := fixRunCode(t, dir, bin, "-fix", "./..."); code != 0 {
			t.Fatalf("cqlint -fix exited %d\n%s", code, out)
		}
		fixCheckGolden(t, src, dir)
		fixCheckBuilds(t, dir)
		// What is left is what has no fix; a second -fix changes nothing.
		out, code := fixRunCode(t, dir, bin, "./...")
		if code != 3 || strings.Count(out, "naming: ") != len(remaining) {
			t.Errorf("after -fix: exit %d, want 3 and %d reports:\n%s", code, len(remaining), out)
		}
		for _, want := range remaining {
			if !strings.Contains(out, want) {
				t.Errorf("after -fix, output lacks %q:\n%s", want, out)
			}
		}
		fixRunCode(t, dir, bin, "-fix", "./...")
		fixCheckGolden(t, src, dir)
	})

	t.Run("cqlint -fix -diff", func(t *testing.T) {
		dir := fixCopyModule(t, src)
		out, code := fixRunCode(t, dir, bin, "-fix", "-diff", "./...")
		if code != 0 {
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
		dir := fixCopyModule(t, src)
		out, code := fixRunCode(t, dir, "go", "fix", "-diff", "-fixtool="+bin, "./...")
		if code != 1 || !strings.Contains(out, "+type userCreated struct {") {
			t.Errorf("go fix -diff exited %d, want 1 and a diff:\n%s", code, out)
		}
		fixCheckUnchanged(t, src, dir)
		if out, code := fixRunCode(t, dir, "go", "fix", "-fixtool="+bin, "./..."); code != 0 {
			t.Fatalf("go fix exited %d\n%s", code, out)
		}
		fixCheckGolden(t, src, dir)
		fixCheckBuilds(t, dir)
	})
}

// fixCopyModule copies the module at src (without its .golden files) to a
// fresh directory.
func fixCopyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(path, ".golden") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
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

// fixRunCode runs a command in dir and returns its combined output and
// exit code.
func fixRunCode(t *testing.T, dir, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	}
	t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	return "", -1
}
