package writer

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCrashHelper is the process TestCrashAtEveryStep kills: it applies
// the changes of tree to the tree in $CQGEN_WRITER_CRASH_DIR, with
// CQGEN_TEST_WRITER=kill=K set by the parent.
func TestCrashHelper(t *testing.T) {
	dir := os.Getenv("CQGEN_WRITER_CRASH_DIR")
	if dir == "" {
		t.Skip("run by TestCrashAtEveryStep")
	}
	if err := Apply(changesIn(dir), Options{Journal: dir}); err != nil {
		t.Fatal(err)
	}
}

// TestCrashAtEveryStep kills a process applying the changes of tree with
// SIGKILL at each step of Apply in turn, then recovers: the tree must be
// exactly the old one or exactly the new one (no temporary file, backup,
// journal or created directory left), the one Recover says it made, and
// once a crash leaves the new tree, every later one must too.
func TestCrashAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the test binary once per step of Apply")
	}
	restored, completed, newTree := 0, 0, false
	for k := 1; ; k++ {
		if k > 100 {
			t.Fatal("Apply still running after 100 steps")
		}
		dir, _ := tree(t)
		old := snapshot(t, dir)
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), "CQGEN_WRITER_CRASH_DIR="+dir, fmt.Sprintf("CQGEN_TEST_WRITER=kill=%d", k))
		out, err := cmd.CombinedOutput()
		if err == nil {
			// Apply ended before step k: the run is complete.
			if d := cmp.Diff(wantNew(old), snapshot(t, dir)); d != "" {
				t.Errorf("no crash: tree (-want +got):\n%s", d)
			}
			if k < 20 || restored == 0 || completed == 0 {
				t.Errorf("%d steps, %d crashes restored, %d completed: want every kind", k-1, restored, completed)
			}
			return
		}
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("kill at step %d: %v\n%s", k, err, out)
		}
		rec, err := Recover(dir)
		if err != nil {
			t.Fatalf("kill at step %d: Recover: %v", k, err)
		}
		got := snapshot(t, dir)
		isOld, isNew := cmp.Equal(old, got), cmp.Equal(wantNew(old), got)
		switch {
		case rec.Journal == "" && (isOld || isNew):
			// Killed before the journal existed, or after it was gone.
		case rec.Journal != "" && rec.Completed && isNew:
			completed++
		case rec.Journal != "" && !rec.Completed && isOld:
			restored++
		default:
			t.Fatalf("kill at step %d, then %s: tree is neither what Recover says nor a whole tree (-old +got):\n%s", k, rec, cmp.Diff(old, got))
		}
		if newTree && !isNew {
			t.Errorf("kill at step %d: the old tree, after an earlier kill left the new one", k)
		}
		newTree = isNew
		if rec.Journal != "" && rec.Files != 6 {
			t.Errorf("kill at step %d: %s: want 6 files", k, rec)
		}
		// Recovering again finds nothing to do.
		if again, err := Recover(dir); err != nil || again.Journal != "" {
			t.Errorf("kill at step %d: second Recover: %s, %v", k, again, err)
		}
	}
}

// crashed leaves the tree of tree as a process killed at step k of
// applying its changes leaves it, without running one: the journal and
// every step up to k, nothing after.
func crashed(t *testing.T, k int) (string, []Change) {
	t.Helper()
	dir, changes := tree(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CQGEN_WRITER_CRASH_DIR="+dir, fmt.Sprintf("CQGEN_TEST_WRITER=kill=%d", k))
	if err := cmd.Run(); err == nil {
		t.Fatalf("no step %d", k)
	}
	return dir, changes
}

// steps are the names of Apply's steps for the changes of tree.
func steps(t *testing.T) []string {
	t.Helper()
	dir, changes := tree(t)
	var names []string
	if err := apply(changes, Options{Journal: dir}, faults{fail: func(_ int, name, _ string) error {
		names = append(names, name)
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	return names
}

// TestRecoverChangedSince edits a file by hand after a crash that left
// its new content in place: restoring would lose the edit, so Recover
// does nothing and says which file and where its original is.
func TestRecoverChangedSince(t *testing.T) {
	names := steps(t)
	// The kill lands on the step before the journal's commit rename, the
	// last rename: every file is in place, a.go holds its new content,
	// and the journal is not committed.
	k := 0
	for i, n := range names {
		if n == "rename" {
			k = i // the step before the last rename, 1-based
		}
	}
	dir, changes := crashed(t, k)
	if b, err := os.ReadFile(changes[0].Path); err != nil || string(b) != "new a" {
		t.Fatalf("a.go after the crash: %q, %v", b, err)
	}
	if err := os.WriteFile(changes[0].Path, []byte("edited by hand"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	_, err := Recover(dir)
	if err == nil || !strings.Contains(err.Error(), changes[0].Path+" (its original is ") || !strings.Contains(err.Error(), "nothing was done") {
		t.Fatalf("Recover: %v, want a.go named as changed", err)
	}
	if d := cmp.Diff(before, snapshot(t, dir)); d != "" {
		t.Errorf("Recover changed the tree (-before +after):\n%s", d)
	}
}

// TestRecoverHostileJournal: a journal is data on disk; one naming a
// file outside its directory, or a backup not beside its file, is refused
// and nothing is touched.
func TestRecoverHostileJournal(t *testing.T) {
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim.go")
	if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, j := range map[string]journal{
		"outside": {Version: 1, Committed: true, Files: []journalEntry{{Path: victim, Backup: filepath.Join(outside, ".victim.go.cqgen-1.orig")}}},
		"backup":  {Version: 1, Committed: true, Files: []journalEntry{{Path: "/x/a.go", Backup: victim}}},
		"dotdot":  {Version: 1, Files: []journalEntry{{Path: "/x/../" + victim}}},
		"version": {Version: 9},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if name == "backup" {
				j.Files[0].Path = filepath.Join(dir, "a.go")
			}
			data, _ := json.Marshal(j)
			if err := os.WriteFile(filepath.Join(dir, JournalName), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Recover(dir); err == nil || !strings.Contains(err.Error(), "remove it after checking") {
				t.Errorf("Recover: %v, want the journal refused", err)
			}
			if b, err := os.ReadFile(victim); err != nil || string(b) != "precious" {
				t.Errorf("victim: %q, %v", b, err)
			}
		})
	}
}

// TestJournalLeftStopsApply: Apply does not write over the journal of an
// interrupted write, which only Recover may act on.
func TestJournalLeftStopsApply(t *testing.T) {
	names := steps(t)
	dir, changes := crashed(t, len(names)/2)
	if _, err := os.Stat(filepath.Join(dir, JournalName)); err != nil {
		t.Fatal(err)
	}
	err := apply(changes, Options{Journal: dir}, faults{})
	if err == nil || !strings.Contains(err.Error(), "the journal of an interrupted write, is still there") {
		t.Fatalf("apply over a journal: %v", err)
	}
	if rec, err := Recover(dir); err != nil || rec.Journal == "" {
		t.Fatalf("Recover: %s, %v", rec, err)
	}
	if err := apply(changes, Options{Journal: dir}, faults{}); err != nil {
		t.Fatalf("apply after Recover: %v", err)
	}
}

// TestRoots: a target whose resolved path is outside the roots is refused
// before anything is written, naming the path and where it leads; roots
// reached through symbolic links are resolved before the comparison.
func TestRoots(t *testing.T) {
	base := t.TempDir()
	mod, other := filepath.Join(base, "mod"), filepath.Join(base, "other")
	for _, d := range []string{mod, other, filepath.Join(mod, "sub")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range map[string]string{"mod/a.go": "old a", "other/b.go": "old b"} {
		if err := os.WriteFile(filepath.Join(base, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// mod/b.go leads out of the module; via, a link to mod, leads in.
	if err := os.Symlink("../other/b.go", filepath.Join(mod, "b.go")); err != nil {
		t.Fatal(err)
	}
	via := filepath.Join(base, "via")
	if err := os.Symlink("mod", via); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../other", filepath.Join(mod, "sub", "out")); err != nil {
		t.Fatal(err)
	}
	old := snapshot(t, base)
	for _, c := range []struct {
		path string
		want string
	}{
		{filepath.Join(mod, "b.go"), mod + "/b.go is a symbolic link to " + other + "/b.go, outside " + mod},
		{filepath.Join(via, "b.go"), via + "/b.go is a symbolic link to " + other + "/b.go, outside " + mod},
		{filepath.Join(mod, "sub", "out", "c.go"), "resolves to " + other + "/c.go, outside " + mod},
		{filepath.Join(mod, "sub", "out", "new", "d.go"), "resolves to " + other + "/new/d.go, outside " + mod},
	} {
		changes := []Change{{Path: filepath.Join(mod, "a.go"), Content: []byte("new a")}, {Path: c.path, Content: []byte("x")}}
		for _, o := range []Options{{Journal: mod}, {Journal: via, Roots: []string{via}}, {Journal: base, Roots: []string{mod}}} {
			err := apply(changes, o, faults{})
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "nothing was written") {
				t.Errorf("%s with %+v: err = %v, want %q", c.path, o, err, c.want)
			}
			if d := cmp.Diff(old, snapshot(t, base)); d != "" {
				t.Fatalf("%s: tree changed (-old +got):\n%s", c.path, d)
			}
		}
	}
	// Through the link to the module, a file of the module is writable,
	// and the journal's directory must hold every target.
	if err := apply([]Change{{Path: filepath.Join(via, "a.go"), Content: []byte("new a")}}, Options{Journal: via}, faults{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(mod, "a.go")); string(b) != "new a" {
		t.Errorf("mod/a.go = %q", b)
	}
	err := apply([]Change{{Path: filepath.Join(other, "b.go"), Content: []byte("x")}}, Options{Journal: mod, Roots: []string{base}}, faults{})
	if err == nil || !strings.Contains(err.Error(), "outside "+mod) {
		t.Errorf("a target outside the journal's directory: %v", err)
	}
}
