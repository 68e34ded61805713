// Package e2e gates the heavy end-to-end tier of the tests: tests that
// build third-party tools from source, run a module's own tests around a
// rewrite, kill and signal the binaries at random points, or replay long
// corpora. They run when CQ_E2E=1 (CI sets it); otherwise they skip and
// say so, so that `go test ./...` stays a few minutes on a cold machine.
package e2e

import (
	"os"
	"testing"
)

// Env is the environment variable that turns the heavy tier on.
const Env = "CQ_E2E"

// Enabled reports whether the heavy tier runs.
func Enabled() bool { return os.Getenv(Env) == "1" }

// Require skips t unless the heavy tier runs, saying what the test does
// and how to run it.
func Require(t testing.TB, what string) {
	t.Helper()
	if !Enabled() {
		t.Skipf("heavy end-to-end test (%s): runs with %s=1", what, Env)
	}
}
