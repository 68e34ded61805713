// Package gomod tells a cqgen command run outside any Go module so, in
// place of what the go command says then ("no packages match .",
// "directory prefix . does not contain main module").
package gomod

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
)

// NoModuleError is a directory that belongs to no Go module or workspace.
type NoModuleError struct{ Dir string }

func (e *NoModuleError) Error() string {
	return fmt.Sprintf("no go.mod in %s or any directory above it, and no go.work: cqgen works on the packages of a Go module; run it inside one (go mod init creates one)", e.Dir)
}

// Missing returns a *NoModuleError when the go command, run in dir, finds
// neither a go.mod nor a go.work there, and nil otherwise (also when it
// cannot tell).
func Missing(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	cmd := exec.Command("go", "env", "GOMOD", "GOWORK")
	cmd.Dir = abs
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	gomod, gowork := string(bytes.TrimSpace(lines[0])), ""
	if len(lines) > 1 {
		gowork = string(bytes.TrimSpace(lines[1]))
	}
	// Outside a module, GOMOD is the empty string, or os.DevNull when
	// GO111MODULE=off.
	if (gomod == "" || gomod == "/dev/null" || gomod == "NUL") && (gowork == "" || gowork == "off") {
		return &NoModuleError{Dir: abs}
	}
	return nil
}
