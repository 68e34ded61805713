package main_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// cqlintBin is the cqlint binary TestMain builds once for every test in
// this package.
var cqlintBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cqlint-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cqlintBin = filepath.Join(dir, "cqlint")
	if runtime.GOOS == "windows" {
		cqlintBin += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", cqlintBin, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building cqlint: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot is the repository's root directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// copyModule copies the module at testdata/<name> of the repository into a
// fresh temporary directory and returns that directory, so a test may run
// fixes in it.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	return copyDir(t, filepath.Join(repoRoot(t), "testdata", name))
}

// copyDir copies the directory src into a fresh temporary directory and
// returns that directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// result is what a finished command left.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n-- stdout --\n%s\n-- stderr --\n%s", r.code, r.stdout, r.stderr)
}

// run runs name with args in dir and returns its output and exit code; it
// fails the test only when the command cannot be started.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// cqlint runs the built cqlint in dir.
func cqlint(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return run(t, dir, cqlintBin, args...)
}

// goVet runs go vet with cqlint as its vet tool in dir.
func goVet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return run(t, dir, "go", append([]string{"vet", "-vettool=" + cqlintBin}, args...)...)
}

// findings returns the "file:line:col: rule: message" lines of out with
// the file made relative to dir and slash-separated, sorted as given.
func findings(out, dir string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimPrefix(l, dir+string(filepath.Separator))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, filepath.ToSlash(l))
	}
	return lines
}
