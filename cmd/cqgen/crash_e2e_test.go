package main

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cqtools/cq/internal/e2e"

	"github.com/google/go-cmp/cmp"
)

// hwCheck is, for each command of hwCommands, the run after a crash that
// writes nothing itself: only the recovery every cqgen command begins
// with acts on the tree.
var hwCheck = map[string][]string{
	"refactor": {"refactor", "-q", "--dry-run"},
	"generate": {"generate", "--check", "--mocks=never", "./..."},
}

// TestHostileWriterKill kills cqgen refactor and cqgen generate with
// SIGKILL during the write phase, which no handler sees: at chosen steps
// (the writer's test hook kills the process there: before the journal,
// in phase 1, at every rename of phase 2 and the commit, while the
// backups are deleted) and at random times. The next cqgen command must
// say what it recovered, and leave the tree entirely the old one or
// entirely the new one, as it said, with no file of the writer left, and
// building.
func TestHostileWriterKill(t *testing.T) {
	e2e.Require(t, "kills cqgen refactor with SIGKILL at random points of its writes")
	if testing.Short() {
		t.Skip("runs cqgen many times")
	}
	rng := seededRand(t)
	for _, c := range hwCommands {
		t.Run(c.name, func(t *testing.T) {
			files := c.files(t)
			newTree, steps := hwSteps(t, files, c.args)
			at := []int{1} // before the journal is in place
			commit, phase1 := 0, 0
			for i, s := range steps {
				if strings.HasPrefix(s, "rename ") {
					at = append(at, i+1) // the journal's, phase 2's, the commit
					commit = i + 1
				}
				if strings.HasPrefix(s, "create ") && phase1 == 0 {
					phase1 = i + 1
					at = append(at, phase1)
				}
			}
			// Right after the commit, while the backups are deleted, and
			// the last step (the journal is gone: nothing to recover).
			at = append(at, commit+1, commit+2+rng.IntN(len(steps)-commit-2), len(steps))
			outcomes := map[string]int{}
			for _, k := range at {
				outcomes[hwKill(t, files, newTree, c, fmt.Sprintf("at step %d (%s)", k, steps[k-1]), func(cmd *exec.Cmd) {
					cmd.Env = append(cmd.Env, fmt.Sprintf("CQGEN_TEST_WRITER=kill=%d", k))
				}, nil)]++
			}
			// At random times: the writer slowed down so that the write
			// phase lasts, the kill sent from outside.
			const delay = 20 * time.Millisecond
			for range 3 {
				after := time.Duration(rng.IntN(len(steps))) * delay
				outcomes[hwKill(t, files, newTree, c, fmt.Sprintf("%v into the write phase", after), func(cmd *exec.Cmd) {
					cmd.Env = append(cmd.Env, "CQGEN_TEST_WRITER=trace,delay="+delay.String())
				}, func(cmd *exec.Cmd, line string) bool {
					if !strings.HasPrefix(line, "cqgen-writer: step 1: ") {
						return false
					}
					time.Sleep(after)
					cmd.Process.Kill()
					return true
				})]++
			}
			if outcomes["restored"] == 0 || outcomes["completed"] == 0 {
				t.Errorf("outcomes %v over kills at steps %v of %d: want restores and completions", outcomes, at, len(steps))
			}
		})
	}
}

// hwKill runs c on a copy of files, set up by env and killed by kill
// (reading the process's stderr line by line; nil: the hook kills it),
// then runs c's check command and checks the tree. It returns what the
// check said it did: "restored", "completed" or "nothing".
func hwKill(t *testing.T, files, newTree map[string]string, c hwCommand, what string, env func(*exec.Cmd), kill func(*exec.Cmd, string) bool) string {
	t.Helper()
	dir := hwWrite(t, files)
	oldTree := hwSnapshot(t, dir)
	cmd := exec.Command(cqgenBin, c.args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	env(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	killed := kill == nil
	for sc.Scan() {
		if !killed {
			killed = kill(cmd, sc.Text())
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		if kill == nil || err != nil {
			t.Fatalf("%s: cqgen %s was not killed: %v", what, strings.Join(c.args, " "), err)
		}
		// Done before the random kill landed: the new tree.
	}

	out, code := hostileRun(t, dir, []string{"GOFLAGS=-mod=mod", "GOPROXY=off"}, cqgenBin, hwCheck[c.name]...)
	if code != 0 && code != 1 {
		t.Fatalf("%s: cqgen %s after the kill: exit %d\n%s", what, strings.Join(hwCheck[c.name], " "), code, out)
	}
	got := hwSnapshot(t, dir) // fails the test on any file of the writer
	defer hwBuild(t, dir)
	const found = "cqgen: an interrupted write was found (.cqgen-journal.json): "
	switch {
	case strings.Contains(out, found+"restored the "):
		if d := cmp.Diff(oldTree, got); d != "" {
			t.Errorf("%s: said restored, but the tree is not the old one (-old +got):\n%s", what, d)
		}
		return "restored"
	case strings.Contains(out, found+"completed it"):
		if d := cmp.Diff(newTree, got); d != "" {
			t.Errorf("%s: said completed, but the tree is not the new one (-new +got):\n%s", what, d)
		}
		return "completed"
	case strings.Contains(out, "interrupted write"):
		t.Errorf("%s: unexpected recovery message:\n%s", what, out)
	case !cmp.Equal(oldTree, got) && !cmp.Equal(newTree, got):
		// Killed before the journal was written or after it was removed.
		t.Errorf("%s: nothing recovered, and the tree is a mix (-old +got):\n%s", what, cmp.Diff(oldTree, got))
	}
	return "nothing"
}

// TestGenerateAfterKilledRefactor kills cqgen refactor just before its
// commit, when every rewritten file is in place and the journal says to
// restore them, then runs cqgen generate --check. Its load and the
// recovery run side by side, so the load may read the rewritten sources:
// the check must still answer for the restored tree, as it does on a copy
// of that tree that was never touched.
func TestGenerateAfterKilledRefactor(t *testing.T) {
	e2e.Require(t, "kills cqgen refactor with SIGKILL before its commit")
	// hwRefactorModule, with its query under a directive: cqgen generate
	// writes its service file, and the refactor rewrites that too.
	files := maps.Clone(hwRefactorModule)
	files["shop/shop.go"] = strings.Replace(files["shop/shop.go"], "type GetPriceQuery", "//cq:query service=Shop\ntype GetPriceQuery", 1)
	old := hwWrite(t, files)
	hwCqgen(t, old, nil, 0, "generate", "--mocks=never", "./...")
	files = hwSnapshot(t, old)
	check := []string{"generate", "--check", "--mocks=never", "./..."}
	want := hwCqgen(t, old, nil, 0, check...)

	_, steps := hwSteps(t, files, []string{"refactor", "-q"})
	commit := 0
	for i, s := range steps {
		if strings.HasPrefix(s, "rename ") {
			commit = i + 1 // the last rename is the journal's commit
		}
	}
	dir := hwWrite(t, files)
	hwCqgen(t, dir, nil, 0, "refactor", "-q", "--dry-run") // the refactor does convert
	cmd := exec.Command(cqgenBin, "refactor", "-q")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", fmt.Sprintf("CQGEN_TEST_WRITER=kill=%d", commit))
	err := cmd.Run()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("cqgen refactor was not killed at step %d (%s): %v", commit, steps[commit-1], err)
	}
	// The recovery held back: the load reads the rewritten sources first.
	got := hwCqgen(t, dir, []string{"CQGEN_TEST_WRITER=delay=1s"}, 0, check...)
	const restored = "cqgen: an interrupted write was found (.cqgen-journal.json): restored the "
	if !strings.Contains(got, restored) {
		t.Fatalf("no restore said:\n%s", got)
	}
	got = got[strings.Index(got, "\n")+1:] // what follows the recovery's line
	if got != want {
		t.Errorf("generate --check after the recovery said\n%s\nwant, as on the untouched tree:\n%s", got, want)
	}
	if d := cmp.Diff(files, hwSnapshot(t, dir)); d != "" {
		t.Errorf("the tree is not the old one (-old +got):\n%s", d)
	}
}
