package refactor

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/cqtools/cq/generator"
)

var update = flag.Bool("update", false, "rewrite the want/ sections and refusals of testdata/*.txtar")

// TestCases runs every testdata/*.txtar case: a tiny module (its files),
// the files it must become (want/<file>), the refusals it must print
// (-- refusals --, one per line, positions relative to the module) and
// optionally -- types -- (the --types list, one per line). Files without a
// want/ section must stay as they were; a second run must change nothing;
// where cqgen generated files, cqgen generate --check must pass after.
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
	dir := t.TempDir()
	want := map[string]string{}
	var wantRefusals string
	var types []string
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "want/"):
			want[strings.TrimPrefix(f.Name, "want/")] = string(f.Data)
		case f.Name == "refusals":
			wantRefusals = string(f.Data)
		case f.Name == "types":
			types = strings.Fields(string(f.Data))
		default:
			writeFile(t, filepath.Join(dir, f.Name), f.Data)
		}
	}
	before := readTree(t, dir)
	var out bytes.Buffer
	sum, err := Run(Options{Dir: dir, Types: types, Out: &out})
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	var refusals strings.Builder
	for _, r := range sum.Refusals {
		refusals.WriteString(rel(dir, r.Pos) + ": " + r.Type + ": " + r.Reason + "\n")
	}
	after := readTree(t, dir)
	if *update {
		var files []txtar.File
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want/") && f.Name != "refusals" {
				files = append(files, f)
			}
		}
		for _, name := range sortedKeys(after) {
			if after[name] != before[name] {
				files = append(files, txtar.File{Name: "want/" + name, Data: []byte(after[name])})
			}
		}
		if refusals.Len() > 0 {
			files = append(files, txtar.File{Name: "refusals", Data: []byte(refusals.String())})
		}
		ar.Files = files
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(wantRefusals, refusals.String()); diff != "" {
		t.Errorf("refusals (-want +got):\n%s\nsummary:\n%s", diff, out.String())
	}
	for _, name := range sortedKeys(after) {
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
			files, err := generator.Generate(generator.Config{Dir: dir, Patterns: []string{"./..."}})
			if err != nil {
				t.Fatalf("cqgen generate after the refactoring (%s is generated): %v", name, err)
			}
			if stale, err := generator.Stale(files); err != nil || len(stale) > 0 {
				t.Errorf("cqgen generate --check after the refactoring: stale %v, %v", stale, err)
			}
			break
		}
	}
	// Idempotent: a second run changes nothing (with --types naming only
	// converted types, it finds nothing to do: an error, as on the
	// command line).
	if _, err := Run(Options{Dir: dir, Types: types}); err != nil && !(len(types) > 0 && len(sum.Converted) == len(types) && strings.HasPrefix(err.Error(), "--types: no command or query")) {
		t.Fatalf("second Run: %v", err)
	}
	if again := readTree(t, dir); !cmp.Equal(after, again) {
		t.Errorf("a second run changed the tree:\n%s", cmp.Diff(after, again))
	}
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

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
