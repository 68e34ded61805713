package golangci_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"
)

// The module golangci-lint custom would generate, by hand (the command
// itself clones golangci-lint's repository, which needs more network
// than the module proxy): golangci-lint's command with the plugin
// imported for its registration, cq replaced by this repository.
const (
	goMod = `module cq-golangci-lint

go 1.26.0

require (
	github.com/cqtools/cq v0.0.0
	github.com/golangci/golangci-lint/v2 v2.15.0
)

replace github.com/cqtools/cq => %s
`
	mainGo = `package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"
)

func main() {
	info := commands.BuildInfo{Version: "2.15.0-cq", GoVersion: runtime.Version(), Commit: "?", Date: "?"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
`
	pluginsGo = `package main

import _ "github.com/cqtools/cq/plugin/golangci"
`
)

// TestGolangciLint builds golangci-lint v2.15.0 with the plugin linked in
// and runs it on testdata/sample: the findings, the settings (a query
// suffix added, a rule disabled), //nolint:cq, and a setting that does not
// exist.
//
// It is the slowest test of the suite: it compiles golangci-lint and its
// ~200 dependencies, about 150 CPU-seconds (5 minutes of wall time on two
// shared cores) with a cold build cache, seconds with a warm one, and the
// first run downloads those modules from the module proxy. It runs in the
// heavy tier (CQ_E2E=1); go test -short skips it there too.
func TestGolangciLint(t *testing.T) {
	e2e.Require(t, "compiles golangci-lint from source with the plugin linked in")
	if testing.Short() {
		t.Skip("compiles golangci-lint")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":     strings.Replace(goMod, "%s", root, 1),
		"main.go":    mainGo,
		"plugins.go": pluginsGo,
	} {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goEnv := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	run(t, mod, goEnv, 0, "go", "mod", "tidy")
	gcl := filepath.Join(mod, "golangci-lint")
	run(t, mod, goEnv, 0, "go", "build", "-o", gcl, ".")

	sample := t.TempDir()
	if err := os.CopyFS(sample, os.DirFS("testdata/sample")); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOLANGCI_LINT_CACHE="+t.TempDir())

	out := run(t, sample, env, 1, gcl, "run", "--output.json.path=stdout", "--show-stats=false", "./...")
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("golangci-lint's JSON: %v\n%s", err, out)
	}
	var got []string
	for _, is := range report.Issues {
		if is.FromLinter != "cq" {
			t.Errorf("issue of linter %q: %s", is.FromLinter, is.Text)
		}
		rule, _, _ := strings.Cut(is.Text, ":")
		got = append(got, filepath.ToSlash(is.Pos.Filename)+":"+strconv.Itoa(is.Pos.Line)+": "+rule)
	}
	slices.Sort(got)
	want := []string{
		"pkg/things/things.go:11: resultfield", // GetThingQuery.Result
		"pkg/things/things.go:17: resultfield", // ListThingsRequest.Result: a query by the settings
		"pkg/things/things.go:27: signature",   // Service.Count
		// not 22: //nolint:cq; no naming report for ThingCountQuery: disabled
	}
	if !slices.Equal(got, want) {
		t.Errorf("golangci-lint's cq issues:\n got %s\nwant %s\n%s", strings.Join(got, "\n     "), strings.Join(want, "\n     "), out)
	}

	out = run(t, sample, env, 3, gcl, "run", "-c", "bad.golangci.yml", "./...")
	if !strings.Contains(out, `cq settings: signature: unknown setting "root-packages" (settings: pointer-args, root-package)`) {
		t.Errorf("an unknown setting: want it named, got\n%s", out)
	}
}

// run runs a command in dir and returns its stdout and stderr; the test
// fails unless it exits with code.
func run(t *testing.T, dir string, env []string, code int, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if got := cmd.ProcessState.ExitCode(); got != code {
		t.Fatalf("%s %s: exit %d (%v), want %d\n%s", name, strings.Join(args, " "), got, err, code, out.String())
	}
	return out.String()
}
