package synth

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"
)

// TestSmallModuleBuildsVetsAndPasses generates a small module and runs the
// go command on it the way the benchmarks use the big one.
func TestSmallModuleBuildsVetsAndPasses(t *testing.T) {
	e2e.Require(t, "generates a module, then builds, vets and tests it")
	if testing.Short() {
		t.Skip("runs go build, vet and test on a generated module")
	}
	dir := t.TempDir()
	// Seven Result types over two services: every shape, and one service
	// with more than one of them.
	if err := Generate(dir, Options{Services: 3, ResultTypes: 7, CallSites: 6}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

func TestDeterministic(t *testing.T) {
	opt := Options{Services: 5, ResultTypes: 12, CallSites: 6}
	a, err := Files(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Files(opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, src := range a {
		if !bytes.Equal(src, b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestDefaultSize checks the default module against the sizes the
// benchmarks promise: 300+ packages, 100+ Result types, 1,000+ call sites.
func TestDefaultSize(t *testing.T) {
	opt := DefaultOptions()
	files, err := Files(opt)
	if err != nil {
		t.Fatal(err)
	}
	pkgs := map[string]bool{}
	results, calls := 0, 0
	for name, src := range files {
		if strings.HasSuffix(name, ".go") {
			pkgs[filepath.Dir(name)] = true
		}
		if strings.HasSuffix(name, "/models.go") {
			results += bytes.Count(src, []byte("\tResult "))
		}
		if strings.HasSuffix(name, "api.go") {
			for _, line := range strings.Split(string(src), "\n") {
				if strings.Contains(line, "tore.") && strings.Contains(line, "(ctx") || strings.Contains(line, "a.Store.") {
					calls++
				}
			}
		}
	}
	if len(pkgs) != opt.Packages() || len(pkgs) < 300 {
		t.Errorf("%d packages, Packages() says %d; want at least 300", len(pkgs), opt.Packages())
	}
	if results < 100 {
		t.Errorf("%d Result types, want at least 100", results)
	}
	if calls < 1000 {
		t.Errorf("%d non-test call sites, want at least 1000", calls)
	}
}

func TestBadOptions(t *testing.T) {
	for _, opt := range []Options{{Services: 0}, {Services: 1, ResultTypes: 7}} {
		if err := Generate(t.TempDir(), opt); err == nil {
			t.Errorf("Generate(%+v) succeeded, want an error", opt)
		}
	}
}
