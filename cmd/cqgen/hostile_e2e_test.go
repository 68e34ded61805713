package main

import (
	"bytes"
	"errors"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// A hostileCase runs the built cqgen refactor on the module of a refactor
// txtar case the way an unlucky user would, and checks that the exit code
// and message are right and that the tree still builds afterwards in every
// configuration it has.
type hostileCase struct {
	txtar    string   // refactor/testdata/<txtar>.txtar: its input files
	dir      string   // where to run, inside the case
	args     []string // after "refactor -q"
	env      []string // extra environment (GOWORK=off is the default)
	readonly string   // a file to make read-only first
	crlf     string   // a file to give CRLF line endings first
	code     int      // the exit code
	out      []string // what the output must say (file names)
	// changed and same are files that must, or must not, change.
	changed, same []string
	// builds are go commands run in dir afterwards, each "ENV=x ... go args".
	builds []string
}

var hostileCases = map[string]hostileCase{
	"narrow pattern": {
		txtar: "narrow", args: []string{"./x/..."}, code: 0,
		out: []string{"converted 1 types: x.GetXQuery"}, changed: []string{"x/x.go", "y/y.go", "y/y_test.go"},
		builds: []string{"go build ./...", "go vet ./..."},
	},
	"windows producer, enterprise caller, ignore tool": {
		txtar: "constraints", code: 1,
		out: []string{
			"a_windows.go is excluded by build constraints and mentions GetAQuery; add --configs 'GOOS=windows'",
			"e/e_enterprise.go is excluded by build constraints and mentions GetBQuery; add --configs 'tags=enterprise'",
			"tool/gen.go is excluded by build constraints and mentions GetCQuery; add --configs 'tags=ignore'",
		},
		changed: []string{"m.go"}, same: []string{"a_windows.go", "a_other.go", "e/e_enterprise.go", "tool/gen.go"},
		builds: []string{"go build ./...", "GOOS=windows go build ./...", "go build -tags enterprise ./...", "go run tool/gen.go"},
	},
	"--configs for windows and enterprise": {
		txtar: "constraints", code: 1, args: []string{"--configs", "GOOS=windows", "--configs=tags=enterprise"},
		out:     []string{"converted 3 types", "tool/gen.go is excluded by build constraints and mentions GetCQuery"},
		changed: []string{"m.go", "a_windows.go", "a_other.go", "e/e_enterprise.go"}, same: []string{"tool/gen.go"},
		builds: []string{"go build ./...", "GOOS=windows go build ./...", "go build -tags enterprise ./...", "go run tool/gen.go"},
	},
	"workspace": {
		txtar: "workspace", dir: "a", env: []string{"GOWORK="}, code: 0,
		out: []string{"converted 1 types: a.GetAQuery"}, changed: []string{"a/a.go", "b/b.go"},
		builds: []string{"go build ./...", "go build -C ../b ./...", "GOWORK=off go build ./..."},
	},
	"workspace with GOWORK=off": {
		txtar: "workspace", dir: "a", env: []string{"GOWORK=off"}, code: 0,
		out: []string{"converted 1 types: a.GetAQuery"}, changed: []string{"a/a.go"}, same: []string{"b/b.go"},
		builds: []string{"GOWORK=off go build ./..."},
	},
	"vendored dependency": {
		txtar: "vendor", args: []string{"example.com/dep", "./..."}, env: []string{"GOFLAGS=-mod=vendor"}, code: 1,
		out:  []string{"vendor/example.com/dep/dep.go:5:6: dep.GetDQuery: declared in a dependency (module example.com/dep)"},
		same: []string{"vendor/example.com/dep/dep.go", "m.go"}, builds: []string{"go build ./...", "go build -mod=vendor ./..."},
	},
	"pattern all": {
		txtar: "dependency_all", dir: "main", args: []string{"all"}, code: 1,
		out:     []string{"dep/dep.go:5:6: dep.GetDQuery: declared in a dependency (module example.com/dep)"},
		changed: []string{"main/main.go"}, same: []string{"dep/dep.go"}, builds: []string{"go build ./...", "go vet ./..."},
	},
	"cgo": {
		txtar: "cgo", env: []string{"CGO_ENABLED=1"}, code: 1,
		out:     []string{"c.go:8:6: m.GetAQuery: c.go uses cgo: cqgen refactor does not rewrite cgo files"},
		changed: []string{"b.go"}, same: []string{"c.go"}, builds: []string{"CGO_ENABLED=1 go build ./...", "CGO_ENABLED=1 go vet ./..."},
	},
	"//line directive": {
		txtar: "linedirective", code: 0, out: []string{"converted 1 types: m.GetAQuery"},
		changed: []string{"m.go"}, builds: []string{"go build ./...", "go vet ./..."},
	},
	"read-only file": {
		txtar: "readonly", readonly: "use/use.go", code: 1,
		out:     []string{"m.go:5:6: m.GetAQuery: use/use.go is read-only", "converted 1 types: m.GetBQuery"},
		changed: []string{"m.go"}, same: []string{"use/use.go"}, builds: []string{"go build ./..."},
	},
	"CRLF file": {
		txtar: "crlf", crlf: "m.go", code: 0, out: []string{"converted 1 types: m.GetAQuery"},
		changed: []string{"m.go", "use/use.go"}, builds: []string{"go build ./..."},
	},
	"--types= names nothing": {
		txtar: "narrow", args: []string{"--types="}, code: 2, out: []string{"--types: no type names given"},
		same: []string{"x/x.go", "y/y.go"}, builds: []string{"go build ./..."},
	},
	"--types=,, names nothing": {
		txtar: "narrow", args: []string{"--types=,,"}, code: 2, out: []string{"--types: no type names given"},
		same: []string{"x/x.go", "y/y.go"},
	},
	"--configs with an unknown key": {
		txtar: "narrow", args: []string{"--configs", "GOOS=windows OS=linux"}, code: 2, out: []string{`unknown key "OS"`},
		same: []string{"x/x.go", "y/y.go"},
	},
}

func TestRefactorHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds small modules")
	}
	for name, hc := range hostileCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			root := hostileModule(t, hc)
			before := refactorSnapshot(t, root)
			dir := filepath.Join(root, hc.dir)
			// GOFLAGS from the environment (-mod=mod, say) would change
			// how the vendor case loads.
			hc.env = append([]string{"GOFLAGS="}, hc.env...)
			out, code := hostileRun(t, dir, hc.env, cqgenBin, append([]string{"refactor", "-q"}, hc.args...)...)
			if code != hc.code {
				t.Errorf("exit %d, want %d; output:\n%s", code, hc.code, out)
			}
			for _, want := range hc.out {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			after := refactorSnapshot(t, root)
			for _, f := range hc.changed {
				if p := filepath.Join(root, f); after[p] == before[p] {
					t.Errorf("%s did not change", f)
				}
			}
			for _, f := range hc.same {
				if p := filepath.Join(root, f); after[p] != before[p] {
					t.Errorf("%s changed:\n%s", f, cmp.Diff(before[p], after[p]))
				}
			}
			if hc.crlf != "" {
				got := after[filepath.Join(root, hc.crlf)]
				lf := strings.ReplaceAll(got, "\r\n", "\n")
				if strings.Count(got, "\n") != strings.Count(got, "\r\n") {
					t.Errorf("%s is not CRLF throughout:\n%q", hc.crlf, got)
				}
				if f, err := format.Source([]byte(lf)); err != nil || string(f) != lf {
					t.Errorf("%s is not gofmt-clean: %v", hc.crlf, err)
				}
			}
			for _, b := range hc.builds {
				fields := strings.Fields(b)
				var env []string
				for strings.Contains(fields[0], "=") {
					env, fields = append(env, fields[0]), fields[1:]
				}
				if out, code := hostileRun(t, dir, append(append([]string(nil), hc.env...), env...), fields[0], fields[1:]...); code != 0 {
					t.Errorf("%s after the refactoring: exit %d\n%s", b, code, out)
				}
			}
		})
	}
}

// hostileModule writes the input files of hc's txtar case (not its want/,
// refusals or options) to a new directory and returns it.
func hostileModule(t *testing.T, hc hostileCase) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("..", "..", "refactor", "testdata", hc.txtar+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want/") || f.Name == "refusals" || f.Name == "options" || f.Name == "types" {
			continue
		}
		data := f.Data
		if f.Name == hc.crlf {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		}
		name := filepath.Join(root, f.Name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if hc.readonly != "" {
		if err := os.Chmod(filepath.Join(root, hc.readonly), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// hostileRun runs name with args in dir, GOWORK=off unless env says
// otherwise, and returns the combined output and exit code.
func hostileRun(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off"), env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return buf.String(), 0
	case errors.As(err, &ee):
		return buf.String(), ee.ExitCode()
	}
	t.Fatalf("running %s: %v", name, err)
	return "", -1
}
