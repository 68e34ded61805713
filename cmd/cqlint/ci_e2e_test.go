package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docBlock returns the code block of docs/ci.md that follows the
// <!-- tested: name --> comment: the tests run what the docs show.
func docBlock(t *testing.T, name string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- tested: " + regexp.QuoteMeta(name) + " -->\n```[a-z]*\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatalf("docs/ci.md has no code block marked tested: %s", name)
	}
	return string(m[1])
}

// ciModule is testdata/example with a baseline of its findings, then one
// new finding: what a team's CI sees on the pull request after adopting
// cq. bin is on PATH as cqlint.
func ciModule(t *testing.T) (dir string, env []string) {
	t.Helper()
	dir = copyModule(t, "example")
	if r := cqlint(t, dir, "-write-baseline=cq-baseline.json", "./..."); r.code != 0 {
		t.Fatalf("-write-baseline: %s", r)
	}
	edit(t, filepath.Join(dir, "pkg/models/dashboards.go"), "// GetDashboardQuery is a legacy query",
		"type CountDashboardsQuery struct {\n\tOrgID  int64\n\tResult int64\n}\n\n// GetDashboardQuery is a legacy query")
	env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "PATH="+filepath.Dir(cqlintBin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir, env
}

func shell(t *testing.T, dir string, env []string, script string) result {
	t.Helper()
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// TestGitHubWorkflow runs the cqlint steps of docs/ci.md's workflow (all
// but the install, which is the binary built here) on a pull request with
// one new finding: the annotation step fails with exactly that finding,
// the SARIF step writes a log and passes.
func TestGitHubWorkflow(t *testing.T) {
	if filepath.Base(cqlintBin) != "cqlint" {
		t.Skip("the steps name cqlint")
	}
	dir, env := ciModule(t)
	var steps []string
	for _, l := range strings.Split(docBlock(t, "github-workflow"), "\n") {
		if _, cmd, ok := strings.Cut(l, "run: "); ok {
			steps = append(steps, cmd)
		}
	}
	if len(steps) != 3 || !strings.HasPrefix(steps[0], "go install github.com/cqtools/cq/cmd/cqlint@") {
		t.Fatalf("want an install step and two cqlint steps, got %q", steps)
	}
	r := shell(t, dir, env, steps[1])
	if r.code != 1 {
		t.Errorf("%s: want exit 1 for the new finding, got %s", steps[1], r)
	}
	want := "::error file=pkg/models/dashboards.go,line=18,col=2,title=resultfield::resultfield: CountDashboardsQuery.Result (int64) is filled in"
	if lines := strings.Split(strings.TrimSpace(r.stdout), "\n"); len(lines) != 1 || !strings.HasPrefix(lines[0], want) {
		t.Errorf("%s: want one annotation, %s..., got %s", steps[1], want, r)
	}
	r = shell(t, dir, env, steps[2])
	sarif, err := os.ReadFile(filepath.Join(dir, "cq.sarif"))
	if r.code != 0 || err != nil || !strings.Contains(string(sarif), `"version": "2.1.0"`) || strings.Count(string(sarif), `"ruleId"`) != 1 {
		t.Errorf("%s: want exit 0 and a SARIF log with one result, got %v %s\n%s", steps[2], err, r, sarif)
	}
}

// TestPreCommitHook installs docs/ci.md's hook in a git repository of the
// module: a commit adding a finding is refused, one without it goes in.
func TestPreCommitHook(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir, env := ciModule(t)
	env = append(env, "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
	if r := shell(t, dir, env, "git init -q && git add -A"); r.code != 0 {
		t.Fatalf("git init: %s", r)
	}
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if err := os.WriteFile(hook, []byte(docBlock(t, "pre-commit")), 0o755); err != nil {
		t.Fatal(err)
	}
	r := shell(t, dir, env, "git commit -q -m 'a new query with a Result field'")
	if r.code == 0 || !strings.Contains(r.stderr, "resultfield: CountDashboardsQuery.Result") {
		t.Fatalf("the hook let a new finding in: %s", r)
	}
	edit(t, filepath.Join(dir, "pkg/models/dashboards.go"), "\tResult int64\n", "")
	if r := shell(t, dir, env, "git add -A && git commit -q -m 'a query without one'"); r.code != 0 {
		t.Fatalf("the hook refused a commit without new findings: %s", r)
	}
}

// TestFixesTogether: two unexported events whose suggested names are the
// same. Each rename is sound alone; together they would declare
// userCreated twice, so naming offers neither (it used to offer both, and
// go fix -fixtool, which applies fixes without type-checking their sum,
// left a module that did not build). cqlint -fix and go fix change
// nothing; the findings stay.
func TestFixesTogether(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\n//cq:event\ntype userCreation struct{}\n\n//cq:event\ntype createUser struct{}\n\nvar _ = userCreation{}\nvar _ = createUser{}\n"
	for name, text := range map[string]string{
		"go.mod": "module example.com/fixtogether\n\ngo 1.26\n",
		"p/a.go": src,
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := filepath.Join(dir, "p", "a.go")
	r := cqlint(t, dir, "-fix", "./...")
	if got, _ := os.ReadFile(a); r.code != 1 || string(got) != src ||
		!strings.Contains(r.stderr, "rename it to userCreated (no fix: userCreated is also the name suggested for another type of the package)") {
		t.Errorf("cqlint -fix: want exit 1, both findings without a fix and a.go unchanged, got %s\n%s", r, got)
	}
	if r := run(t, dir, "go", "fix", "-fixtool="+cqlintBin, "./..."); r.code != 0 {
		t.Fatalf("go fix: %s", r)
	}
	if got, _ := os.ReadFile(a); string(got) != src {
		t.Errorf("go fix changed a.go:\n%s", got)
	}
	if r := run(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Errorf("go build after go fix: %s", r)
	}
}
