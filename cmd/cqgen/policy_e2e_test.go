package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"

	"github.com/google/go-cmp/cmp"
)

// policy is the non-default command/query policy of testdata/policymod.
var policy = []string{"-cqmodel.query-suffixes=Query,Request", "-cqmodel.command-suffixes=Command,Mutation"}

var (
	// resultfield's report of a Result field: type, kind, method.
	lintField = regexp.MustCompile("(?m): resultfield: (\\w+)\\.Result \\(.*?\\) is filled in by the (\\w+)'s handler: delete the field and have (\\w+) return .*?`([^`]+)`")
	// a line of cqgen refactor --dry-run: a type it converts
	planConvert = regexp.MustCompile(`(?m)^convert users\.(\w+) \(Result`)
	// a method of the generated service interface: method, param, type
	genMethod = regexp.MustCompile(`(?m)^\t(\w+)\(ctx context\.Context, (query|cmd) (\w+)\)`)
)

// TestPolicyAgreement runs cqlint, cqgen generate and cqgen refactor on
// testdata/policymod with the same non-default -cqmodel.* settings and
// checks that they agree on every type: the same commands and queries
// with a Result field (reported, planned for conversion), of the same
// kind, handled by methods of the same names; and that the command
// cqlint's message suggests, copied as it is, converts the type (issue
// 11). Without the settings the tools see other types, so the test would
// notice one of them ignoring its flags.
func TestPolicyAgreement(t *testing.T) {
	e2e.Require(t, "runs cqlint, cqgen generate and cqgen refactor with the same settings and compares their decisions")
	if testing.Short() {
		t.Skip("builds cqlint and runs three tools on a module")
	}
	cqlint := filepath.Join(cqgenDir, "cqlint")
	if out, err := exec.Command("go", "build", "-o", cqlint, "../cqlint").CombinedOutput(); err != nil {
		t.Fatalf("building cqlint: %v\n%s", err, out)
	}
	src := "../../testdata/policymod"

	type view struct {
		kind, method string
	}
	lint := func(args ...string) (map[string]view, map[string]string) {
		dir := copyTree(t, src)
		cmd := exec.Command(cqlint, append(args, "./...")...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off")
		out, _ := cmd.CombinedOutput()
		got, suggested := map[string]view{}, map[string]string{}
		for _, m := range lintField.FindAllStringSubmatch(string(out), -1) {
			got[m[1]] = view{m[2], m[3]}
			suggested[m[1]] = m[4]
		}
		return got, suggested
	}
	plan := func(args ...string) []string {
		out, code := refactorRun(t, copyTree(t, src), append([]string{"refactor", "-q", "--dry-run"}, args...)...)
		if code != 0 {
			t.Fatalf("cqgen refactor --dry-run %v: exit %d\n%s", args, code, out)
		}
		var types []string
		for _, m := range planConvert.FindAllStringSubmatch(out, -1) {
			types = append(types, m[1])
		}
		return types
	}
	generate := func(args ...string) map[string]view {
		dir := copyTree(t, src)
		if out, code := refactorRun(t, dir, append([]string{"generate"}, append(args, "./...")...)...); code != 0 {
			t.Fatalf("cqgen generate %v: exit %d\n%s", args, code, out)
		}
		b, err := os.ReadFile(filepath.Join(dir, "pkg", "users", "cq_service.gen.go"))
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]view{}
		for _, m := range genMethod.FindAllStringSubmatch(string(b), -1) {
			kind := map[string]string{"query": "query", "cmd": "command"}[m[2]]
			got[m[3]] = view{kind, m[1]}
		}
		return got
	}

	lintView, suggested := lint(policy...)
	genView := generate(policy...)
	planned := plan(policy...)

	// The types with a Result field: cqlint reports them, refactor plans them.
	var reported []string
	for typ := range lintView {
		reported = append(reported, typ)
	}
	sort.Strings(reported)
	if diff := cmp.Diff(reported, planned); diff != "" {
		t.Errorf("cqlint reports Result fields of other types than cqgen refactor converts (-cqlint +refactor):\n%s", diff)
	}
	// Kinds and method names: what cqlint's message names is what cqgen
	// generate writes.
	for typ, v := range lintView {
		if g, ok := genView[typ]; ok && g != v {
			t.Errorf("%s: cqlint says %s handled by %s, cqgen generate writes %s %s", typ, v.kind, v.method, g.kind, g.method)
		}
	}
	want := map[string]view{
		"GetUserRequest":     {"query", "GetUser"},
		"ListUsersRequest":   {"query", "ListUsers"},
		"RenameUserMutation": {"command", "RenameUser"},
		"CountUsersQuery":    {"query", "CountUsers"},
	}
	all := map[string]view{}
	for _, m := range []map[string]view{lintView, genView} {
		for typ, v := range m {
			all[typ] = v
		}
	}
	if diff := cmp.Diff(want, all, cmp.AllowUnexported(view{})); diff != "" {
		t.Errorf("the tools' view of policymod (-want +got):\n%s", diff)
	}

	// The defaults see other types: the settings reached every tool.
	if got := plan(); strings.Join(got, ",") != "GetUserRequest" {
		t.Errorf("refactor with the default policy plans %v, want only the directive's GetUserRequest", got)
	}
	if got := generate()["RenameUserMutation"].method; got != "RenameUserMutation" {
		t.Errorf("generate with the default policy names RenameUserMutation's method %q", got)
	}
	if defaults, _ := lint(); len(defaults) != 1 {
		t.Errorf("cqlint with the default policy reports %v, want only GetUserRequest", defaults)
	}

	// Copied as it is, the suggested command converts the type.
	command := suggested["ListUsersRequest"]
	if !strings.Contains(command, "--cqmodel.query-suffixes=Query,Request") {
		t.Fatalf("cqlint suggests %q, without the run's settings", command)
	}
	dir := copyTree(t, src)
	sh := exec.Command("sh", "-c", command+" -q")
	sh.Dir = dir
	sh.Env = append(os.Environ(), "GOWORK=off", "PATH="+cqgenDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := sh.CombinedOutput(); err != nil || !strings.Contains(string(out), "converted 1 types: users.ListUsersRequest") {
		t.Errorf("%s: %v\n%s", command, err, out)
	}
	after := exec.Command(cqlint, append(policy, "./...")...)
	after.Dir = dir
	if out, _ := after.CombinedOutput(); strings.Contains(string(out), "ListUsersRequest.Result") {
		t.Errorf("after %s, cqlint still reports ListUsersRequest.Result:\n%s", command, out)
	}
}

// copyTree copies src into a fresh temporary directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}
