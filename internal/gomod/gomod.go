// Package gomod says plainly what the go command reports obscurely: a
// cqgen command run outside any Go module (in place of "no packages match
// .", "directory prefix . does not contain main module"), and a package's
// load errors without go list's repetition of them.
package gomod

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// JournalDirs are the directories where a cqgen command run in dir keeps
// the journal of its writes (see package writer) and looks for one an
// interrupted write left: the workspace's root (the directory of the
// go.work in use, or else of one above dir), then the module's root (of
// go.mod). A write keeps its journal in the first; looking in both finds
// a journal whichever way GOWORK was set when it was written. Empty
// outside any module or workspace.
func JournalDirs(dir string) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("go", "env", "GOWORK", "GOMOD")
	cmd.Dir = abs
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOWORK GOMOD in %s: %v", abs, err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n") // GOWORK may be an empty line
	for len(lines) < 2 {
		lines = append(lines, "")
	}
	gowork, gomod := strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1])
	var dirs []string
	add := func(file string) {
		if file == "" || !filepath.IsAbs(file) || file == os.DevNull {
			return
		}
		if d := filepath.Dir(file); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	if gowork != "off" {
		add(gowork)
	}
	add(gomod)
	if gowork == "off" {
		// A write made in workspace mode kept its journal beside the
		// go.work the go command would otherwise use: look there last.
		for d := abs; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.work")); err == nil {
				add(filepath.Join(d, "go.work"))
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return dirs, nil
}

// A Module is a main module: its module path and its directory.
type Module struct{ Path, Dir string }

// Modules are the main modules of dir, as the go command sees them: its
// module, or every module of its workspace (GOWORK is respected). A
// module without a directory (no go.mod) is listed with an empty Dir.
func Modules(dir string) ([]Module, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Path}}\t{{.Dir}}")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("finding the main modules of %s: %v\n%s", dir, err, strings.TrimSpace(stderr.String()))
	}
	var mods []Module
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "" {
			path, mdir, _ := strings.Cut(line, "\t")
			mods = append(mods, Module{Path: path, Dir: mdir})
		}
	}
	return mods, nil
}

// MainModules are the directories of the main modules of dir: its
// module, or every module of its workspace.
func MainModules(dir string) ([]string, error) {
	mods, err := Modules(dir)
	if err != nil {
		return nil, err
	}
	var dirs []string
	for _, m := range mods {
		if m.Dir != "" {
			dirs = append(dirs, m.Dir)
		}
	}
	return dirs, nil
}

// A Layout is JournalDirs and MainModules of one directory, asked of the
// go command in the background from the moment Locate is called: each is
// a go command of some tens of milliseconds, which a command that loads
// packages first need not wait for.
type Layout struct {
	Dir                   string // the directory asked about
	journalDone, mainDone chan struct{}
	journal, main         []string
	jerr, merr            error
}

// Locate starts asking for dir's layout and returns at once.
func Locate(dir string) *Layout {
	l := &Layout{Dir: dir, journalDone: make(chan struct{}), mainDone: make(chan struct{})}
	go func() {
		defer close(l.journalDone)
		l.journal, l.jerr = JournalDirs(dir)
	}()
	go func() {
		defer close(l.mainDone)
		l.main, l.merr = MainModules(dir)
	}()
	return l
}

// JournalDirs waits for JournalDirs of the directory.
func (l *Layout) JournalDirs() ([]string, error) {
	<-l.journalDone
	return l.journal, l.jerr
}

// MainModules waits for MainModules of the directory.
func (l *Layout) MainModules() ([]string, error) {
	<-l.mainDone
	return l.main, l.merr
}
