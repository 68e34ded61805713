package lintdriver

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/analyzers"
)

const thingsGo = `package things

import "context"

type Thing struct{ ID int64 }

type GetThingQuery struct {
	ID     int64
	Result *Thing
}

type Service interface {
	GetThing(ctx context.Context, q *GetThingQuery) error
}
`

// monorepo makes a git repository whose module lies in backend/, with
// one finding (pkg/things/things.go:9:2), and makes backend the working
// directory. It returns the repository's directory.
func monorepo(t *testing.T) string {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not on PATH: cannot make the repository whose top level -format=sarif and github resolve paths against")
	}
	repo := t.TempDir()
	if out, err := exec.Command(git, "init", "-q", repo).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	mod := filepath.Join(repo, "backend")
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/backend\n\ngo 1.26\n")
	writeFile(t, filepath.Join(mod, "pkg", "things", "things.go"), thingsGo)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	t.Chdir(mod)
	return repo
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cqlint runs the driver with args and returns stdout, stderr and the
// exit code.
func cqlint(args ...string) (stdout, stderr string, code int) {
	var out, errs bytes.Buffer
	code = Main(analyzers.All, args, &out, &errs)
	return out.String(), errs.String(), code
}

type sarifPaths struct {
	Runs []struct {
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Results            []struct {
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// sarifLocation returns the %SRCROOT% of a SARIF log with one result, and
// that result's uri and uriBaseId.
func sarifLocation(t *testing.T, out string) (base, uri, uriBaseID string) {
	t.Helper()
	var log sarifPaths
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 || len(log.Runs[0].Results[0].Locations) != 1 {
		t.Fatalf("want one run with one result at one location:\n%s", out)
	}
	loc := log.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	return log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI, loc.URI, loc.URIBaseID
}

// A module in a subdirectory of a repository: SARIF and GitHub paths are
// relative to the repository's top level, where code scanning and the
// runner resolve them; text stays relative to the working directory, as
// go vet's is.
func TestRootIsTheRepository(t *testing.T) {
	repo := monorepo(t)

	stdout, stderr, code := cqlint("-format=sarif", "./...")
	if code != ExitFindings {
		t.Fatalf("-format=sarif: exit %d, want %d\n%s", code, ExitFindings, stderr)
	}
	base, uri, baseID := sarifLocation(t, stdout)
	if want := "file://" + filepath.ToSlash(repo) + "/"; base != want {
		t.Errorf("originalUriBaseIds[%%SRCROOT%%].uri = %q, want %q", base, want)
	}
	if uri != "backend/pkg/things/things.go" || baseID != "%SRCROOT%" {
		t.Errorf("artifactLocation = %q relative to %q, want backend/pkg/things/things.go relative to %%SRCROOT%%", uri, baseID)
	}

	stdout, _, _ = cqlint("-format=github", "./...")
	if want := "::error file=backend/pkg/things/things.go,line=9,col=2,"; !strings.HasPrefix(stdout, want) {
		t.Errorf("-format=github: got %q, want %s...", stdout, want)
	}

	_, stderr, _ = cqlint("./...")
	if want := "pkg/things/things.go:9:2: resultfield: "; !strings.HasPrefix(stderr, want) {
		t.Errorf("text: got %q, want %s...", stderr, want)
	}
}

// -root sets another root: the module's own directory, as before.
func TestRootFlag(t *testing.T) {
	monorepo(t)
	mod, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, _ := cqlint("-format=sarif", "-root=.", "./...")
	base, uri, _ := sarifLocation(t, stdout)
	if want := "file://" + filepath.ToSlash(mod) + "/"; base != want || uri != "pkg/things/things.go" {
		t.Errorf("-root=.: %q relative to %q, want pkg/things/things.go relative to %q", uri, base, want)
	}
	stdout, _, _ = cqlint("-format=github", "-root", "pkg", "./...")
	if want := "::error file=things/things.go,line=9"; !strings.HasPrefix(stdout, want) {
		t.Errorf("-root pkg: got %q, want %s...", stdout, want)
	}

	for args, want := range map[string]string{
		"-root=. ./...":                       "cqlint: -root is for -format=sarif and -format=github",
		"-format=json -root=. ./...":          "cqlint: -root is for -format=sarif and -format=github",
		"-format=sarif -root=nosuchdir ./...": "cqlint: -root=nosuchdir: not a directory",
	} {
		stdout, stderr, code := cqlint(strings.Fields(args)...)
		if code != ExitError || stdout != "" || strings.TrimSpace(stderr) != want {
			t.Errorf("cqlint %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", args, code, stdout, stderr, want)
		}
	}
}

// Outside a repository, the root is the working directory.
func TestRootOutsideRepository(t *testing.T) {
	dir := t.TempDir()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			t.Skipf("the temporary directory %s lies in the repository %s", dir, d)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := repoRoot("", sub); got != sub || err != nil {
		t.Errorf("repoRoot outside a repository = %q, %v; want %q", got, err, sub)
	}
	// A worktree's or submodule's .git is a file.
	writeFile(t, filepath.Join(dir, "a", ".git"), "gitdir: ../elsewhere\n")
	if got, err := repoRoot("", sub); got != filepath.Join(dir, "a") || err != nil {
		t.Errorf("repoRoot under a .git file = %q, %v; want %q", got, err, filepath.Join(dir, "a"))
	}
}
