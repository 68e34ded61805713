package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cqtools/cq/internal/e2e"

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
	code := exitCode(cmd.Run())
	if code < 0 {
		t.Fatalf("running %s: it did not start or was killed", name)
	}
	return buf.String(), code
}

// The writer's scenarios of the hostile-user tests: cqgen refactor and
// cqgen generate interrupted at random points of their write phase, with
// a failing rename, over a symbolic link, over a hand-written output
// file, and in a module without testify. Each checks the exit status, the
// message naming the file, that the tree is entirely the old one or
// entirely the new one with no temporary file, and that go build ./...
// still passes. The interrupts and failures come from the writer's test
// hook, CQGEN_TEST_WRITER (see internal/writer).

// hwRefactorModule has one query with a Result field whose conversion
// changes four files.
var hwRefactorModule = map[string]string{
	"go.mod": "module example.com/hw\n\ngo 1.22\n",
	"shop/shop.go": `package shop

import "context"

type GetPriceQuery struct {
	ID     int
	Result int
}

func GetPrice(ctx context.Context, q *GetPriceQuery) error {
	q.Result = q.ID * 100
	return nil
}
`,
	"a/a.go": hwCaller("a", 1),
	"b/b.go": hwCaller("b", 2),
	"c/c.go": hwCaller("c", 3),
}

func hwCaller(pkg string, id int) string {
	return fmt.Sprintf(`package %s

import (
	"context"

	"example.com/hw/shop"
)

func Price(ctx context.Context) (int, error) {
	q := shop.GetPriceQuery{ID: %d}
	if err := shop.GetPrice(ctx, &q); err != nil {
		return 0, err
	}
	return q.Result, nil
}
`, pkg, id)
}

// hwGenerateModule has output of cqgen generate to rewrite (teapot's
// directives changed since) and to remove (kettle has none left).
func hwGenerateModule(t *testing.T) map[string]string {
	t.Helper()
	dir := hwWrite(t, map[string]string{
		"go.mod": "module example.com/hw\n\ngo 1.22\n",
		"teapot/teapot.go": `package teapot

//cq:query result=int
type GetTeapotQuery struct{ ID int64 }
`,
		"kettle/kettle.go": `package kettle

//cq:command
type BoilCommand struct{}
`,
	})
	hwCqgen(t, dir, nil, 0, "generate", "--mocks=never", "./...")
	files := hwSnapshot(t, dir)
	files["teapot/teapot.go"] = strings.Replace(files["teapot/teapot.go"], "result=int", "result=string", 1)
	files["kettle/kettle.go"] = "package kettle\n\ntype BoilCommand struct{}\n"
	return files
}

// A hwCommand is a run whose write phase the tests break into.
type hwCommand struct {
	name  string
	files func(*testing.T) map[string]string
	args  []string
}

// hwCommands are the runs whose write phase the tests break into.
var hwCommands = []hwCommand{
	{"refactor", func(*testing.T) map[string]string { return hwRefactorModule }, []string{"refactor", "-q"}},
	{"generate", hwGenerateModule, []string{"generate", "--mocks=never", "./..."}},
}

// hwWrite writes files (slash paths) into a new directory.
func hwWrite(t *testing.T, files map[string]string) string {
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

// hwSnapshot reads every file under dir (a symbolic link as "-> dest"),
// and fails the test on any temporary file or backup of the writer.
func hwSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if strings.Contains(d.Name(), ".cqgen-") {
			t.Errorf("writer file left behind: %s", rel)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			dest, err := os.Readlink(path)
			out[rel] = "-> " + dest
			return err
		}
		b, err := os.ReadFile(path)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// hwCqgen runs the built cqgen in dir with extra environment and wants
// exit status code; it returns the combined output.
func hwCqgen(t *testing.T, dir string, env []string, code int, args ...string) string {
	t.Helper()
	out, got := hostileRun(t, dir, append([]string{"GOFLAGS=-mod=mod", "GOPROXY=off"}, env...), cqgenBin, args...)
	if got != code {
		t.Fatalf("cqgen %s: exit %d, want %d\n%s", strings.Join(args, " "), got, code, out)
	}
	return out
}

// exitCode is the exit code of a process that ended with err, or -2 when
// it did not run to an exit.
func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -2
}

// hwBuild runs go build ./... in dir.
func hwBuild(t *testing.T, dir string) {
	t.Helper()
	if out, code := hostileRun(t, dir, []string{"GOFLAGS=-mod=mod", "GOPROXY=off"}, "go", "build", "./..."); code != 0 {
		t.Errorf("go build ./...: exit %d\n%s", code, out)
	}
}

var hwStep = regexp.MustCompile(`^cqgen-writer: step (\d+): (\w+) (.*)$`)

// hwSteps runs the command uninterrupted in a copy of files with the
// writer tracing, and returns the tree it leaves and its steps ("rename
// a/a.go", paths relative to the module).
func hwSteps(t *testing.T, files map[string]string, args []string) (map[string]string, []string) {
	t.Helper()
	dir := hwWrite(t, files)
	out := hwCqgen(t, dir, []string{"CQGEN_TEST_WRITER=trace"}, 0, args...)
	var steps []string
	for _, line := range strings.Split(out, "\n") {
		if m := hwStep.FindStringSubmatch(line); m != nil {
			rel, _ := filepath.Rel(dir, m[3])
			steps = append(steps, m[2]+" "+filepath.ToSlash(rel))
		}
	}
	if len(steps) == 0 {
		t.Fatalf("cqgen %s wrote nothing:\n%s", strings.Join(args, " "), out)
	}
	return hwSnapshot(t, dir), steps
}

// TestHostileWriterSignals interrupts cqgen refactor and cqgen generate
// with SIGINT or SIGTERM at random steps of the write phase (and once
// before it): the tree must be entirely the old one (the process says so,
// exit 130 or 143) or, for a signal after every file was in place,
// entirely the new one, never a mix, with no temporary file.
func TestHostileWriterSignals(t *testing.T) {
	e2e.Require(t, "interrupts cqgen refactor with signals at random points of its writes")
	if testing.Short() {
		t.Skip("runs cqgen many times")
	}
	rng := seededRand(t)
	for _, c := range hwCommands {
		t.Run(c.name, func(t *testing.T) {
			files := c.files(t)
			newTree, steps := hwSteps(t, files, c.args)
			commit := 0 // the last step that puts a file in place
			for i, s := range steps {
				if strings.HasPrefix(s, "rename ") {
					commit = i + 1
				}
			}
			// Before the write phase (0: as soon as the process starts),
			// in phase 1, in phase 2, anywhere, and at the last step.
			targets := []int{0, 1 + rng.IntN(commit/2), commit/2 + 1 + rng.IntN(commit-commit/2), 1 + rng.IntN(len(steps)), len(steps)}
			rolledBack := 0
			for _, at := range targets {
				sig := syscall.SIGINT
				if rng.IntN(2) == 0 {
					sig = syscall.SIGTERM
				}
				jitter := time.Duration(rng.IntN(40)) * time.Millisecond
				if hwInterrupt(t, files, newTree, c.args, at, sig, jitter) {
					rolledBack++
				}
			}
			if rolledBack == 0 {
				t.Errorf("no interrupt rolled back (targets %v of %d steps): every signal came too late", targets, len(steps))
			}
		})
	}
}

// hwInterrupt runs the command on a copy of files, with 40ms between the
// writer's steps, and sends sig jitter after the writer announces step
// at (at 0: right away). It reports whether the write was rolled back.
func hwInterrupt(t *testing.T, files, newTree map[string]string, args []string, at int, sig syscall.Signal, jitter time.Duration) bool {
	t.Helper()
	dir := hwWrite(t, files)
	oldTree := hwSnapshot(t, dir)
	cmd := exec.Command(cqgenBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "CQGEN_TEST_WRITER=delay=40ms,trace")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if at == 0 {
		cmd.Process.Signal(sig)
	}
	var out strings.Builder
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if m := hwStep.FindStringSubmatch(line); m != nil && m[1] == strconv.Itoa(at) {
			time.Sleep(jitter)
			cmd.Process.Signal(sig)
		}
	}
	err = cmd.Wait()
	what := fmt.Sprintf("%s at step %d+%v", sig, at, jitter)
	got := hwSnapshot(t, dir)
	code := exitCode(err)
	name := "SIGINT"
	if sig == syscall.SIGTERM {
		name = "SIGTERM"
	}
	defer hwBuild(t, dir)
	switch {
	case code == 128+int(sig) && strings.Contains(out.String(), "cqgen: interrupted ("+name+") while writing: every file was restored, the tree is as it was"):
		if d := cmp.Diff(oldTree, got); d != "" {
			t.Errorf("%s: said restored, but the tree is not the old one (-old +got):\n%s", what, d)
		}
		return true
	case code == 128+int(sig) && strings.Contains(out.String(), "cqgen: interrupted ("+name+") after every file was written: the new files are in place"):
		if d := cmp.Diff(newTree, got); d != "" {
			t.Errorf("%s: said written, but the tree is not the new one (-new +got):\n%s", what, d)
		}
	case code == 0:
		// The signal came once the process was done (on a loaded
		// machine, the trace line is read late).
		if d := cmp.Diff(newTree, got); d != "" {
			t.Errorf("%s: exit 0, but the tree is not the new one (-new +got):\n%s", what, d)
		}
	case code == -1 && cmd.ProcessState.Sys().(syscall.WaitStatus).Signal() == sig:
		// Killed outside the write phase, where default handling holds.
		if !cmp.Equal(oldTree, got) && !cmp.Equal(newTree, got) {
			t.Errorf("%s: killed, and the tree is a mix:\n%s", what, cmp.Diff(oldTree, got))
		}
	default:
		t.Errorf("%s: exit %d (%v), output:\n%s%s", what, code, err, stdout.String(), out.String())
	}
	return false
}

// TestHostileWriterFailingRename makes each rename of the write phase fail
// in turn: exit 2, the message names the file and says nothing was
// written, and the tree is the old one.
func TestHostileWriterFailingRename(t *testing.T) {
	e2e.Require(t, "makes renames fail at every step of the write")
	if testing.Short() {
		t.Skip("runs cqgen many times")
	}
	for _, c := range hwCommands {
		t.Run(c.name, func(t *testing.T) {
			files := c.files(t)
			_, steps := hwSteps(t, files, c.args)
			renames := 0
			for k, step := range steps {
				name, rel, _ := strings.Cut(step, " ")
				if name != "rename" {
					continue
				}
				renames++
				dir := hwWrite(t, files)
				old := hwSnapshot(t, dir)
				out := hwCqgen(t, dir, []string{fmt.Sprintf("CQGEN_TEST_WRITER=fail=%d", k+1)}, 2, c.args...)
				if !strings.Contains(out, rel) || !strings.Contains(out, "injected failure") || !strings.Contains(out, "nothing was written: every file is as it was") {
					t.Errorf("rename %d (%s) failing: the message does not name %s or say nothing was written:\n%s", k+1, step, rel, out)
				}
				if d := cmp.Diff(old, hwSnapshot(t, dir)); d != "" {
					t.Errorf("rename %d (%s) failing: tree changed (-old +got):\n%s", k+1, step, d)
				}
				hwBuild(t, dir)
			}
			if renames < 3 {
				t.Errorf("only %d renames: %v", renames, steps)
			}
		})
	}
}

// TestHostileWriterSymlink refactors a module whose source file is a
// symbolic link: the link stays and the file it points to is rewritten.
func TestHostileWriterSymlink(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cqgen")
	}
	files := map[string]string{}
	for k, v := range hwRefactorModule {
		files[k] = v
	}
	delete(files, "a/a.go")
	files["shared/a.go.src"] = hwCaller("a", 1)
	dir := hwWrite(t, files)
	if err := os.MkdirAll(filepath.Join(dir, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "shared", "a.go.src"), filepath.Join(dir, "a", "a.go")); err != nil {
		t.Fatal(err)
	}
	out := hwCqgen(t, dir, nil, 0, "refactor", "-q")
	if !strings.Contains(out, "converted 1 types: shop.GetPriceQuery") {
		t.Errorf("refactor:\n%s", out)
	}
	got := hwSnapshot(t, dir)
	if got["a/a.go"] != "-> ../shared/a.go.src" {
		t.Errorf("a/a.go is no longer the link: %q", got["a/a.go"])
	}
	if !strings.Contains(got["shared/a.go.src"], "price, err := shop.GetPrice(ctx, &q)") {
		t.Errorf("the linked file was not rewritten:\n%s", got["shared/a.go.src"])
	}
	hwBuild(t, dir)
}

// hwTeapotModule has a directive and no output yet.
var hwTeapotModule = map[string]string{
	"go.mod": "module example.com/hw\n\ngo 1.22\n",
	"teapot/teapot.go": `package teapot

//cq:query result=int
type GetTeapotQuery struct{ ID int64 }
`,
}

// TestHostileHandWrittenOutput puts a hand-written file where cqgen
// generate writes the fake: generate and --check exit 2 naming it, and
// nothing is written.
func TestHostileHandWrittenOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cqgen")
	}
	files := map[string]string{"teapot/teapottest/fake.gen.go": "// Package teapottest: written by hand, years ago.\npackage teapottest\n\ntype FakeService struct{ Calls int }\n"}
	for k, v := range hwTeapotModule {
		files[k] = v
	}
	dir := hwWrite(t, files)
	old := hwSnapshot(t, dir)
	for _, args := range [][]string{{"generate", "./..."}, {"generate", "--check", "./..."}} {
		out := hwCqgen(t, dir, nil, 2, args...)
		if !strings.Contains(out, "teapot/teapottest/fake.gen.go:1:1: cqgen writes fake.gen.go, but this file was not written by cqgen") {
			t.Errorf("cqgen %s: the message does not name the file:\n%s", strings.Join(args, " "), out)
		}
		if d := cmp.Diff(old, hwSnapshot(t, dir)); d != "" {
			t.Errorf("cqgen %s changed the tree (-old +got):\n%s", strings.Join(args, " "), d)
		}
	}
	hwBuild(t, dir)
}

// TestHostileNoTestify generates in a module that does not require
// testify: the interface and the fake, no mock (a line says why), and the
// module builds; --mocks=always is an error and writes nothing.
func TestHostileNoTestify(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cqgen")
	}
	dir := hwWrite(t, hwTeapotModule)
	old := hwSnapshot(t, dir)
	out := hwCqgen(t, dir, nil, 2, "generate", "--mocks=always", "./...")
	if !strings.Contains(out, "--mocks=always, but github.com/stretchr/testify/mock does not resolve from example.com/hw/teapot") {
		t.Errorf("--mocks=always:\n%s", out)
	}
	if d := cmp.Diff(old, hwSnapshot(t, dir)); d != "" {
		t.Errorf("--mocks=always changed the tree (-old +got):\n%s", d)
	}
	out = hwCqgen(t, dir, nil, 0, "generate", "./...")
	if want := "cqgen: no mock written for example.com/hw/teapot: github.com/stretchr/testify/mock does not resolve there (go get github.com/stretchr/testify for one, or --mocks=never to silence this)\n"; out != want {
		t.Errorf("generate without testify: output\n%s\nwant\n%s", out, want)
	}
	got := hwSnapshot(t, dir)
	for _, f := range []string{"teapot/cq_service.gen.go", "teapot/teapottest/fake.gen.go"} {
		if _, ok := got[f]; !ok {
			t.Errorf("%s was not written", f)
		}
	}
	if _, ok := got["teapot/teapottest/mock.gen.go"]; ok {
		t.Error("a mock was written without testify")
	}
	hwBuild(t, dir)
	hwCqgen(t, dir, nil, 0, "generate", "--check", "./...")
}

// seededRand is a random source seeded from the clock, with the seed in
// the test's log so that a failing run can be replayed.
func seededRand(t *testing.T) *rand.Rand {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	return rand.New(rand.NewPCG(seed, seed))
}
