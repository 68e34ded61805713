// Package writer applies a set of file writes and removals all or none:
// after Apply returns, the tree is either the new one or, byte for byte
// and mode for mode, the old one, and no temporary file is left. Both
// cqgen commands write through it.
//
// Apply works in two phases. Phase 1 writes every new content to a
// temporary file beside its target (.<name>.cqgen-*.tmp), creating the
// directories a new file needs. Phase 2 keeps every original recoverable
// (a hard link .<name>.cqgen-*.orig, or the original renamed to that name
// where the file system has no hard links) and renames each temporary
// file over its target; a removal is a rename of the target to its backup
// name. Only when every target is in place are the backups deleted. A
// failure at any step before that renames every backup back, deletes
// every temporary file and every directory Apply created.
//
// A target that is a symbolic link is written through the link: the link
// stays, the file it points to changes, and the temporary file and backup
// sit beside that file. A removal removes the link itself.
//
// SIGINT and SIGTERM are held for the duration of Apply. A signal that
// arrives before every target is in place rolls the change back (the
// tree is the old one) and Apply returns an *InterruptedError; one that
// arrives after that lets Apply finish deleting the backups, and the
// *InterruptedError says the new tree is in place. Either way the caller
// should exit with InterruptedError.ExitCode. Default handling is restored
// when Apply returns.
//
// # Test hook
//
// The environment variable CQGEN_TEST_WRITER, read by Apply only, makes
// failures and interrupts reproducible from outside the process. It holds
// comma-separated settings:
//
//	fail=K    the K-th filesystem step (mkdir, create, write, link,
//	          rename, remove; counting from 1, rollback steps included)
//	          fails with an injected error
//	delay=D   sleep D (a time.ParseDuration string) before every step
//	trace     print "cqgen-writer: step K: <step> <path>" on stderr before
//	          every step
//
// It is meant for cqgen's own tests; a malformed value is an error.
package writer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A Change is what Apply does to one path: write Content there, or, with
// Remove, remove the file.
type Change struct {
	Path    string
	Content []byte
	Remove  bool
	// Was, when set, is what the caller read at Path before computing the
	// change: if the file holds anything else when Apply is about to put
	// the new files in place, nothing is written and the error names it.
	Was *Snapshot
}

// A Snapshot is what a path held when it was read.
type Snapshot struct {
	Exists  bool
	Content []byte
}

// Read takes a Snapshot of path.
func Read(path string) (*Snapshot, error) {
	content, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Snapshot{}, nil
	case err != nil:
		return nil, err
	}
	return &Snapshot{Exists: true, Content: content}, nil
}

// InterruptedError is Apply stopped by SIGINT or SIGTERM.
type InterruptedError struct {
	Signal os.Signal
	// Committed: the signal came after every file was in place, so the
	// new tree stands; otherwise the old one does.
	Committed bool
}

func (e *InterruptedError) Error() string {
	if e.Committed {
		return fmt.Sprintf("interrupted (%s) after every file was written: the new files are in place", signalName(e.Signal))
	}
	return fmt.Sprintf("interrupted (%s) while writing: every file was restored, the tree is as it was", signalName(e.Signal))
}

// ExitCode is the status a process stopped by the signal exits with,
// 128 plus the signal's number, as shells report it: 130 for SIGINT, 143
// for SIGTERM.
func (e *InterruptedError) ExitCode() int {
	if s, ok := e.Signal.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

func signalName(s os.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// Apply makes every change, or none: see the package documentation.
func Apply(changes []Change) error {
	f, err := parseFaults(os.Getenv("CQGEN_TEST_WRITER"))
	if err != nil {
		return err
	}
	return apply(changes, f)
}

// faults are the test hook's settings.
type faults struct {
	fail  func(step int, name, path string) error // nil, or the error a step fails with
	delay time.Duration
	trace io.Writer
}

func parseFaults(env string) (faults, error) {
	var f faults
	if env == "" {
		return f, nil
	}
	for _, setting := range strings.Split(env, ",") {
		key, value, _ := strings.Cut(setting, "=")
		switch key {
		case "fail":
			k, err := strconv.Atoi(value)
			if err != nil || k < 1 {
				return f, fmt.Errorf("CQGEN_TEST_WRITER: fail=%s: want a step number from 1", value)
			}
			f.fail = failAt(k)
		case "delay":
			d, err := time.ParseDuration(value)
			if err != nil {
				return f, fmt.Errorf("CQGEN_TEST_WRITER: delay=%s: %v", value, err)
			}
			f.delay = d
		case "trace":
			f.trace = os.Stderr
		default:
			return f, fmt.Errorf("CQGEN_TEST_WRITER: unknown setting %q (want fail=K, delay=D or trace)", setting)
		}
	}
	return f, nil
}

// errInjected is the failure of the step the test hook chose.
var errInjected = errors.New("injected failure (CQGEN_TEST_WRITER)")

func failAt(k int) func(int, string, string) error {
	return func(step int, _, _ string) error {
		if step == k {
			return errInjected
		}
		return nil
	}
}

// A target is a change with what Apply found and did for it.
type target struct {
	Change
	file   string // the file written: Path, or what a symbolic link at Path points to
	exists bool
	mode   fs.FileMode
	temp   string   // phase 1's file, until it is renamed into place
	open   *os.File // temp while it is being written
	backup string   // the original, kept until the commit
	moved  bool     // the backup is the original renamed, not a link to it
	placed bool     // the new content (or the removal) is in place
}

type run struct {
	faults
	sigs   chan os.Signal
	signal os.Signal
	steps  int
	dirs   []string // created by phase 1, parents first
}

// errStop ends a phase early because a signal arrived.
var errStop = errors.New("interrupted")

func apply(changes []Change, f faults) error {
	targets, err := resolve(changes)
	if err != nil {
		return err
	}
	r := &run{faults: f, sigs: make(chan os.Signal, 1)}
	signal.Notify(r.sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(r.sigs)

	err = r.prepare(targets)
	if err == nil {
		err = checkUnchanged(targets)
	}
	if err == nil {
		err = r.place(targets)
	}
	if err != nil {
		failure := r.rollback(targets)
		if r.signal != nil {
			if failure != nil {
				return fmt.Errorf("interrupted (%s), and the rollback failed: %v", signalName(r.signal), failure)
			}
			return &InterruptedError{Signal: r.signal}
		}
		if failure != nil {
			return fmt.Errorf("%v; restoring the old files failed too: %v", err, failure)
		}
		return fmt.Errorf("%v; nothing was written: every file is as it was", err)
	}
	// Every file is in place: the change is made, signals or not.
	var left []string
	for _, t := range targets {
		if t.backup == "" {
			continue
		}
		if err := r.always("remove", t.backup, func() error { return os.Remove(t.backup) }); err != nil {
			left = append(left, t.backup)
		}
	}
	if len(left) > 0 {
		return fmt.Errorf("every file was written, but these backups of the old files could not be removed: %s", strings.Join(left, ", "))
	}
	r.poll()
	if r.signal != nil {
		return &InterruptedError{Signal: r.signal, Committed: true}
	}
	return nil
}

// resolve finds the file each change applies to, in a stable order,
// before anything is written.
func resolve(changes []Change) ([]*target, error) {
	targets := make([]*target, 0, len(changes))
	byFile := map[string]string{}
	for _, c := range changes {
		t := &target{Change: c, file: c.Path, mode: 0o644}
		fi, err := os.Lstat(c.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if c.Remove {
				continue // already gone
			}
		case err != nil:
			return nil, err
		case fi.Mode()&fs.ModeSymlink != 0 && !c.Remove:
			if t.file, err = filepath.EvalSymlinks(c.Path); err != nil {
				return nil, fmt.Errorf("%s is a symbolic link that cannot be followed: %v", c.Path, err)
			}
			if fi, err = os.Stat(t.file); err != nil {
				return nil, err
			}
			fallthrough
		default:
			if !fi.Mode().IsRegular() && fi.Mode()&fs.ModeSymlink == 0 {
				return nil, fmt.Errorf("%s is not a regular file", c.Path)
			}
			t.exists, t.mode = true, fi.Mode().Perm()
		}
		abs, err := filepath.Abs(t.file)
		if err != nil {
			return nil, err
		}
		if prev, dup := byFile[abs]; dup {
			return nil, fmt.Errorf("%s and %s are the same file", prev, c.Path)
		}
		byFile[abs] = c.Path
		targets = append(targets, t)
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].file < targets[j].file })
	return targets, nil
}

// poll records a signal that has arrived, if any.
func (r *run) poll() {
	if r.signal != nil {
		return
	}
	select {
	case s := <-r.sigs:
		r.signal = s
	default:
	}
}

// step runs one filesystem step of phase 1 or 2 unless a signal has
// arrived; the test hook may delay it, trace it or make it fail.
func (r *run) step(name, path string, do func() error) error {
	r.poll()
	if r.signal != nil {
		return errStop
	}
	return r.always(name, path, do)
}

// always runs a step whatever the signals: rollback and cleanup steps.
func (r *run) always(name, path string, do func() error) error {
	r.steps++
	if r.delay > 0 {
		time.Sleep(r.delay)
	}
	if r.trace != nil {
		fmt.Fprintf(r.trace, "cqgen-writer: step %d: %s %s\n", r.steps, name, path)
	}
	if r.fail != nil {
		if err := r.fail(r.steps, name, path); err != nil {
			return err
		}
	}
	return do()
}

// prepare is phase 1: every new content in a temporary file beside its
// target.
func (r *run) prepare(targets []*target) error {
	created := map[string]bool{}
	for _, t := range targets {
		if t.Remove {
			continue
		}
		dir := filepath.Dir(t.file)
		if !t.exists {
			if err := r.mkdirs(dir, created); err != nil {
				return err
			}
		}
		err := r.step("create", t.file, func() error {
			f, err := os.CreateTemp(dir, "."+filepath.Base(t.file)+".cqgen-*.tmp")
			if err != nil {
				return err
			}
			t.temp, t.open = f.Name(), f
			return nil
		})
		if err != nil {
			return fmt.Errorf("writing %s: %v", t.Path, err)
		}
		err = r.step("write", t.temp, func() error {
			_, werr := t.open.Write(t.Content)
			cerr := t.open.Close()
			t.open = nil
			return errors.Join(werr, cerr, os.Chmod(t.temp, t.mode))
		})
		if err != nil {
			return fmt.Errorf("writing %s: %v", t.Path, err)
		}
	}
	return nil
}

// mkdirs creates dir and its missing parents, recording each.
func (r *run) mkdirs(dir string, created map[string]bool) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if created[d] {
			break
		}
		if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		d := missing[i]
		if err := r.step("mkdir", d, func() error { return os.Mkdir(d, 0o777) }); err != nil {
			return fmt.Errorf("creating directory %s: %v", d, err)
		}
		created[d] = true
		r.dirs = append(r.dirs, d)
	}
	return nil
}

// checkUnchanged refuses to go on when a file differs from what the
// caller read.
func checkUnchanged(targets []*target) error {
	for _, t := range targets {
		if t.Was == nil {
			continue
		}
		now, err := Read(t.Path)
		if err != nil {
			return err
		}
		if now.Exists != t.Was.Exists || !bytes.Equal(now.Content, t.Was.Content) {
			return fmt.Errorf("%s changed on disk while cqgen was working (it was read before the change was computed); run cqgen again", t.Path)
		}
	}
	return nil
}

// place is phase 2: every original kept, every target in place.
func (r *run) place(targets []*target) error {
	for _, t := range targets {
		if t.exists {
			if err := r.keep(t); err != nil {
				return fmt.Errorf("keeping a backup of %s: %v", t.Path, err)
			}
		}
		if t.Remove {
			// The backup is the original renamed: that is the removal.
			t.placed = true
			continue
		}
		if err := r.step("rename", t.file, func() error { return os.Rename(t.temp, t.file) }); err != nil {
			return fmt.Errorf("renaming the new %s into place: %v", t.Path, err)
		}
		t.temp, t.placed = "", true
	}
	return nil
}

// keep makes t's original recoverable under a backup name: a hard link,
// so that the path always holds a whole file, or, for a removal or where
// the file system has no hard links, the original renamed.
func (r *run) keep(t *target) error {
	backup := backupName(t.file)
	if !t.Remove {
		err := r.step("link", t.file, func() error { return os.Link(t.file, backup) })
		if err == nil {
			t.backup = backup
			return nil
		}
		if !noHardLinks(err) {
			return err
		}
	}
	if err := r.step("rename", t.file, func() error { return os.Rename(t.file, backup) }); err != nil {
		return err
	}
	t.backup, t.moved = backup, true
	return nil
}

// backupName is a name beside file that nothing uses: CreateTemp's
// pattern with a random part, but not created, since link needs a name
// that does not exist yet.
func backupName(file string) string {
	return filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".cqgen-"+strconv.FormatUint(rand.Uint64(), 36)+".orig")
}

// noHardLinks reports whether err says the file system cannot link.
func noHardLinks(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EOPNOTSUPP) ||
		errors.Is(err, syscall.EMLINK) || errors.Is(err, syscall.ENOSYS) || errors.Is(err, errors.ErrUnsupported)
}

// rollback restores every original and removes every temporary file,
// backup and created directory. It returns what it could not undo.
func (r *run) rollback(targets []*target) error {
	var errs []error
	undo := func(name, path, failed string, do func() error) {
		if err := r.always(name, path, do); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("%s: %v", failed, err))
		}
	}
	for i := len(targets) - 1; i >= 0; i-- {
		t := targets[i]
		if t.open != nil {
			t.open.Close()
		}
		switch {
		case t.backup != "" && (t.placed || t.moved):
			// The target holds the new file, or nothing: put the original back.
			undo("rename", t.backup, fmt.Sprintf("could not restore %s (its original is %s)", t.Path, t.backup),
				func() error { return os.Rename(t.backup, t.file) })
		case t.backup != "":
			// A link to the original, which is still in place.
			undo("remove", t.backup, "could not remove the backup "+t.backup, func() error { return os.Remove(t.backup) })
		case t.placed:
			// A new file.
			undo("remove", t.file, "could not remove the new file "+t.Path, func() error { return os.Remove(t.file) })
		}
		if t.temp != "" {
			undo("remove", t.temp, "could not remove the temporary file "+t.temp, func() error { return os.Remove(t.temp) })
		}
	}
	for i := len(r.dirs) - 1; i >= 0; i-- {
		d := r.dirs[i]
		undo("remove", d, "could not remove the new directory "+d, func() error { return os.Remove(d) })
	}
	return errors.Join(errs...)
}
