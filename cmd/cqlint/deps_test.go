package main_test

import (
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoRefactoringEngine keeps cqlint small: it reads the refactor plan
// file through internal/planfile, and must not link the refactoring
// engine, the generator or what they use to write code.
func TestNoRefactoringEngine(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot list cqlint's dependencies")
	}
	cmd := exec.Command(goCmd, "list", "-deps", "./cmd/cqlint")
	cmd.Dir = repoRoot(t)
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps ./cmd/cqlint: %v\n%s", err, stderrOf(err))
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/cqtools/cq/internal/planfile") {
		t.Errorf("cqlint does not depend on internal/planfile; is the list right?\n%s", out)
	}
	for _, p := range []string{"github.com/cqtools/cq/refactor", "github.com/cqtools/cq/generator", "github.com/dave/jennifer"} {
		for _, d := range deps {
			if d == p || strings.HasPrefix(d, p+"/") {
				t.Errorf("cqlint depends on %s (go list -deps ./cmd/cqlint)", d)
			}
		}
	}
}

func stderrOf(err error) []byte {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.Stderr
	}
	return nil
}
