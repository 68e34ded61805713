package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// cqgenBin is the cqgen binary that TestMain builds once for every
// end-to-end test of this package; cqgenDir is its directory, to put on
// PATH for //go:generate lines.
var cqgenBin, cqgenDir string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "cqgen-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	cqgenDir = dir
	cqgenBin = filepath.Join(dir, "cqgen")
	if out, err := exec.Command("go", "build", "-o", cqgenBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building cqgen: %v\n%s", err, out)
		return 2
	}
	return m.Run()
}
