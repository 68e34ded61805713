package writer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// entry is what a test knows of a path: a file's content and mode, or a
// symbolic link's destination, or a directory.
type entry struct {
	Content string
	Mode    fs.FileMode
	Link    string
	Dir     bool
}

// snapshot reads every path under dir.
func snapshot(t *testing.T, dir string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			dest, err := os.Readlink(path)
			out[rel] = entry{Link: dest}
			return err
		case info.IsDir():
			out[rel] = entry{Dir: true, Mode: info.Mode().Perm()}
			return nil
		}
		b, err := os.ReadFile(path)
		out[rel] = entry{Content: string(b), Mode: info.Mode().Perm()}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// tree writes the old tree every fault test starts from, and returns the
// changes to make: rewrite a 0600 file, rewrite a file through a
// symbolic link, create a file in a new nested directory and one in an
// existing directory, remove a file, and remove a symbolic link.
func tree(t *testing.T) (string, []Change) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, content string, mode fs.FileMode) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", "old a", 0o600)
	write("real/b.go", "old b", 0o640)
	write("gone.go", "old gone", 0o644)
	write("pkg/keep.go", "untouched", 0o644)
	write("target.go", "target of a removed link", 0o644)
	if err := os.Symlink(filepath.Join("real", "b.go"), filepath.Join(dir, "b.go")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.go", filepath.Join(dir, "link.go")); err != nil {
		t.Fatal(err)
	}
	return dir, changesIn(dir)
}

// changesIn are the changes of tree for the tree in dir.
func changesIn(dir string) []Change {
	p := func(name string) string { return filepath.Join(dir, name) }
	return []Change{
		{Path: p("a.go"), Content: []byte("new a")},
		{Path: p("b.go"), Content: []byte("new b")},
		{Path: p("new/deep/c.go"), Content: []byte("new c")},
		{Path: p("pkg/d.go"), Content: []byte("new d")},
		{Path: p("gone.go"), Remove: true},
		{Path: p("link.go"), Remove: true},
	}
}

// in is the options for the changes of tree: the journal and the only
// root in the tree's directory (a.go's).
func in(changes []Change) Options {
	return Options{Journal: filepath.Dir(changes[0].Path)}
}

// wantNew is the tree after the changes of tree.
func wantNew(old map[string]entry) map[string]entry {
	n := map[string]entry{}
	for k, v := range old {
		n[k] = v
	}
	n["a.go"] = entry{Content: "new a", Mode: 0o600}
	n["real/b.go"] = entry{Content: "new b", Mode: 0o640}
	n["new"] = entry{Dir: true, Mode: n["pkg"].Mode}
	n["new/deep"] = entry{Dir: true, Mode: n["pkg"].Mode}
	n["new/deep/c.go"] = entry{Content: "new c", Mode: 0o644}
	n["pkg/d.go"] = entry{Content: "new d", Mode: 0o644}
	delete(n, "gone.go")
	delete(n, "link.go")
	return n
}

func TestApply(t *testing.T) {
	dir, changes := tree(t)
	old := snapshot(t, dir)
	if err := apply(changes, in(changes), faults{}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantNew(old), snapshot(t, dir)); d != "" {
		t.Errorf("tree after Apply (-want +got):\n%s", d)
	}
	// The link still points where it did.
	if dest, err := os.Readlink(filepath.Join(dir, "b.go")); err != nil || dest != filepath.Join("real", "b.go") {
		t.Errorf("b.go is no longer the link to real/b.go: %q, %v", dest, err)
	}
}

// TestFaultAtEveryStep makes step k fail, for every k from the first until
// Apply has no step left to fail: each time the tree must be the old one,
// byte for byte and mode for mode, with no temporary file, backup or
// created directory left, and the error must name what failed. Only the
// deletion of a backup after every file is in place cannot roll back:
// then the tree must be the new one and the error must name the backup.
func TestFaultAtEveryStep(t *testing.T) {
	for k := 1; ; k++ {
		if k > 100 {
			t.Fatal("Apply still failing after 100 steps")
		}
		dir, changes := tree(t)
		old := snapshot(t, dir)
		var failed string
		err := apply(changes, in(changes), faults{fail: func(step int, name, path string) error {
			if step == k {
				failed = name + " " + path
				return errInjected
			}
			return nil
		}})
		if err == nil {
			if failed != "" {
				t.Fatalf("step %d (%s) failed, but Apply succeeded", k, failed)
			}
			if d := cmp.Diff(wantNew(old), snapshot(t, dir)); d != "" {
				t.Errorf("no fault: tree (-want +got):\n%s", d)
			}
			if k < 15 {
				t.Errorf("only %d steps: expected at least 3 per write and 1 per removal", k-1)
			}
			return
		}
		if strings.HasPrefix(err.Error(), "every file was written") {
			// A backup that cannot be deleted once every file is in
			// place: the new tree stands and the error names the backup.
			got := snapshot(t, dir)
			for name := range got {
				if strings.Contains(name, ".cqgen-") && strings.Contains(err.Error(), filepath.Join(dir, name)) {
					delete(got, name)
				}
			}
			if d := cmp.Diff(wantNew(old), got); d != "" {
				t.Errorf("step %d (%s) failed after the commit: tree, less the backup named in %q (-want +got):\n%s", k, failed, err, d)
			}
			continue
		}
		if !strings.Contains(err.Error(), errInjected.Error()) {
			t.Errorf("step %d (%s): error %q does not carry the injected failure", k, failed, err)
		}
		if !strings.Contains(err.Error(), "nothing was written") {
			t.Errorf("step %d (%s): error %q does not say nothing was written", k, failed, err)
		}
		if !strings.Contains(err.Error(), dir) {
			t.Errorf("step %d (%s): error %q names no file", k, failed, err)
		}
		if d := cmp.Diff(old, snapshot(t, dir)); d != "" {
			t.Errorf("step %d (%s) failed: tree is not the old one (-old +got):\n%s", k, failed, d)
		}
	}
}

// TestRollbackFailure makes every step fail from the rename that puts the
// second file in place on, rollback included: the error must say which
// original could not be put back and where it is, and that backup must
// hold it.
func TestRollbackFailure(t *testing.T) {
	_, changes := tree(t)
	renames := 0
	start := 0
	err := apply(changes, in(changes), faults{fail: func(step int, name, path string) error {
		if name == "rename" && strings.HasSuffix(path, ".go") && start == 0 {
			if renames++; renames == 2 {
				start = step
			}
		}
		if start > 0 && step >= start {
			return errInjected
		}
		return nil
	}})
	if err == nil || !strings.Contains(err.Error(), "could not restore") {
		t.Fatalf("err = %v, want one saying what could not be restored", err)
	}
	_, backup, _ := strings.Cut(err.Error(), "its original is ")
	backup, _, _ = strings.Cut(backup, ")")
	if b, rerr := os.ReadFile(backup); rerr != nil || !strings.HasPrefix(string(b), "old ") {
		t.Errorf("the backup named in %q holds %q, %v; want the original", err, b, rerr)
	}
}

// TestNoHardLinks makes every link fail as on a file system without hard
// links: Apply keeps the originals by renaming them instead, and every
// fault of that path still rolls back.
func TestNoHardLinks(t *testing.T) {
	noLinks := func(k int, steps *[]string) faults {
		return faults{fail: func(step int, name, path string) error {
			if steps != nil {
				*steps = append(*steps, name)
			}
			switch {
			case name == "link":
				return &os.LinkError{Op: "link", Old: path, New: path + ".orig", Err: syscall.EPERM}
			case step == k:
				return errInjected
			}
			return nil
		}}
	}
	dir, changes := tree(t)
	old := snapshot(t, dir)
	var steps []string
	if err := apply(changes, in(changes), noLinks(0, &steps)); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantNew(old), snapshot(t, dir)); d != "" {
		t.Errorf("tree (-want +got):\n%s", d)
	}
	// The last rename marks the journal committed; what follows deletes
	// the backups and the journal.
	commit := 0
	for k, name := range steps {
		if name == "rename" {
			commit = k + 1
		}
	}
	for k, name := range steps[:commit] {
		if name == "link" {
			continue // fails anyway here
		}
		dir, changes := tree(t)
		old := snapshot(t, dir)
		if err := apply(changes, in(changes), noLinks(k+1, nil)); err == nil {
			t.Errorf("step %d (%s) failed, but Apply succeeded", k+1, name)
		}
		if d := cmp.Diff(old, snapshot(t, dir)); d != "" {
			t.Errorf("step %d (%s) failed: tree is not the old one (-old +got):\n%s", k+1, name, d)
		}
	}
}

func TestChangedSinceRead(t *testing.T) {
	_, changes := tree(t)
	was, err := Read(changes[0].Path)
	if err != nil || !was.Exists {
		t.Fatal(was, err)
	}
	changes[0].Was = was
	absent, err := Read(changes[2].Path)
	if err != nil || absent.Exists {
		t.Fatal(absent, err)
	}
	changes[2].Was = absent
	if err := apply(changes, in(changes), faults{}); err != nil {
		t.Fatalf("unchanged since read: %v", err)
	}

	dir, changes := tree(t)
	changes[0].Was = was // "old a", but the file now holds "edited"
	if err := os.WriteFile(changes[0].Path, []byte("edited"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := snapshot(t, dir)
	err = apply(changes, in(changes), faults{})
	if err == nil || !strings.Contains(err.Error(), changes[0].Path+" changed on disk") {
		t.Fatalf("err = %v, want a.go named as changed", err)
	}
	if d := cmp.Diff(old, snapshot(t, dir)); d != "" {
		t.Errorf("tree changed (-old +got):\n%s", d)
	}

	// A file created where none was read is a change too.
	dir, changes = tree(t)
	changes[2].Was = absent
	if err := os.MkdirAll(filepath.Dir(changes[2].Path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(changes[2].Path, []byte("hand-written"), 0o644); err != nil {
		t.Fatal(err)
	}
	old = snapshot(t, dir)
	if err := apply(changes, in(changes), faults{}); err == nil || !strings.Contains(err.Error(), "c.go changed on disk") {
		t.Fatalf("err = %v, want c.go named as changed", err)
	}
	if d := cmp.Diff(old, snapshot(t, dir)); d != "" {
		t.Errorf("tree changed (-old +got):\n%s", d)
	}
}

// TestInterrupt sends the process SIGINT (or SIGTERM) at each step of
// Apply. The signal is observed at a later step or after the commit, so
// the outcome is either the old tree with Committed false or the new tree
// with Committed true, never a mix; no temporary file is left either way.
func TestInterrupt(t *testing.T) {
	// Keep the test binary alive should a signal arrive after Apply has
	// restored default handling.
	hold := make(chan os.Signal, 100)
	signal.Notify(hold, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(hold)

	rolledBack := 0
	for k := 1; ; k++ {
		sig := syscall.SIGINT
		if k%2 == 0 {
			sig = syscall.SIGTERM
		}
		dir, changes := tree(t)
		old := snapshot(t, dir)
		sent := false
		err := apply(changes, in(changes), faults{delay: time.Millisecond, fail: func(step int, _, _ string) error {
			if step == k {
				sent = true
				return syscall.Kill(os.Getpid(), sig)
			}
			return nil
		}})
		if sent {
			// Signals arrive asynchronously: wait until this one has, so
			// that it cannot land in the next iteration's Apply instead.
			select {
			case <-hold:
			case <-time.After(10 * time.Second):
				t.Fatalf("signal at step %d never arrived", k)
			}
		}
		if !sent {
			if err != nil {
				t.Fatalf("no signal sent: %v", err)
			}
			break
		}
		var ie *InterruptedError
		if !errors.As(err, &ie) {
			// The signal may come after the last step of all.
			if err == nil {
				if d := cmp.Diff(wantNew(old), snapshot(t, dir)); d != "" {
					t.Errorf("signal at step %d unseen: tree (-want +got):\n%s", k, d)
				}
				continue
			}
			t.Fatalf("signal at step %d: err = %v, want *InterruptedError", k, err)
		}
		if ie.Signal != sig || ie.ExitCode() != 128+int(sig) {
			t.Errorf("signal at step %d: %v, exit code %d", k, ie.Signal, ie.ExitCode())
		}
		want := wantNew(old)
		if !ie.Committed {
			want = old
			rolledBack++
		}
		if d := cmp.Diff(want, snapshot(t, dir)); d != "" {
			t.Errorf("signal at step %d (committed %v): tree (-want +got):\n%s", k, ie.Committed, d)
		}
	}
	if rolledBack == 0 {
		t.Error("no signal led to a rollback")
	}
}

func TestParseFaults(t *testing.T) {
	f, err := parseFaults("fail=3,delay=20ms,trace")
	if err != nil || f.delay != 20*time.Millisecond || f.trace == nil || f.fail(3, "", "") == nil || f.fail(2, "", "") != nil {
		t.Errorf("parseFaults = %+v, %v", f, err)
	}
	for _, bad := range []string{"fail=0", "fail=x", "kill=0", "kill=x", "delay=soon", "explode"} {
		if _, err := parseFaults(bad); err == nil {
			t.Errorf("parseFaults(%q) accepted", bad)
		}
	}
	// Apply reads the variable itself.
	dir, changes := tree(t)
	old := snapshot(t, dir)
	t.Setenv("CQGEN_TEST_WRITER", "fail=1")
	if err := Apply(changes, in(changes)); err == nil || !strings.Contains(err.Error(), "injected") {
		t.Errorf("Apply with fail=1: %v", err)
	}
	if d := cmp.Diff(old, snapshot(t, dir)); d != "" {
		t.Errorf("tree changed (-old +got):\n%s", d)
	}
	t.Setenv("CQGEN_TEST_WRITER", "bogus")
	if err := Apply(changes, in(changes)); err == nil || !strings.Contains(err.Error(), "CQGEN_TEST_WRITER") {
		t.Errorf("Apply with a bad CQGEN_TEST_WRITER: %v", err)
	}
}

func TestBadTargets(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.go")
	if err := os.Symlink("nowhere.go", dangling); err != nil {
		t.Fatal(err)
	}
	same := filepath.Join(dir, "same.go")
	if err := os.Symlink("sub/x.go", same); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "x.go"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		changes []Change
		want    string
	}{
		{[]Change{{Path: sub, Content: []byte("x")}}, "not a regular file"},
		{[]Change{{Path: dangling, Content: []byte("x")}}, "cannot be followed"},
		{[]Change{{Path: same, Content: []byte("x")}, {Path: filepath.Join(sub, "x.go"), Content: []byte("y")}}, "are the same file"},
	} {
		if err := apply(c.changes, Options{Journal: dir}, faults{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %q", c.changes[0].Path, err, c.want)
		}
	}
}

func ExampleApply() {
	dir, _ := os.MkdirTemp("", "writer-example-")
	defer os.RemoveAll(dir)
	err := Apply([]Change{
		{Path: filepath.Join(dir, "x", "a.go"), Content: []byte("package x\n")},
		{Path: filepath.Join(dir, "stale.go"), Remove: true},
	}, Options{Journal: dir})
	b, _ := os.ReadFile(filepath.Join(dir, "x", "a.go"))
	fmt.Printf("%v %q\n", err, b)
	// Output: <nil> "package x\n"
}

// TestOSRefuses has the OS itself refuse a step: a directory that cannot
// be written (phase 1 fails) and a file that cannot be moved (phase 2
// fails after another file is in place). Both roll back. As root, only
// the immutable attribute (chattr +i) makes the OS refuse; the test is
// skipped where it cannot be set.
func TestOSRefuses(t *testing.T) {
	protect := func(t *testing.T, path string) {
		t.Helper()
		if os.Geteuid() != 0 {
			info, err := os.Stat(path)
			if err != nil || !info.IsDir() {
				t.Skip("without root, a file the OS will not move is not at hand")
			}
			os.Chmod(path, 0o555)
			t.Cleanup(func() { os.Chmod(path, 0o755) })
			return
		}
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Skipf("chattr +i: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	}
	for _, c := range []struct {
		name    string
		protect string // relative to the tree
		want    string
	}{
		{"directory", "real", "writing "},
		{"file", "real/b.go", "keeping a backup of "},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, changes := tree(t)
			old := snapshot(t, dir)
			protect(t, filepath.Join(dir, c.protect))
			err := apply(changes, in(changes), faults{})
			if err == nil || !strings.Contains(err.Error(), c.want+changes[1].Path) || !strings.Contains(err.Error(), "nothing was written") {
				t.Fatalf("err = %v, want %q naming %s", err, c.want, changes[1].Path)
			}
			if d := cmp.Diff(old, snapshot(t, dir)); d != "" {
				t.Errorf("tree is not the old one (-old +got):\n%s", d)
			}
		})
	}
}
