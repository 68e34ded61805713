package bench_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"
)

// scripts are the benchmark scripts of bench/, each with a small
// configuration and a line its output must hold when it did its work. An
// argument {tmp} is a new temporary directory.
var scripts = map[string]struct {
	args, env []string
	want      string
}{
	"generate/run.sh": {
		args: []string{"1"},
		env:  []string{"BENCH_PKGS=2", "BENCH_SERVICES=2", "BENCH_METHODS=2"},
		want: "mockery / cqgen",
	},
	"refactor/run.sh": {
		args: []string{"1"},
		env:  []string{"SYNTH_FLAGS=-services 3 -result-types 6 -call-sites 2"},
		want: "would convert",
	},
	"doubles/run.sh": {
		env:  []string{"DOUBLES_ROWS=gomock,hand,counterfeiter"},
		want: "hand-written fake",
	},
	"refactor/diffmem.sh": {
		env:  []string{"RUNS=1", "SHAPES=20 1;20 2"},
		want: "20 types in 2 file(s)",
	},
	"foreign/run.sh": {
		args: []string{"foreign/testdata/small", "{tmp}"},
		env:  []string{"FOREIGN_LIST=foreign/testdata/small/repos.txt", "FOREIGN_JUDGEMENT=foreign/testdata/small/judgement.tsv"},
		want: "precision (right / all): 2/3",
	},
	"foreign/fetch.sh": { // the checkout is there: nothing fetched
		args: []string{"foreign/testdata/small"},
		env:  []string{"FOREIGN_LIST=foreign/testdata/small/repos.txt"},
		want: "tiny: already there",
	},
}

// TestScripts runs every benchmark script in a small configuration, so
// that none rots unseen; what they print is not compared with anything
// (figures are measured alone, by hand: docs/performance.md).
func TestScripts(t *testing.T) {
	e2e.Require(t, "runs every benchmark script of bench/ in a small configuration")
	found, err := filepath.Glob("*/*.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range found {
		if _, ok := scripts[name]; !ok {
			t.Errorf("bench/%s has no small configuration in TestScripts", name)
		}
	}
	for name, sc := range scripts {
		t.Run(name, func(t *testing.T) {
			args := []string{name}
			for _, a := range sc.args {
				if strings.Contains(a, "{tmp}") {
					a = strings.ReplaceAll(a, "{tmp}", t.TempDir())
				}
				args = append(args, a)
			}
			cmd := exec.Command("bash", args...)
			cmd.Env = append(os.Environ(), sc.env...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("bash %s: %v\n%s", name, err, out)
			}
			if !strings.Contains(string(out), sc.want) {
				t.Errorf("bash %s printed no %q:\n%s", name, sc.want, out)
			}
		})
	}
}
