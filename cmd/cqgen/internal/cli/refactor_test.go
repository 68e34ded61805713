package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/planfile"
)

const refactorGoMod = "module example.com/m\n\ngo 1.22\n"

const refactorSrc = `package m

import "context"

type GetAQuery struct {
	ID     int
	Result int
}

func GetA(ctx context.Context, q *GetAQuery) error {
	q.Result = q.ID * 2
	return nil
}

func Use(ctx context.Context) int {
	q := GetAQuery{ID: 2}
	if err := GetA(ctx, &q); err != nil {
		return 0
	}
	return q.Result
}
`

func refactorModule(t *testing.T, src string) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{"go.mod": refactorGoMod, "m.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

func TestRefactorCommand(t *testing.T) {
	refactorModule(t, refactorSrc)

	code, _, stderr := genRun(t, "refactor", "--diff", "--dry-run")
	if code != 2 || !strings.Contains(stderr, "exclude each other") {
		t.Errorf("--diff --dry-run: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = genRun(t, "refactor", "-q", "--types", "NoSuchQuery")
	if code != 2 || !strings.Contains(stderr, "NoSuchQuery") {
		t.Errorf("--types NoSuchQuery: exit %d, stderr:\n%s", code, stderr)
	}

	code, stdout, stderr := genRun(t, "refactor", "--diff")
	if code != 0 || !strings.Contains(stdout, "-\tResult int") || !strings.Contains(stdout, "+func GetA(ctx context.Context, q *GetAQuery) (int, error) {") {
		t.Errorf("--diff: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "s verifying 1 changed files") {
		t.Errorf("no progress lines without -q:\n%s", stderr)
	}
	if b, _ := os.ReadFile("m.go"); string(b) != refactorSrc {
		t.Fatal("--diff wrote m.go")
	}

	code, stdout, stderr = genRun(t, "refactor", "-q", "--types", "m.GetAQuery")
	if code != 0 || stderr != "" || !strings.Contains(stdout, "converted 1 types: m.GetAQuery") {
		t.Errorf("refactor: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	b, _ := os.ReadFile("m.go")
	if !strings.Contains(string(b), "result, err := GetA(ctx, &q)") || strings.Contains(string(b), "Result int") {
		t.Errorf("m.go after refactor:\n%s", b)
	}
}

func TestRefactorCommandBadInput(t *testing.T) {
	refactorModule(t, strings.Replace(refactorSrc, "return q.Result", "return q.Result + \"x\"", 1))
	code, _, stderr := genRun(t, "refactor", "-q")
	if code != 2 || strings.Count(stderr, "m.go:20:") != 1 || strings.Contains(stderr, "# example.com") {
		t.Errorf("type error: exit %d, want 2 and the error once, stderr:\n%s", code, stderr)
	}
}

func TestRefactorCommandRefusal(t *testing.T) {
	refactorModule(t, refactorSrc+"\nvar handler = GetA\n")
	code, stdout, _ := genRun(t, "refactor", "-q")
	if code != 1 || !strings.Contains(stdout, "m.go:23:15: m.GetAQuery: GetA is used as a value") {
		t.Errorf("refusal: exit %d, stdout:\n%s", code, stdout)
	}
}

// Flags that name nothing, or a configuration cqgen cannot load, are
// errors (exit 2) before anything is loaded, never "everything".
func TestRefactorBadFlags(t *testing.T) {
	refactorModule(t, refactorSrc)
	before, _ := os.ReadFile("m.go")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--types="}, "--types: no type names given"},
		{[]string{"--types=,,"}, "--types: no type names given"},
		{[]string{"--exclude-types="}, "--exclude-types: no type names given"},
		{[]string{"--types=./nothere/..."}, "--types: ./nothere/... matches no package of the main modules"},
		{[]string{"--exclude-types=GetZQuery"}, "--exclude-types: no command or query with a Result field named GetZQuery"},
		{[]string{"--configs", "OS=windows"}, `unknown key "OS"`},
		{[]string{"--configs", "GOOS=windows GOOS=linux"}, "GOOS given twice"},
		{[]string{"--configs", ""}, "empty configuration"},
	} {
		code, _, stderr := genRun(t, append([]string{"refactor", "-q"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant exit 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
	if after, _ := os.ReadFile("m.go"); string(after) != string(before) {
		t.Errorf("a refused invocation changed m.go:\n%s", after)
	}
}

// The command/query policy flags are cqlint's: with a Request suffix,
// GetARequest is a query with a Result field to convert (issue 11).
func TestRefactorCommandPolicy(t *testing.T) {
	refactorModule(t, strings.ReplaceAll(refactorSrc, "GetAQuery", "GetARequest"))
	code, _, stderr := genRun(t, "refactor", "-q", "--diff", "--types", "GetARequest")
	if code != 2 || !strings.Contains(stderr, "no command or query with a Result field named GetARequest") {
		t.Errorf("default policy: exit %d, stderr:\n%s", code, stderr)
	}
	code, stdout, stderr := genRun(t, "refactor", "-q", "--diff", "-cqmodel.query-suffixes=Query,Request", "--types", "GetARequest")
	if code != 0 || !strings.Contains(stdout, "+func GetA(ctx context.Context, q *GetARequest) (int, error) {") {
		t.Errorf("-cqmodel.query-suffixes=Query,Request: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	code, _, stderr = genRun(t, "refactor", "-q", "--cqmodel.require-use=maybe")
	if code != 2 || !strings.Contains(stderr, "maybe") {
		t.Errorf("bad policy value: exit %d, stderr:\n%s", code, stderr)
	}
	// An empty suffix list would select nothing: a bad value, in either
	// command.
	for _, args := range [][]string{{"refactor", "-q", "--cqmodel.query-suffixes="}, {"refactor", "-q", "-cqmodel.command-suffixes= ,"}, {"generate", "--cqmodel.event-suffixes="}} {
		code, _, stderr = genRun(t, args...)
		if code != 2 || !strings.Contains(stderr, "empty: name at least one suffix") {
			t.Errorf("%q: exit %d, stderr:\n%s", args, code, stderr)
		}
	}
}

// --json prints the summary as a plan file (internal/planfile): with
// --diff instead of the diff (writing nothing), without it after writing;
// a refusal keeps exit 1 and goes into the JSON with every reason.
func TestRefactorJSON(t *testing.T) {
	refactorModule(t, refactorSrc)
	for _, args := range [][]string{{"--diff", "--json"}, {"--dry-run", "--json"}} {
		code, stdout, stderr := genRun(t, append([]string{"refactor", "-q"}, args...)...)
		p, err := planfile.Read(strings.NewReader(stdout))
		if code != 0 || err != nil || strings.Contains(stdout, "+++") || len(p.Types) != 1 || p.Types[0].Status != planfile.Converted || !slices.Equal(p.Types[0].Files, []string{"m.go"}) {
			t.Errorf("%v: exit %d, %v, stdout:\n%s\nstderr:\n%s", args, code, err, stdout, stderr)
		}
		if b, _ := os.ReadFile("m.go"); string(b) != refactorSrc {
			t.Fatalf("%v wrote m.go", args)
		}
	}
	code, stdout, stderr := genRun(t, "refactor", "-q", "--json")
	if p, err := planfile.Read(strings.NewReader(stdout)); code != 0 || err != nil || p.Types[0].CallSites != 1 || p.Types[0].Functions[0] != (planfile.Func{Pos: "m.go:10:6", Name: "GetA"}) {
		t.Errorf("--json: exit %d, %v, stdout:\n%s\nstderr:\n%s", code, err, stdout, stderr)
	}
	if b, _ := os.ReadFile("m.go"); strings.Contains(string(b), "Result int") {
		t.Errorf("--json did not write m.go:\n%s", b)
	}

	refactorModule(t, refactorSrc+"\nvar handler = GetA\n\nvar global GetAQuery\n\nfunc UseGlobal(ctx context.Context) error { return GetA(ctx, &global) }\n")
	code, stdout, _ = genRun(t, "refactor", "-q", "--dry-run", "--json")
	p, err := planfile.Read(strings.NewReader(stdout))
	if code != 1 || err != nil || p.Types[0].Status != planfile.Refused || len(p.Types[0].Reasons) != 2 {
		t.Errorf("refused: exit %d, %v, stdout:\n%s", code, err, stdout)
	}
}
