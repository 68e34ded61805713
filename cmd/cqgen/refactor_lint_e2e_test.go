package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"
)

// The linters the rewritten code must satisfy, pinned: a new release
// could add checks, and then a finding, the rewrite did not cause.
const (
	staticcheckPkg = "honnef.co/go/tools/cmd/staticcheck@v0.8.2"
	ineffassignPkg = "github.com/gordonklaus/ineffassign@v0.2.0"
)

// acceptedLintFindings are the findings the rewrite of
// testdata/refactormod may add, each counted, with why
// (docs/refactor-meaning.md, "Lint-clean output"): a loop that appended
// to Result one element at a time appends to a local variable now, which
// S1011 sees and the field hid from it; one append of the whole slice
// would give the result another capacity, which a caller's later append
// can observe. The test fails on any other new finding, and when one of
// these goes (then delete it here).
var acceptedLintFindings = map[string]int{
	"staticcheck pkg/services/shop/shoptest/wishlist.go: should replace loop with result = append(result, f.Wishes[query.CustomerID]...) (S1011)": 1,
}

// TestRefactorLintClean runs cqgen refactor on copies of
// testdata/refactormod and testdata/example, and staticcheck, go vet and
// ineffassign on each before and after: the rewrite may add no finding
// (a finding is its file, its check and its message; lines move) but the
// accepted ones of refactormod, exactly as many as listed.
func TestRefactorLintClean(t *testing.T) {
	e2e.Require(t, "builds staticcheck and ineffassign and lints a module before and after the rewrite")
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
			known := map[string]int{}
			if mod == "refactormod" {
				known = acceptedLintFindings
			}
			for f, n := range after {
				if n > before[f]+known[f] {
					t.Errorf("new finding after the refactoring (%d, was %d): %s", n, before[f], f)
				}
			}
			for f, n := range known {
				if after[f] < before[f]+n {
					t.Errorf("a known finding is gone (%d, was %d, listed %d): remove it from acceptedLintFindings: %s", after[f], before[f], n, f)
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
