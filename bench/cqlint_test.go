package bench_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cqtools/cq/bench/synth"
)

// TestCqlintOverhead measures cqlint against a no-op analyzer run through
// the same driver (bench/noop) on the synthetic Grafana-shaped module, in
// one run, alternating the two. It reports the median CPU time (user+sys
// of the process and the go commands it waits for) and wall time of each,
// and their ratio. It is no pass/fail check: timing belongs in no unit
// test. Run it with
//
//	CQ_BENCH=1 go test ./bench -run CqlintOverhead -v
//
// CQ_BENCH_RUNS sets the number of runs of each (default 5);
// CQ_BENCH_SERVICES the module's size (default 80 services, 322 packages);
// CQ_BENCH_FLAGS, if set, adds a third variant: cqlint with those flags
// (e.g. "-events=false" to see one rule's share).
func TestCqlintOverhead(t *testing.T) {
	if os.Getenv("CQ_BENCH") == "" {
		t.Skip("set CQ_BENCH=1 to run the cqlint benchmark")
	}
	runs := envInt(t, "CQ_BENCH_RUNS", 5)
	opt := synth.DefaultOptions()
	opt.Services = envInt(t, "CQ_BENCH_SERVICES", opt.Services)
	opt.ResultTypes = min(opt.ResultTypes, 6*opt.Services)

	dir := t.TempDir()
	mod := filepath.Join(dir, "synth")
	if err := synth.Generate(mod, opt); err != nil {
		t.Fatal(err)
	}
	bins := map[string]string{}
	for name, pkg := range map[string]string{"cqlint": "../cmd/cqlint", "noop": "./noop"} {
		bins[name] = filepath.Join(dir, name)
		if out, err := exec.Command("go", "build", "-o", bins[name], pkg).CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", name, err, out)
		}
	}
	// Warm the build cache, so that every measured run finds the export
	// data of the dependencies ready, as in an editor or CI run.
	if out, err := command(mod, "go", "build", "./...").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	variants := []struct {
		name, bin string
		flags     []string
	}{
		{"noop", bins["noop"], nil},
		{"cqlint", bins["cqlint"], nil},
	}
	if f := strings.Fields(os.Getenv("CQ_BENCH_FLAGS")); len(f) > 0 {
		variants = append(variants, struct {
			name, bin string
			flags     []string
		}{"cqlint " + strings.Join(f, " "), bins["cqlint"], f})
	}
	for _, v := range variants {
		measure(t, mod, v.bin, v.flags...)
	}

	cpu := map[string][]time.Duration{}
	wall := map[string][]time.Duration{}
	for i := 0; i < runs; i++ {
		for _, v := range variants {
			c, w := measure(t, mod, v.bin, v.flags...)
			cpu[v.name] = append(cpu[v.name], c)
			wall[v.name] = append(wall[v.name], w)
		}
	}
	nc, nw := median(cpu["noop"]), median(wall["noop"])
	t.Logf("%d packages, %d runs each, medians:", opt.Packages(), runs)
	for _, v := range variants {
		c, w := median(cpu[v.name]), median(wall[v.name])
		t.Logf("%-30s cpu %v  wall %v  cpu/noop %.3f  wall/noop %.3f", v.name, c.Round(time.Millisecond), w.Round(time.Millisecond), float64(c)/float64(nc), float64(w)/float64(nw))
		fmt.Printf("%s/noop cpu ratio %.3f\n", v.name, float64(c)/float64(nc))
	}
	t.Logf("target: cqlint cpu/noop <= 1.10")
}

func command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	return cmd
}

// measure runs bin ./... in dir and returns its CPU time (user+sys,
// including the go list processes it waited for) and wall time.
func measure(t *testing.T, dir, bin string, flags ...string) (cpu, wall time.Duration) {
	t.Helper()
	cmd := command(dir, bin, append(flags, "./...")...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall = time.Since(start)
	// cqlint exits 1 with findings; anything else but 0 is a failure.
	if err != nil && cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("%s ./...: %v\n%s", filepath.Base(bin), err, out)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), wall
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive integer", name, v)
	}
	return n
}
