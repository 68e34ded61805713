package writer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// JournalName is the name of the journal in Options.Journal.
const JournalName = ".cqgen-journal.json"

// journal is what Apply records before phase 1 and at the commit.
type journal struct {
	Version int `json:"version"`
	// Committed: every target held its new content, on disk, when this
	// was written; backups may be deleted since.
	Committed bool `json:"committed"`
	// Dirs are the directories phase 1 may create, parents first.
	Dirs  []string       `json:"dirs,omitempty"`
	Files []journalEntry `json:"files"`
}

type journalEntry struct {
	Path   string `json:"path"`             // the file changed, absolute, links resolved
	Temp   string `json:"temp,omitempty"`   // its new content until renamed into place
	Backup string `json:"backup,omitempty"` // its original once kept
	New    bool   `json:"new,omitempty"`    // no file was at Path
	Remove bool   `json:"remove,omitempty"` // the change removes Path
	SHA256 string `json:"sha256,omitempty"` // of the new content
}

const journalVersion = 1

func (r *run) record(targets []*target, committed bool) *journal {
	j := &journal{Version: journalVersion, Committed: committed, Dirs: r.mkdirs}
	for _, t := range targets {
		e := journalEntry{Path: t.file, Temp: t.tempName, Backup: t.keepName, New: !t.exists, Remove: t.Remove}
		if !t.Remove {
			sum := sha256.Sum256(t.Content)
			e.SHA256 = hex.EncodeToString(sum[:])
		}
		j.Files = append(j.Files, e)
	}
	return j
}

// writeJournal puts j in place whole and on disk: a temporary file,
// synced, renamed over the journal, and its directory synced. renamed
// reports whether the rename happened, after which j is the journal even
// if the sync then fails.
func (r *run) writeJournal(j *journal) (renamed bool, err error) {
	data, err := json.MarshalIndent(j, "", "\t")
	if err != nil {
		return false, err
	}
	dir := filepath.Dir(r.journal)
	tmp := filepath.Join(dir, ".cqgen-journal-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
	err = r.step("journal", tmp, func() error { return writeSynced(tmp, data) })
	if err == nil {
		err = r.step("rename", r.journal, func() error { return os.Rename(tmp, r.journal) })
	}
	if err != nil {
		os.Remove(tmp)
		return false, err
	}
	return true, r.always("sync", dir, func() error { return syncDir(dir) })
}

// dropJournal syncs dirs, so that what the journal describes is on disk,
// then removes the journal and syncs its directory.
func (r *run) dropJournal(dirs []string) error {
	if err := r.syncAll("syncing", dirs); err != nil {
		return fmt.Errorf("%v (the journal %s is kept)", err, r.journal)
	}
	if err := r.always("remove", r.journal, func() error { return os.Remove(r.journal) }); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("the journal %s could not be removed: %v", r.journal, err)
	}
	return r.syncAll("syncing", []string{filepath.Dir(r.journal)})
}

func writeSynced(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Sync(), f.Close())
}

// syncDir makes the entries of dir durable. File systems that cannot sync
// a directory (EINVAL) order metadata by themselves; a directory gone
// (created, then removed by a rollback) has nothing to sync: its parent
// is synced too.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	err = d.Sync()
	d.Close()
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil
	}
	return err
}

// A Recovery is what Recover did.
type Recovery struct {
	// Journal is the journal found, or "" when there was none (and
	// nothing was done).
	Journal string
	// Completed: the interrupted write was committed and Recover deleted
	// what it left; otherwise Recover restored the old tree.
	Completed bool
	// Files is how many files the interrupted write was changing.
	Files int
}

func (r Recovery) String() string {
	if r.Journal == "" {
		return "no interrupted write"
	}
	n := strconv.Itoa(r.Files) + " files"
	if r.Files == 1 {
		n = "1 file"
	}
	if r.Completed {
		return fmt.Sprintf("an interrupted write was found (%s): completed it: the new content of the %s it changed is in place", filepath.Base(r.Journal), n)
	}
	return fmt.Sprintf("an interrupted write was found (%s): restored the %s it was changing", filepath.Base(r.Journal), n)
}

// Recover finishes the write that an Apply with Options.Journal dir left
// when it never returned (see the package documentation): it restores the
// old tree or completes the new one, and removes the journal. Without a
// journal it does nothing and returns a zero Recovery. A journal that
// names anything outside dir, or a file changed since the write in a way
// that restoring would lose, is an error, and nothing is done.
func Recover(dir string) (Recovery, error) {
	root, err := realPath(dir)
	if err != nil {
		return Recovery{}, err
	}
	// A journal's temporary file: a crash while the journal was written.
	// The journal it was to replace, if any, still stands.
	if strays, err := filepath.Glob(filepath.Join(root, ".cqgen-journal-*.tmp")); err == nil {
		for _, s := range strays {
			if err := os.Remove(s); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return Recovery{}, err
			}
		}
	}
	path := filepath.Join(root, JournalName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Recovery{}, nil
	}
	if err != nil {
		return Recovery{}, err
	}
	// The test hook's delay holds a recovery back once, so that a test
	// can see what runs beside it.
	if f, err := parseFaults(os.Getenv("CQGEN_TEST_WRITER")); err == nil && f.delay > 0 {
		time.Sleep(f.delay)
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return Recovery{}, fmt.Errorf("%s: not a journal cqgen can read: %v; remove it after checking the files it names", path, err)
	}
	if err := j.check(root); err != nil {
		return Recovery{}, fmt.Errorf("%s: %v; remove it after checking the files it names", path, err)
	}
	rec := Recovery{Journal: path, Completed: j.Committed, Files: len(j.Files)}
	if j.Committed {
		err = j.complete()
	} else {
		err = j.restore()
	}
	if err != nil {
		return Recovery{}, fmt.Errorf("%s: %v", path, err)
	}
	// What was done must be on disk before the journal goes.
	if err := syncDirs(j.dirs()); err != nil {
		return Recovery{}, err
	}
	if err := os.Remove(path); err != nil {
		return Recovery{}, err
	}
	return rec, syncDir(root)
}

// check refuses a journal Apply cannot have written for root: a path
// outside it, or a temporary file or backup not named as Apply names them
// beside its file. A journal is data on disk; Recover acts on it only
// within those bounds.
func (j *journal) check(root string) error {
	if j.Version != journalVersion {
		return fmt.Errorf("version %d, want %d", j.Version, journalVersion)
	}
	beside := func(file, side, ext string) bool {
		return side == "" || filepath.Dir(side) == filepath.Dir(file) &&
			strings.HasPrefix(filepath.Base(side), "."+filepath.Base(file)+".cqgen-") && strings.HasSuffix(side, ext)
	}
	for _, e := range j.Files {
		if !filepath.IsAbs(e.Path) || filepath.Clean(e.Path) != e.Path || !within(e.Path, []string{root}) {
			return fmt.Errorf("%q is not a path inside %s", e.Path, root)
		}
		if !beside(e.Path, e.Temp, ".tmp") || !beside(e.Path, e.Backup, ".orig") {
			return fmt.Errorf("the temporary file or backup of %s is not beside it", e.Path)
		}
		if e.New && (e.Remove || e.Backup != "") {
			return fmt.Errorf("%s is both new and old", e.Path)
		}
	}
	for _, d := range j.Dirs {
		if !filepath.IsAbs(d) || filepath.Clean(d) != d || !within(d, []string{root}) || d == root {
			return fmt.Errorf("%q is not a directory inside %s", d, root)
		}
	}
	return nil
}

// complete deletes what a committed write left: backups, and temporary
// files (none should be left: every rename was done).
func (j *journal) complete() error {
	for _, e := range j.Files {
		for _, p := range []string{e.Backup, e.Temp} {
			if p == "" {
				continue
			}
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// An undo is one step of a restore.
type undo struct {
	desc string
	do   func() error
}

// restore puts the old tree back. Every backup of an uncommitted write
// exists once made, so a missing one means its original was never moved.
// It decides every step first, and does nothing if a file holds neither
// its old content nor its new: someone changed it since.
func (j *journal) restore() error {
	var steps []undo
	var changed []string
	for _, e := range j.Files {
		exists, isNew := state(e)
		backup := e.Backup != "" && lexists(e.Backup)
		switch {
		case backup && exists && sameFile(e.Path, e.Backup):
			// A link to the original, still in place.
			steps = append(steps, undo{"removing " + e.Backup, remover(e.Backup)})
		case backup && (!exists || isNew):
			steps = append(steps, undo{"restoring " + e.Path, func() error { return os.Rename(e.Backup, e.Path) }})
		case backup:
			changed = append(changed, fmt.Sprintf("%s (its original is %s)", e.Path, e.Backup))
		case e.New && exists && isNew:
			steps = append(steps, undo{"removing the new " + e.Path, remover(e.Path)})
		}
		if e.Temp != "" {
			steps = append(steps, undo{"removing " + e.Temp, remover(e.Temp)})
		}
	}
	if len(changed) > 0 {
		return fmt.Errorf("an interrupted write cannot be undone: these files changed since it: %s; nothing was done: put back the files you want and remove the journal", strings.Join(changed, ", "))
	}
	for i := len(j.Dirs) - 1; i >= 0; i-- {
		d := j.Dirs[i]
		steps = append(steps, undo{"removing the directory " + d, func() error {
			err := os.Remove(d)
			if errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) {
				return nil // someone's files: not the write's to remove
			}
			return err
		}})
	}
	for _, s := range steps {
		if err := s.do(); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %v", s.desc, err)
		}
	}
	return nil
}

// state is whether e's path exists and holds e's new content.
func state(e journalEntry) (exists, isNew bool) {
	if !lexists(e.Path) {
		return false, false
	}
	b, err := os.ReadFile(e.Path)
	if err != nil || e.SHA256 == "" {
		return true, false
	}
	sum := sha256.Sum256(b)
	return true, hex.EncodeToString(sum[:]) == e.SHA256
}

func lexists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func sameFile(a, b string) bool {
	fa, err := os.Lstat(a)
	if err != nil {
		return false
	}
	fb, err := os.Lstat(b)
	return err == nil && os.SameFile(fa, fb)
}

func remover(p string) func() error { return func() error { return os.Remove(p) } }

// dirs are the directories whose entries a recovery changes.
func (j *journal) dirs() []string {
	seen := map[string]bool{}
	for _, e := range j.Files {
		seen[filepath.Dir(e.Path)] = true
	}
	for _, d := range j.Dirs {
		seen[filepath.Dir(d)] = true
	}
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

func syncDirs(dirs []string) error {
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}
