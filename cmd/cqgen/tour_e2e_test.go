package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeTour runs the README's one-minute tour (its first code block
// between the tour markers) as a newcomer would paste it, so that the
// README stays true: the only changes are the cqgen binary this test
// built, put on PATH instead of go install's, and a temporary directory
// for the directory mktemp would make.
func TestReadmeTour(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and vets a module")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "<!-- BEGIN tour -->")
	section, _, ok2 := strings.Cut(section, "<!-- END tour -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no tour section")
	}
	var lines []string
	for _, l := range strings.Split(section, "\n") {
		if cmd, ok := strings.CutPrefix(l, "    "); ok {
			lines = append(lines, cmd)
		} else if len(lines) > 0 {
			break // the end of the first code block
		}
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "go install ./cmd/cqgen") {
		t.Fatalf("the tour's first line is not go install ./cmd/cqgen: %q", lines)
	}
	tmp := t.TempDir()
	tour := filepath.Join(tmp, "cq-tour")
	lines[0] = "export PATH=" + cqgenDir + ":$PATH"
	script := strings.ReplaceAll(strings.Join(lines, "\n"), "$(mktemp -d)", tmp)
	if !strings.Contains(script, tour) {
		t.Fatalf("the tour no longer copies the example into $(mktemp -d)/cq-tour:\n%s", script)
	}

	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the tour failed: %v\n%s", err, out)
	}
	for _, want := range []string{
		"+func (ss *SQLStore) GetDashboard(ctx context.Context, query *models.GetDashboardQuery) (*models.Dashboard, error) {",
		"+\tdashboard, err := hs.SQLStore.GetDashboard(r.Context(), &query)",
		"would convert 2 types: models.GetDashboardQuery, models.SearchDashboardsQuery",
		"no mock written for example.com/example/pkg/services/playlist",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the tour's output lacks %q:\n%s", want, out)
		}
	}
	for _, f := range []string{"pkg/services/playlist/cq_service.gen.go", "pkg/services/playlist/playlisttest/fake.gen.go"} {
		if _, err := os.Stat(filepath.Join(tour, f)); err != nil {
			t.Errorf("the tour did not generate %s: %v", f, err)
		}
	}
	// --diff wrote nothing: the legacy field is still there.
	if b, err := os.ReadFile(filepath.Join(tour, "pkg/models/dashboards.go")); err != nil || !strings.Contains(string(b), "Result *Dashboard") {
		t.Errorf("cqgen refactor --diff changed pkg/models/dashboards.go (%v)", err)
	}
}
