package main

import (
	"bytes"
	"flag"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"

	"github.com/google/go-cmp/cmp"

	"github.com/cqtools/cq/internal/planfile"
)

var updatePlan = flag.Bool("update", false, "rewrite testdata/planmod-plan.json")

// TestRefactorPlanJSON runs cqgen refactor --dry-run --json on a copy of
// testdata/planmod and compares what it prints with
// testdata/planmod-plan.json (go test -run TestRefactorPlanJSON -update
// rewrites it: review its diff); then cqlint -format=html
// -refactor-plan= reads that output and shows each type's verdict.
func TestRefactorPlanJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cqlint and loads a module")
	}
	dir := copyTree(t, "../../testdata/planmod")
	stdout, stderr, code := planRun(t, dir, cqgenBin, "refactor", "-q", "--dry-run", "--json")
	if code != 1 {
		t.Fatalf("--dry-run --json: exit %d, want 1 (a type refused); stderr:\n%s", code, stderr)
	}
	golden := filepath.Join("testdata", "planmod-plan.json")
	if *updatePlan {
		if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), stdout); diff != "" {
		t.Errorf("--dry-run --json (-%s +got):\n%s", golden, diff)
	}
	plan, err := planfile.Read(strings.NewReader(stdout))
	if err != nil {
		t.Fatalf("the plan does not read back: %v", err)
	}

	// cqlint's migration report reads it.
	cqlint := filepath.Join(t.TempDir(), "cqlint")
	if b, err := exec.Command("go", "build", "-o", cqlint, "../cqlint").CombinedOutput(); err != nil {
		t.Fatalf("building cqlint: %v\n%s", err, b)
	}
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(planFile, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	page, stderr, code := planRun(t, dir, cqlint, "-format=html", "-refactor-plan="+planFile, "./...")
	if code != 1 {
		t.Fatalf("cqlint -format=html -refactor-plan: exit %d, want 1 (findings); stderr:\n%s", code, stderr)
	}
	page = html.UnescapeString(page)
	converted, refused := 0, 0
	for _, pt := range plan.Types {
		row := regexp.MustCompile(`<tr data-resultfield="` + regexp.QuoteMeta(pt.Package+"."+pt.Name) + `">.*?</tr>`).FindString(page)
		if !strings.Contains(row, `<span class="`+pt.Status+`">`+pt.Status+`</span>`) {
			t.Errorf("the report's row of %s does not say %s: %q", pt.Name, pt.Status, row)
		}
		for _, r := range pt.Reasons {
			if !strings.Contains(row, "<br>"+r.Pos+": "+r.Message) {
				t.Errorf("the report's row of %s lacks the reason %s: %s", pt.Name, r.Pos, r.Message)
			}
		}
		if pt.Status == planfile.Converted {
			converted++
		} else {
			refused++
		}
	}
	for id, n := range map[string]int{"n-plan-converted": converted, "n-plan-refused": refused} {
		if !strings.Contains(page, `id="`+id+`">`+strconv.Itoa(n)+`<`) {
			t.Errorf("the report does not count %d for %s", n, id)
		}
	}
}

// TestRefactorOneServicePerRun converts testdata/planmod one service at a
// time, as a team landing one pull request per service would: each run
// converts only the types its --types pattern selects, its --json summary
// says so, and the module builds, vets and passes its tests after each.
func TestRefactorOneServicePerRun(t *testing.T) {
	e2e.Require(t, "converts a module one service per run, building, vetting and testing it after each")
	if testing.Short() {
		t.Skip("builds and tests a module")
	}
	dir := copyTree(t, "../../testdata/planmod")
	steps := []struct {
		args      []string
		code      int
		converted []string
		refused   []string
	}{
		{[]string{"--types=./pkg/services/dashboards/..."}, 1, []string{"GetDashboardQuery"}, []string{"CountDashboardsQuery"}},
		// Import-path patterns work too; the types already converted are
		// gone, so only org's are left.
		{[]string{"--types=example.com/planmod/pkg/services/org/...", "--exclude-types=SearchOrgsQuery"}, 0, []string{"GetOrgQuery"}, nil},
		{[]string{"--types=./pkg/services/org/..."}, 0, []string{"SearchOrgsQuery"}, nil},
	}
	for _, st := range steps {
		stdout, stderr, code := planRun(t, dir, cqgenBin, append([]string{"refactor", "-q", "--json"}, st.args...)...)
		if code != st.code {
			t.Fatalf("%v: exit %d, want %d; stderr:\n%s", st.args, code, st.code, stderr)
		}
		plan, err := planfile.Read(strings.NewReader(stdout))
		if err != nil {
			t.Fatalf("%v: the summary does not read as a plan: %v\n%s", st.args, err, stdout)
		}
		var converted, refused []string
		for _, pt := range plan.Types {
			if pt.Status == planfile.Converted {
				converted = append(converted, pt.Name)
				if len(pt.Files) == 0 || len(pt.Functions) == 0 {
					t.Errorf("%v: %s converted without functions or files: %+v", st.args, pt.Name, pt)
				}
			} else {
				refused = append(refused, pt.Name)
			}
		}
		if !cmp.Equal(converted, st.converted) || !cmp.Equal(refused, st.refused) {
			t.Errorf("%v: converted %v, refused %v; want %v, %v", st.args, converted, refused, st.converted, st.refused)
		}
		for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
			if out, stderr, code := planRun(t, dir, "go", args...); code != 0 {
				t.Fatalf("after %v: go %s: exit %d\n%s%s", st.args, strings.Join(args, " "), code, out, stderr)
			}
		}
	}
	if got := refactorResultFields(t, filepath.Join(dir, "pkg/services/dashboards")); !cmp.Equal(got, []string{"CountDashboardsQuery"}) {
		t.Errorf("dashboards types left with a Result field: %v, want the refused one", got)
	}
	if got := refactorResultFields(t, filepath.Join(dir, "pkg/services/org")); len(got) != 0 {
		t.Errorf("org types left with a Result field: %v", got)
	}
}

// planRun runs name in dir with stdout and stderr apart.
func planRun(t *testing.T, dir, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	code = exitCode(cmd.Run())
	if code < 0 {
		t.Fatalf("running %s: it did not start or was killed", name)
	}
	return out.String(), errb.String(), code
}
