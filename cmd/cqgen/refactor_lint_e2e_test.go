package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The linters the rewritten code must satisfy, pinned: a new release
// could add checks, and then a finding, the rewrite did not cause.
const (
	staticcheckPkg = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"
	ineffassignPkg = "github.com/gordonklaus/ineffassign@v0.2.0"
)

// TestRefactorLintClean runs cqgen refactor on copies of
// testdata/refactormod and testdata/example, and staticcheck, go vet and
// ineffassign on each before and after: the rewrite may add no finding
// (a finding is its file, its check and its message; lines move).
func TestRefactorLintClean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds linters and runs them on two modules")
	}
	bin := t.TempDir()
	for _, pkg := range []string{staticcheckPkg, ineffassignPkg} {
		cmd := exec.Command("go", "install", pkg)
		cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=", "GOWORK=off")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("cannot build %s (is the module proxy reachable?): %v\n%s", pkg, err, b)
		}
	}
	for _, mod := range []string{"refactormod", "example"} {
		t.Run(mod, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("../../testdata", mod))); err != nil {
				t.Fatal(err)
			}
			before := lintFindings(t, dir, bin)
			if out, code := refactorRun(t, dir, "refactor", "-q", "./..."); code > 1 {
				t.Fatalf("cqgen refactor: exit %d:\n%s", code, out)
			}
			after := lintFindings(t, dir, bin)
			for f, n := range after {
				if n > before[f] {
					t.Errorf("new finding after the refactoring (%d, was %d): %s", n, before[f], f)
				}
			}
		})
	}
}

// lintPos is the position a linter prints before its message.
var lintPos = regexp.MustCompile(`^(\S+\.go):\d+:\d+: `)

// lintFindings runs the linters on the module in dir and counts their
// findings, each as "linter file: message" with the file relative to dir.
func lintFindings(t *testing.T, dir, bin string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, l := range []struct {
		name string
		args []string
	}{
		{"staticcheck", []string{filepath.Join(bin, "staticcheck"), "./..."}},
		{"vet", []string{"go", "vet", "./..."}},
		{"ineffassign", []string{filepath.Join(bin, "ineffassign"), "./..."}},
	} {
		cmd := exec.Command(l.args[0], l.args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		b, err := cmd.CombinedOutput() // a finding is a non-zero exit
		n := 0
		for _, line := range strings.Split(string(b), "\n") {
			m := lintPos.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			file := m[1]
			if r, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(r, "..") {
				file = r
			}
			out[l.name+" "+filepath.ToSlash(file)+": "+line[len(m[0]):]]++
			n++
		}
		if err != nil && n == 0 {
			t.Fatalf("%s failed without a finding: %v\n%s", l.name, err, b)
		}
	}
	return out
}
