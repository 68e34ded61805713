// Package gomod says plainly what the go command reports obscurely: a
// cqgen command run outside any Go module (in place of "no packages match
// .", "directory prefix . does not contain main module"), and a package's
// load errors without go list's repetition of them.
package gomod

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
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

// Errors are p's errors, less go list's report of the compiler's output
// ("# path" and the errors again, file names relative) when p has parse or
// type errors: loading types makes go list compile a package, and its
// report only repeats those errors, less clearly. Alone, it is kept.
func Errors(p *packages.Package) []packages.Error {
	others := false
	for _, e := range p.Errors {
		if !IsCompileOutput(e) {
			others = true
		}
	}
	if !others {
		return p.Errors
	}
	var out []packages.Error
	for _, e := range p.Errors {
		if !IsCompileOutput(e) {
			out = append(out, e)
		}
	}
	return out
}

// IsCompileOutput reports whether e is go list's report of the compiler's
// output for a package that does not build.
func IsCompileOutput(e packages.Error) bool {
	return e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ")
}
