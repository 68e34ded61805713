package main_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// exampleFindings are the findings on testdata/example, the module the
// README's first command runs on, as "file:line:col: rule".
var exampleFindings = []string{
	"pkg/models/dashboards.go:20:2: resultfield",
	"pkg/models/dashboards.go:27:2: resultfield",
	"pkg/services/sqlstore/dashboards.go:23:21: resultfield",
	"pkg/services/sqlstore/dashboards.go:23:21: signature",
	"pkg/services/sqlstore/dashboards.go:35:21: resultfield",
	"pkg/services/sqlstore/dashboards.go:35:21: signature",
	"pkg/services/teapot/teapot.go:45:2: signature",
	"pkg/services/teapot/teapot.go:47:2: signature",
	"pkg/services/teapot/teapotimpl/teapotimpl.go:71:19: signature",
}

var findingRx = regexp.MustCompile(`^(\S+:\d+:\d+): ([a-z]+): `)

// positions reduces finding lines to "file:line:col: rule", sorted.
func positions(t *testing.T, lines []string) []string {
	t.Helper()
	var out []string
	for _, l := range lines {
		m := findingRx.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("not a finding: %q", l)
			continue
		}
		out = append(out, m[1]+": "+m[2])
	}
	sort.Strings(out)
	return out
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %s\nwant %s", what, strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func TestGoVetExample(t *testing.T) {
	dir := copyModule(t, "example")
	r := goVet(t, dir, "./...")
	if r.code != 1 {
		t.Fatalf("go vet: want exit 1 with findings, got %s", r)
	}
	same(t, "go vet findings", positions(t, findings(r.stderr, dir)), exampleFindings)
	// Every message starts with its rule id, which go vet would drop.
	for _, want := range []string{
		"resultfield: GetDashboardQuery.Result (*Dashboard) is filled in by the query's handler: delete the field and have GetDashboard return (*Dashboard, error); `cqgen refactor --types=GetDashboardQuery`",
		"resultfield: SQLStore.GetDashboard writes query.Result (line 27) on the models.GetDashboardQuery it receives",
		"signature: Service.Count is not shaped func(ctx context.Context, args T) (U, error): its first parameter is not context.Context (add ctx context.Context in front); it returns error first (return (int, error))",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("go vet output lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestGoVetClean(t *testing.T) {
	dir := copyModule(t, "cqlint-clean")
	if r := goVet(t, dir, "./..."); r.code != 0 || strings.TrimSpace(r.stderr+r.stdout) != "" {
		t.Fatalf("go vet on a clean module: want exit 0 and no output, got %s", r)
	}
}

// Analyzer flags and rule selection reach the analyzers through go vet
// and standalone alike.
func TestFlags(t *testing.T) {
	dir := copyModule(t, "example")
	for name, r := range map[string]result{
		"go vet": goVet(t, dir, "-signature.root-package=false", "-resultfield=false", "./..."),
		"cqlint": cqlint(t, dir, "-signature.root-package=false", "-resultfield=false", "./..."),
	} {
		if r.code != 1 {
			t.Fatalf("%s: want exit 1, got %s", name, r)
		}
		same(t, name+" findings with -signature.root-package=false -resultfield=false", positions(t, findings(r.stderr, dir)), []string{
			"pkg/services/teapot/teapot.go:45:2: signature",
			"pkg/services/teapot/teapot.go:47:2: signature",
		})
	}
}

func TestStandalone(t *testing.T) {
	dir := copyModule(t, "example")
	r := cqlint(t, dir, "./...")
	if r.code != 1 {
		t.Fatalf("cqlint ./...: want exit 1 with findings, got %s", r)
	}
	same(t, "cqlint findings", positions(t, findings(r.stderr, dir)), exampleFindings)

	clean := copyModule(t, "cqlint-clean")
	if r := cqlint(t, clean, "./..."); r.code != 0 || r.stderr != "" {
		t.Fatalf("cqlint on a clean module: want exit 0 and no output, got %s", r)
	}
}

func TestJSON(t *testing.T) {
	dir := copyModule(t, "example")
	r := cqlint(t, dir, "-json", "./...")
	if r.code != 1 {
		t.Fatalf("cqlint -json: want exit 1 with findings, got %s", r)
	}
	// package -> analyzer -> diagnostics
	var tree map[string]map[string][]struct {
		Category string `json:"category"`
		Posn     string `json:"posn"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("cqlint -json output is not JSON: %v\n%s", err, r.stdout)
	}
	var got []string
	for _, analyzers := range tree {
		for name, diags := range analyzers {
			for _, d := range diags {
				if d.Category != name || !strings.HasPrefix(d.Message, name+": ") {
					t.Errorf("%s: category %q, message %q", name, d.Category, d.Message)
				}
				got = append(got, d.Posn+": "+d.Category+": "+d.Message)
			}
		}
	}
	same(t, "cqlint -json findings", positions(t, findings(strings.Join(got, "\n"), dir)), exampleFindings)
}

// Code that does not type-check gets its type errors with positions and a
// non-zero exit, in both drivers, and no panic.
func TestTypeErrors(t *testing.T) {
	dir := copyModule(t, "cqlint-broken")
	wantErrs := []string{
		`pkg/broken/broken.go:10:13: cannot use "not an int"`,
		`pkg/broken/broken.go:11:9: undefined: undefinedHelper`,
	}
	for name, r := range map[string]result{
		"cqlint ./...": cqlint(t, dir, "./..."),
		"go vet":       goVet(t, dir, "./..."),
	} {
		// go vet exits 1 for everything; cqlint says a load error is no
		// finding.
		if want := map[bool]int{true: 1, false: 2}[name == "go vet"]; r.code != want {
			t.Errorf("%s on code that does not type-check: exit %d, want %d\n%s", name, r.code, want, r)
		}
		out := r.stdout + r.stderr
		if strings.Contains(out, "panic") {
			t.Errorf("%s panicked:\n%s", name, r)
		}
		want := wantErrs
		if name == "go vet" {
			want = want[:1] // go vet stops at the first type error
		}
		for _, want := range want {
			if !strings.Contains(out, want) {
				t.Errorf("%s: output lacks %q\n%s", name, want, r)
			}
		}
		// cqlint says each error once, relative to where it runs, without
		// go list's repetition of the compiler's output ("-: # pkg").
		if name == "cqlint ./..." && (strings.Count(out, "undefined: undefinedHelper") != 1 || strings.Contains(out, "# example.com") || strings.Contains(out, dir)) {
			t.Errorf("%s: want each error once, relative:\n%s", name, r)
		}
	}
}

func TestUnknownFlag(t *testing.T) {
	dir := copyModule(t, "cqlint-clean")
	r := cqlint(t, dir, "-signature.pointer-args=sometimes", "./...")
	if r.code != 2 || !strings.Contains(r.stderr, `want allow, require or forbid, not "sometimes"`) {
		t.Errorf("bad flag value: want exit 2 and the reason, got %s", r)
	}
	// An empty suffix list would select nothing: a bad value.
	for _, flag := range []string{"-cqmodel.query-suffixes=", "--cqmodel.command-suffixes=", "-cqmodel.event-suffixes=,"} {
		r = cqlint(t, dir, flag, "./...")
		if r.code != 2 || !strings.Contains(r.stderr, "empty: name at least one suffix") {
			t.Errorf("%s: want exit 2 and the reason, got %s", flag, r)
		}
	}
	r = cqlint(t, dir, "-no-such-flag", "./...")
	if r.code != 2 || !strings.Contains(r.stderr, "flag provided but not defined: -no-such-flag") {
		t.Errorf("unknown flag: want exit 2 and the flag named, got %s", r)
	}
	// go vet asks the tool for its flags, then passes the value on.
	r = goVet(t, dir, "-signature.pointer-args=sometimes", "./...")
	if r.code == 0 || !strings.Contains(r.stderr, `want allow, require or forbid, not "sometimes"`) {
		t.Errorf("go vet with a bad flag value: want a failure and the reason, got %s", r)
	}
	r = goVet(t, dir, "-cqmodel.query-suffixes=", "./...")
	if r.code != 1 || !strings.Contains(r.stderr, `invalid value "" for flag -cqmodel.query-suffixes: empty: name at least one suffix`) {
		t.Errorf("go vet with no query suffix: want exit 1 and the reason, got %s", r)
	}
}

// A package that imports "C" is analyzed: the file the analyzers get is
// cgo's output, marked generated, but the findings are in the source file
// (issue 8). Suppressions in it still work.
func TestCgo(t *testing.T) {
	dir := copyModule(t, "cqlint-cgo")
	want := []string{
		"pkg/native/native.go:12:2: resultfield",
		"pkg/native/native.go:15:6: resultfield",
	}
	for name, r := range map[string]result{
		"cqlint ./...": cqlint(t, dir, "./..."),
		"go vet":       goVet(t, dir, "./..."),
	} {
		if r.code == 0 {
			t.Errorf("%s: exit 0, want findings\n%s", name, r)
		}
		same(t, name+" findings", positions(t, findings(r.stderr, dir)), want)
	}
}

// The standalone flags docs/cqlint.md promises besides those of TestFlags:
// only the rules named, context lines, patterns that match nothing.
func TestStandaloneFlags(t *testing.T) {
	dir := copyModule(t, "example")
	r := cqlint(t, dir, "-resultfield", "./pkg/models")
	same(t, "findings with -resultfield", positions(t, findings(r.stderr, dir)), []string{
		"pkg/models/dashboards.go:20:2: resultfield",
		"pkg/models/dashboards.go:27:2: resultfield",
	})
	r = cqlint(t, dir, "-c", "1", "-resultfield", "./pkg/models")
	if !strings.Contains(r.stderr, "dashboards.go:20:2: resultfield: GetDashboardQuery.Result") || !strings.Contains(r.stderr, "\n19\t\tOrgID  int64\n20\t\tResult *Dashboard\n21\t}\n") {
		t.Errorf("-c 1: want the line and one line around it, got %s", r)
	}
	if r := cqlint(t, dir, "./nosuch/..."); r.code != 2 || !strings.Contains(r.stderr, "pattern ./nosuch/...: lstat ./nosuch/: no such file or directory") {
		t.Errorf("a pattern that matches nothing: want exit 2, got %s", r)
	}
	if r := cqlint(t, dir, "-format=xml", "./..."); r.code != 2 || !strings.Contains(r.stderr, "-format=xml: want one of text, json, sarif, github, html, stats, markdown") {
		t.Errorf("an unknown format: want exit 2, got %s", r)
	}
}
