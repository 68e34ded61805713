package generator

import (
	"os"
	"testing"
	"time"

	"github.com/cqtools/cq/templates"
)

func TestZZTiming(t *testing.T) {
	dir := os.Getenv("CQ_TIMING_DIR")
	if dir == "" {
		t.Skip()
	}
	t0 := time.Now()
	tmpl, _ := templates.Load("")
	pkgs, fset, err := load(Config{Dir: dir, Patterns: []string{"./..."}})
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	roots, errs := buildRoots(pkgs, fset)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	t2 := time.Now()
	n := 0
	for _, r := range roots {
		fs, err := render(r, tmpl)
		if err != nil {
			t.Fatal(err)
		}
		n += len(fs)
	}
	t3 := time.Now()
	t.Logf("load %v model %v render %v (%d files)", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), n)
}
