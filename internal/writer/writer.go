// Package writer applies a set of file writes and removals all or none:
// after Apply returns, the tree is either the new one or, byte for byte
// and mode for mode, the old one, and no temporary file is left. After a
// crash or a SIGKILL, Recover puts the tree in one of those two states.
// The cqgen commands, and cqlint -fix, write through it.
//
// Apply works in two phases. Phase 1 writes every new content to a
// temporary file beside its target (.<name>.cqgen-*.tmp, synced to
// disk), creating the directories a new file needs. Phase 2 keeps every
// original recoverable (a hard link .<name>.cqgen-*.orig, or the original
// renamed to that name where the file system has no hard links) and
// renames each temporary file over its target; a removal is a rename of
// the target to its backup name. Only when every target is in place are
// the backups deleted. A failure at any step before that renames every
// backup back, deletes every temporary file and every directory Apply
// created.
//
// # Where Apply may write
//
// Options.Roots are the directories Apply may write in: every target,
// once every symbolic link on its path is resolved (the roots' own
// included), must lie inside one of them, or nothing is written. A target
// that is a symbolic link to a file inside them is written through the
// link: the link stays, the file it points to changes, and the temporary
// file and backup sit beside that file. A removal removes the link
// itself.
//
// # The journal
//
// Before phase 1, Apply writes the journal .cqgen-journal.json in
// Options.Journal (a directory every target lies in): every target, its
// temporary file, its backup name, whether it is new or a removal, the
// SHA-256 of its new content, and the directories phase 1 may create.
// Every name in it is chosen before anything is created, so a crash at
// any later step leaves nothing the journal does not name. When every
// target is in place and the directories holding them are synced, Apply
// marks the journal committed (a new journal renamed over the old one),
// then deletes the backups, syncs, and removes the journal last. A
// journal is written to a temporary file, synced, renamed into place and
// its directory synced: it is always whole.
//
// Recover reads the journal left by an Apply that never returned (a
// crash, SIGKILL, power loss) and decides by the committed mark alone:
//
//   - not committed: every backup still exists, so it restores the old
//     tree: each backup renamed back over its target (or deleted, where
//     it is a hard link to the original still in place), each new file
//     that holds its new content deleted, every temporary file and
//     every created directory that is empty removed;
//   - committed: every target held its new content when the mark was
//     written, so it completes the new tree: the backups and temporary
//     files left are deleted.
//
// Recover is idempotent: a crash during it leaves the journal, and the
// next Recover finishes the same way. Before restoring, it checks that
// every target holds either its original or its new content; a file
// changed by hand since then stops it, with nothing done.
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
//	fail=K    the K-th filesystem step (mkdir, create, write, journal,
//	          link, rename, sync, remove; counting from 1, rollback steps
//	          included) fails with an injected error
//	kill=K    the process sends itself SIGKILL instead of taking the
//	          K-th step: a crash, for Recover to repair
//	delay=D   sleep D (a time.ParseDuration string) before every step, and once
//	          before Recover acts on a journal it found
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

// Options say where Apply may write and where it keeps its journal.
type Options struct {
	// Journal is the directory of the journal (see the package
	// documentation), where Recover looks for it: for cqgen, the module's
	// or the workspace's root. Every target must lie inside it. Required.
	Journal string
	// Roots are the directories every target must lie in, symbolic links
	// resolved: the main modules. Empty means Journal.
	Roots []string
}

// Apply makes every change, or none: see the package documentation.
func Apply(changes []Change, o Options) error {
	f, err := parseFaults(os.Getenv("CQGEN_TEST_WRITER"))
	if err != nil {
		return err
	}
	return apply(changes, o, f)
}

// faults are the test hook's settings.
type faults struct {
	fail  func(step int, name, path string) error // nil, or the error a step fails with
	kill  int                                     // the step to SIGKILL the process at, or 0
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
		case "fail", "kill":
			k, err := strconv.Atoi(value)
			if err != nil || k < 1 {
				return f, fmt.Errorf("CQGEN_TEST_WRITER: %s=%s: want a step number from 1", key, value)
			}
			if key == "kill" {
				f.kill = k
			} else {
				f.fail = failAt(k)
			}
		case "delay":
			d, err := time.ParseDuration(value)
			if err != nil {
				return f, fmt.Errorf("CQGEN_TEST_WRITER: delay=%s: %v", value, err)
			}
			f.delay = d
		case "trace":
			f.trace = os.Stderr
		default:
			return f, fmt.Errorf("CQGEN_TEST_WRITER: unknown setting %q (want fail=K, kill=K, delay=D or trace)", setting)
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
	// file is the file written, absolute and with every symbolic link on
	// its path resolved: Path, or what a link at Path points to (a removed
	// link is itself the file).
	file     string
	exists   bool
	mode     fs.FileMode
	tempName string   // phase 1's file, named before anything is written
	temp     string   // tempName once created, until it is renamed into place
	open     *os.File // temp while it is being written
	keepName string   // the backup's name, chosen likewise
	backup   string   // keepName once the original is kept, until the commit
	moved    bool     // the backup is the original renamed, not a link to it
	placed   bool     // the new content (or the removal) is in place
}

type run struct {
	faults
	sigs    chan os.Signal
	signal  os.Signal
	steps   int
	journal string   // the journal file
	mkdirs  []string // the directories phase 1 may create, parents first
	dirs    []string // those it created
}

// errStop ends a phase early because a signal arrived.
var errStop = errors.New("interrupted")

func apply(changes []Change, o Options, f faults) error {
	if o.Journal == "" {
		return errors.New("writer: no directory for the journal")
	}
	jdir, err := realPath(o.Journal)
	if err != nil {
		return err
	}
	roots := []string{jdir}
	if len(o.Roots) > 0 {
		roots = roots[:0]
		for _, root := range o.Roots {
			real, err := realPath(root)
			if err != nil {
				return err
			}
			roots = append(roots, real)
		}
	}
	targets, err := resolve(changes, jdir, roots)
	if err != nil || len(targets) == 0 {
		return err
	}
	r := &run{faults: f, sigs: make(chan os.Signal, 1), journal: filepath.Join(jdir, JournalName)}
	if _, err := os.Lstat(r.journal); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s, the journal of an interrupted write, is still there: recover it first (any cqgen command does); nothing was written", r.journal)
	}
	r.plan(targets)
	signal.Notify(r.sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(r.sigs)

	if _, err = r.writeJournal(r.record(targets, false)); err != nil {
		err = fmt.Errorf("writing the journal %s: %v", r.journal, err)
	}
	if err == nil {
		err = r.prepare(targets)
	}
	if err == nil {
		err = checkUnchanged(targets)
	}
	if err == nil {
		err = r.place(targets)
	}
	if err == nil {
		err = r.syncAll("syncing", r.dirsOf(targets, true))
	}
	committed := false
	if err == nil {
		// The commit: from here on, Recover completes the write.
		if committed, err = r.writeJournal(r.record(targets, true)); err != nil && !committed {
			err = fmt.Errorf("marking the journal %s committed: %v", r.journal, err)
		}
	}
	if err != nil && !committed {
		failure := r.rollback(targets)
		if failure == nil {
			failure = r.dropJournal(r.dirsOf(targets, true))
		} else {
			failure = fmt.Errorf("%v (the journal %s is kept: the next cqgen command finishes restoring)", failure, r.journal)
		}
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
	if err != nil {
		return r.kept(targets, fmt.Sprintf("syncing the journal %s failed: %v", r.journal, err))
	}
	// Every file is in place: the change is made, signals or not.
	var left []string
	for _, t := range targets {
		if t.backup == "" {
			continue
		}
		if err := r.always("remove", t.backup, func() error { return os.Remove(t.backup) }); err != nil {
			left = append(left, t.backup)
			continue
		}
		t.backup = ""
	}
	if len(left) > 0 {
		return fmt.Errorf("every file was written, but these backups of the old files could not be removed: %s (the journal %s is kept: the next cqgen command deletes them)", strings.Join(left, ", "), r.journal)
	}
	// The deletions must be on disk before the journal that names them
	// goes: a backup that came back after a power loss would be a stray.
	if err := r.syncAll("syncing", r.dirsOf(targets, false)); err != nil {
		return r.kept(targets, err.Error())
	}
	if err := r.dropJournal(nil); err != nil {
		return fmt.Errorf("every file was written, but %v", err)
	}
	r.poll()
	if r.signal != nil {
		return &InterruptedError{Signal: r.signal, Committed: true}
	}
	return nil
}

// kept is the error of a write that is committed but could not finish:
// the backups left and the journal stay for Recover.
func (r *run) kept(targets []*target, why string) error {
	var left []string
	for _, t := range targets {
		if t.backup != "" {
			left = append(left, t.backup)
		}
	}
	msg := fmt.Sprintf("every file was written, but %s; the journal %s is kept", why, r.journal)
	if len(left) > 0 {
		msg += ", with the backups of the old files " + strings.Join(left, ", ")
	}
	return errors.New(msg + ": the next cqgen command deletes them")
}

// resolve finds the file each change applies to, in a stable order,
// before anything is written, and refuses any outside roots or jdir.
func resolve(changes []Change, jdir string, roots []string) ([]*target, error) {
	targets := make([]*target, 0, len(changes))
	byFile := map[string]string{}
	for _, c := range changes {
		t := &target{Change: c, mode: 0o644}
		var err error
		fi, lerr := os.Lstat(c.Path)
		link := false
		switch {
		case errors.Is(lerr, fs.ErrNotExist):
			if c.Remove {
				continue // already gone
			}
			t.file, err = realPath(c.Path)
		case lerr != nil:
			return nil, lerr
		case fi.Mode()&fs.ModeSymlink != 0 && !c.Remove:
			link = true
			if t.file, err = filepath.Abs(c.Path); err == nil {
				t.file, err = filepath.EvalSymlinks(t.file)
			}
			if err != nil {
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
			if !link {
				// The file itself (a removed link is the link), in its
				// directory with links resolved.
				var dir string
				dir, err = realPath(filepath.Dir(c.Path))
				t.file = filepath.Join(dir, filepath.Base(c.Path))
			}
		}
		if err != nil {
			return nil, err
		}
		if !within(t.file, roots) || !within(t.file, []string{jdir}) {
			how := "resolves to"
			if link {
				how = "is a symbolic link to"
			}
			outside := roots
			if within(t.file, roots) {
				outside = []string{jdir}
			}
			return nil, fmt.Errorf("%s %s %s, outside %s, where cqgen may write; nothing was written", c.Path, how, t.file, strings.Join(outside, ", "))
		}
		if prev, dup := byFile[t.file]; dup {
			return nil, fmt.Errorf("%s and %s are the same file", prev, c.Path)
		}
		byFile[t.file] = c.Path
		targets = append(targets, t)
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].file < targets[j].file })
	return targets, nil
}

// realPath is path made absolute with every symbolic link on the part of
// it that exists resolved; the rest, not yet created, is kept as it is.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir, rest := abs, ""
	for {
		if _, err := os.Lstat(dir); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		up := filepath.Dir(dir)
		if up == dir {
			break
		}
		dir, rest = up, filepath.Join(filepath.Base(dir), rest)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	return filepath.Join(real, rest), nil
}

// within reports whether path lies inside one of dirs (all absolute and
// resolved).
func within(path string, dirs []string) bool {
	for _, d := range dirs {
		if r, err := filepath.Rel(d, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r) {
			return true
		}
	}
	return false
}

// plan names every temporary file, backup and directory Apply may create,
// so that the journal can list them before any exists.
func (r *run) plan(targets []*target) {
	planned := map[string]bool{}
	for _, t := range targets {
		if !t.Remove {
			t.tempName = sideName(t.file, ".tmp")
		}
		if t.exists {
			t.keepName = sideName(t.file, ".orig")
		}
		if t.exists || t.Remove {
			continue
		}
		var missing []string
		for d := filepath.Dir(t.file); !planned[d]; d = filepath.Dir(d) {
			if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) || filepath.Dir(d) == d {
				break
			}
			missing = append(missing, d)
		}
		for i := len(missing) - 1; i >= 0; i-- {
			planned[missing[i]] = true
			r.mkdirs = append(r.mkdirs, missing[i])
		}
	}
}

// sideName is a name beside file that nothing uses: .<name>.cqgen-<random><ext>.
func sideName(file, ext string) string {
	return filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".cqgen-"+strconv.FormatUint(rand.Uint64(), 36)+ext)
}

// dirsOf are the directories whose entries Apply changes for targets:
// each target's, and with created, each created directory's parent.
func (r *run) dirsOf(targets []*target, created bool) []string {
	seen := map[string]bool{}
	var out []string
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, t := range targets {
		add(filepath.Dir(t.file))
	}
	if created {
		for _, d := range r.mkdirs {
			add(filepath.Dir(d))
		}
	}
	sort.Strings(out)
	return out
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
	if r.kill == r.steps {
		// A crash: nothing after this runs, not even deferred calls.
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	}
	if r.fail != nil {
		if err := r.fail(r.steps, name, path); err != nil {
			return err
		}
	}
	return do()
}

// syncAll syncs each directory, so that the renames, links and removals
// in it are on disk before the next step depends on them.
func (r *run) syncAll(what string, dirs []string) error {
	for _, d := range dirs {
		if err := r.always("sync", d, func() error { return syncDir(d) }); err != nil {
			return fmt.Errorf("%s %s: %v", what, d, err)
		}
	}
	return nil
}

// prepare is phase 1: every new content in a temporary file beside its
// target, on disk.
func (r *run) prepare(targets []*target) error {
	for _, d := range r.mkdirs {
		if _, err := os.Lstat(d); err == nil {
			continue // made since the plan, by someone else
		}
		if err := r.step("mkdir", d, func() error { return os.Mkdir(d, 0o777) }); err != nil {
			return fmt.Errorf("creating directory %s: %v", d, err)
		}
		r.dirs = append(r.dirs, d)
	}
	for _, t := range targets {
		if t.Remove {
			continue
		}
		err := r.step("create", t.file, func() error {
			f, err := os.OpenFile(t.tempName, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				return err
			}
			t.temp, t.open = t.tempName, f
			return nil
		})
		if err != nil {
			return fmt.Errorf("writing %s: %v", t.Path, err)
		}
		err = r.step("write", t.temp, func() error {
			_, werr := t.open.Write(t.Content)
			serr := t.open.Sync()
			cerr := t.open.Close()
			t.open = nil
			return errors.Join(werr, serr, cerr, os.Chmod(t.temp, t.mode))
		})
		if err != nil {
			return fmt.Errorf("writing %s: %v", t.Path, err)
		}
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

// place is phase 2: every original kept, and on disk, before any target
// changes (Recover takes a missing backup to mean the original is in
// place); then every target in place.
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
		}
	}
	var kept []*target
	for _, t := range targets {
		if t.backup != "" {
			kept = append(kept, t)
		}
	}
	if err := r.syncAll("syncing the backups in", r.dirsOf(kept, false)); err != nil {
		return err
	}
	for _, t := range targets {
		if t.Remove {
			continue
		}
		if err := r.step("rename", t.file, func() error { return os.Rename(t.temp, t.file) }); err != nil {
			return fmt.Errorf("renaming the new %s into place: %v", t.Path, err)
		}
		t.temp, t.placed = "", true
	}
	return nil
}

// keep makes t's original recoverable under its backup name: a hard link,
// so that the path always holds a whole file, or, for a removal or where
// the file system has no hard links, the original renamed.
func (r *run) keep(t *target) error {
	backup := t.keepName
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
