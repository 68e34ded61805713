package refactor

import (
	"bytes"
	"encoding/json"
	"flag"
	"go/format"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/cqtools/cq/generator"
	"github.com/cqtools/cq/internal/planfile"
	"github.com/cqtools/cq/refactor/program"
)

var update = flag.Bool("update", false, "rewrite the want/ sections and refusals of testdata/*.txtar")

// TestCases runs every testdata/*.txtar case: a tiny module or workspace
// (its files), the files it must become (want/<file>), the refusals it
// must print (-- refusals --, one per line, positions relative to the
// case's root), the types that keep their pointer with --value-params
// (-- pointers --, likewise) and optionally -- types -- (the --types list, one per line)
// and -- options -- (one "key: value" a line: dir, the directory to run in;
// patterns, space-separated; configs, one --configs value a line; crlf, a
// file whose line endings become CRLF, in the input and in its want/;
// types and exclude, --types and --exclude-types lists (comma-separated);
// readonly, a file made read-only; symlink, "link -> dest", the file
// link made a symbolic link to dest (relative to link's directory, as
// written); error, a message Run must fail with,
// after which the tree must be unchanged; stub, a directory of
// testdata/stubs copied into the case's root, such as testify, which the
// case's go.mod replaces with ./testify (a second word gives the stub
// another module path: "gomock github.com/golang/mock"); value-params: true, to run with
// --value-params) and -- plan.json --, what
// --dry-run --json prints, run before the rewrite. Files without a want/ section
// must stay as they were; a second run must change nothing; where cqgen
// generated files, cqgen generate --check must pass after.
func TestCases(t *testing.T) {
	cases, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatal("no test cases", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runCase(t, file)
		})
	}
}

func runCase(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	want := map[string]string{}
	var wantRefusals, wantPointers string
	var wantPlan []byte // -- plan.json --, the --dry-run --json output
	hasPlan := false
	opts := caseOptions{}
	for _, f := range ar.Files {
		switch f.Name {
		case "options":
			opts = parseCaseOptions(t, string(f.Data))
		case "types":
			opts.run.Types = strings.Fields(string(f.Data))
		}
	}
	for _, f := range ar.Files {
		data := f.Data
		name := strings.TrimPrefix(f.Name, "want/")
		if opts.crlf[name] {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		}
		switch {
		case strings.HasPrefix(f.Name, "want/"):
			want[name] = string(data)
		case f.Name == "refusals":
			wantRefusals = string(data)
		case f.Name == "plan.json":
			wantPlan, hasPlan = data, true
		case f.Name == "pointers":
			wantPointers = string(data)
		case f.Name == "types" || f.Name == "options":
		default:
			writeFile(t, filepath.Join(root, f.Name), data)
		}
	}
	for i, stub := range opts.stubs {
		// "gomock github.com/golang/mock": the stub under another module path.
		name, module, _ := strings.Cut(stub, " ")
		opts.stubs[i] = name
		if err := os.CopyFS(filepath.Join(root, name), os.DirFS(filepath.Join("testdata", "stubs", name))); err != nil {
			t.Fatal(err)
		}
		if module != "" {
			writeFile(t, filepath.Join(root, name, "go.mod"), []byte("module "+module+"\n\ngo 1.22\n"))
		}
	}
	for _, l := range opts.symlinks {
		link, dest, _ := strings.Cut(l, " -> ")
		p := filepath.Join(root, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(dest), p); err != nil {
			t.Fatal(err)
		}
	}
	for name := range opts.readonly {
		if err := os.Chmod(filepath.Join(root, name), 0o444); err != nil {
			t.Fatal(err)
		}
	}
	before := readTree(t, root)
	// The module's own tests, before and after, run in the heavy tier: a
	// go test of the case's module each (the rewrite, its goldens and a
	// second run are checked in every tier).
	var testsBefore map[string]string
	if hasTests(ar) && e2e.Enabled() {
		testsBefore = moduleTests(t, root, opts)
		if failed := failures(testsBefore); len(failed) > 0 {
			t.Fatalf("the case's module tests fail before the rewrite, so they can show nothing: %s", strings.Join(failed, ", "))
		}
	} else if hasTests(ar) {
		t.Run("module tests", func(t *testing.T) {
			e2e.Require(t, "runs the case's module tests before and after the rewrite")
		})
	}
	run := opts.run
	run.Dir = filepath.Join(root, opts.dir)
	var gotPlan []byte
	if hasPlan {
		gotPlan = dryRunJSON(t, run)
	}
	sum, err := Run(run)
	if opts.err != "" {
		if err == nil || !strings.Contains(err.Error(), opts.err) {
			t.Fatalf("Run: error %v, want one containing %q", err, opts.err)
		}
		if diff := cmp.Diff(before, readTree(t, root)); diff != "" {
			t.Errorf("a failed run changed the tree:\n%s", diff)
		}
		return
	}
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var refusals strings.Builder
	for _, r := range sum.Refusals {
		refusals.WriteString(program.Rel(root, r.Pos) + ": " + r.Type + ": " + r.Reason + "\n")
	}
	var pointers strings.Builder
	for _, r := range sum.Pointer {
		pointers.WriteString(program.Rel(root, r.Pos) + ": " + r.Type + ": " + r.Reason + "\n")
	}
	after := readTree(t, root)
	if *update {
		var files []txtar.File
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want/") && f.Name != "refusals" && f.Name != "plan.json" && f.Name != "pointers" {
				files = append(files, f)
			}
		}
		if hasPlan {
			files = append(files, txtar.File{Name: "plan.json", Data: gotPlan})
		}
		for _, name := range slices.Sorted(maps.Keys(after)) {
			if after[name] != before[name] {
				data := after[name]
				if opts.crlf[name] {
					// The case holds it with LF endings; reading turns them into CRLF.
					data = strings.ReplaceAll(data, "\r\n", "\n")
				}
				files = append(files, txtar.File{Name: "want/" + name, Data: []byte(data)})
			}
		}
		if refusals.Len() > 0 {
			files = append(files, txtar.File{Name: "refusals", Data: []byte(refusals.String())})
		}
		if pointers.Len() > 0 {
			files = append(files, txtar.File{Name: "pointers", Data: []byte(pointers.String())})
		}
		ar.Files = files
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(string(wantPlan), string(gotPlan)); hasPlan && diff != "" {
		t.Errorf("--dry-run --json (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantRefusals, refusals.String()); diff != "" {
		t.Errorf("refusals (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPointers, pointers.String()); diff != "" {
		t.Errorf("types keeping their pointers with --value-params (-want +got):\n%s", diff)
	}
	for name := range opts.crlf {
		// CRLF throughout, and gofmt-clean once read as gofmt reads it.
		got := after[name]
		lf := strings.ReplaceAll(got, "\r\n", "\n")
		if strings.Count(got, "\n") != strings.Count(got, "\r\n") {
			t.Errorf("%s: not CRLF throughout:\n%q", name, got)
		}
		if formatted, err := format.Source([]byte(lf)); err != nil || string(formatted) != lf {
			t.Errorf("%s is not gofmt-clean: %v\n%s", name, err, formatted)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(after)) {
		w, ok := want[name]
		if !ok {
			w = before[name]
		}
		if diff := cmp.Diff(w, after[name]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	// Where cqgen generated files, they must be what cqgen generate
	// writes for the rewritten sources.
	for name, content := range after {
		if generator.IsGenerated([]byte(content)) {
			files, err := generator.Generate(generator.Config{Dir: run.Dir, Patterns: []string{"./..."}})
			if err != nil {
				t.Fatalf("cqgen generate after the refactoring (%s is generated): %v", name, err)
			}
			if stale, err := generator.Stale(files); err != nil || len(stale) > 0 {
				t.Errorf("cqgen generate --check after the refactoring: stale %v, %v", stale, err)
			}
			break
		}
	}
	// Idempotent: a second run changes nothing (with --types choosing
	// only types that converted, it finds nothing to do: an error, as on
	// the command line).
	if _, err := Run(run); err != nil && !(len(run.Types) > 0 && len(sum.Refusals) == 0 && strings.HasPrefix(err.Error(), "--types: no command or query")) {
		t.Fatalf("second Run: %v", err)
	}
	if again := readTree(t, root); !cmp.Equal(after, again) {
		t.Errorf("a second run changed the tree:\n%s", cmp.Diff(after, again))
	}
	// Meaning: the module's own tests observe the same after the rewrite
	// (a test that failed before must still fail).
	if testsBefore != nil {
		if diff := cmp.Diff(testsBefore, moduleTests(t, root, opts)); diff != "" {
			t.Errorf("the module's tests observe something else after the rewrite (-before +after):\n%s", diff)
		}
	}
}

// hasTests reports whether a case holds a _test.go file.
func hasTests(ar *txtar.Archive) bool {
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") && strings.HasSuffix(f.Name, "_test.go") {
			return true
		}
	}
	return false
}

// moduleTests runs the tests of the case's module (or workspace) and
// returns each test's outcome by package and name, and each package's
// ("pkg" alone), so that a build failure counts too. They run on a copy
// of the case in which each stub (a stand-in with the library's
// signatures only) is replaced by the real library at the version the
// case requires, from the module proxy: the tests must observe what the
// library really does.
func moduleTests(t *testing.T, root string, opts caseOptions) map[string]string {
	t.Helper()
	cp := t.TempDir()
	if err := os.CopyFS(cp, os.DirFS(root)); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod")
	for _, stub := range opts.stubs {
		data, err := os.ReadFile(filepath.Join(cp, stub, "go.mod"))
		if err != nil {
			t.Fatal(err)
		}
		path := modfileModule(data)
		if err := os.RemoveAll(filepath.Join(cp, stub)); err != nil {
			t.Fatal(err)
		}
		gomods, _ := filepath.Glob(filepath.Join(cp, "*", "go.mod"))
		gomods = append(gomods, filepath.Join(cp, "go.mod"))
		for _, gm := range gomods {
			if _, err := os.Stat(gm); err != nil {
				continue
			}
			edit := exec.Command("go", "mod", "edit", "-dropreplace="+path, gm)
			edit.Env = env
			if out, err := edit.CombinedOutput(); err != nil {
				t.Fatalf("go mod edit: %v\n%s", err, out)
			}
		}
	}
	if len(opts.stubs) == 0 {
		env = append(env, "GOPROXY=off") // a case's dependencies are in the case
	}
	cmd := exec.Command("go", "test", "-count=1", "-json", "./...")
	cmd.Dir = filepath.Join(cp, opts.dir)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, _ := cmd.Output() // a failing test is an outcome, not an error
	out := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(stdout))
	for {
		var ev struct{ Action, Package, Test string }
		if err := dec.Decode(&ev); err != nil {
			break
		}
		switch ev.Action {
		case "pass", "fail", "skip":
			key := ev.Package
			if ev.Test != "" {
				key += " " + ev.Test
			}
			out[key] = ev.Action
		}
	}
	if len(out) == 0 {
		t.Fatalf("go test ./... in the case ran no test:\n%s%s", stdout, stderr.String())
	}
	return out
}

// failures are the keys of outcomes that failed.
func failures(outcomes map[string]string) []string {
	var out []string
	for k, v := range outcomes {
		if v == "fail" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// modfileModule is the module path a go.mod declares.
func modfileModule(gomod []byte) string {
	for line := range strings.Lines(string(gomod)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return f[1]
		}
	}
	return ""
}

// caseOptions are a case's -- options -- (and -- types --).
type caseOptions struct {
	run             Options
	dir, err        string
	crlf, readonly  map[string]bool
	stubs, symlinks []string
}

func parseCaseOptions(t *testing.T, text string) caseOptions {
	t.Helper()
	o := caseOptions{crlf: map[string]bool{}, readonly: map[string]bool{}}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		k, v, ok := strings.Cut(line, ":")
		v = strings.TrimSpace(v)
		if !ok {
			t.Fatalf("options: %q is not key: value", line)
		}
		switch k {
		case "dir":
			o.dir = v
		case "patterns":
			o.run.Patterns = strings.Fields(v)
		case "configs":
			bc, err := program.ParseConfig(v)
			if err != nil {
				t.Fatal(err)
			}
			o.run.Configs = append(o.run.Configs, bc)
		case "types":
			o.run.Types = strings.Split(v, ",")
		case "exclude":
			o.run.ExcludeTypes = strings.Split(v, ",")
		case "crlf":
			o.crlf[v] = true
		case "readonly":
			o.readonly[v] = true
		case "symlink":
			if !strings.Contains(v, " -> ") {
				t.Fatalf("options: symlink: %q is not link -> dest", v)
			}
			o.symlinks = append(o.symlinks, v)
		case "error":
			o.err = v
		case "stub":
			o.stubs = append(o.stubs, v)
		case "value-params":
			o.run.ValueParams = v == "true"
		default:
			t.Fatalf("options: unknown key %q", k)
		}
	}
	return o
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(r)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// dryRunJSON is what run prints with --dry-run --json; it must read back
// as a plan (planfile.Read, as cqlint reads it) and write the same
// bytes again.
func dryRunJSON(t *testing.T, run Options) []byte {
	t.Helper()
	var b bytes.Buffer
	run.Mode = ModeDryRun
	res, err := Run(run)
	if err != nil {
		t.Fatalf("--dry-run --json: %v", err)
	}
	if err := planfile.Write(&b, res.Plan); err != nil {
		t.Fatal(err)
	}
	p, err := planfile.Read(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("--dry-run --json does not read back: %v\n%s", err, b.String())
	}
	var again bytes.Buffer
	if err := planfile.Write(&again, p); err != nil || !bytes.Equal(again.Bytes(), b.Bytes()) {
		t.Errorf("the plan read back writes other bytes (%v):\n%s", err, cmp.Diff(b.String(), again.String()))
	}
	return b.Bytes()
}
