package main_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cqlint -V=full is how go vet keys its cache of results: the version,
// then the executable's sha256 as buildID=, which the go command takes
// for a devel version and keeps within the whole line for a release.
func TestVersion(t *testing.T) {
	data, err := os.ReadFile(cqlintBin)
	if err != nil {
		t.Fatal(err)
	}
	hash := fmt.Sprintf("%x", sha256.Sum256(data))
	dir := t.TempDir()
	r := cqlint(t, dir, "-V=full")
	if !regexp.MustCompile(`^cqlint version (v\S+|devel( [0-9a-f]+(\+dirty)?)?) buildID=`+hash+"\n$").MatchString(r.stdout) || r.code != 0 {
		t.Errorf("cqlint -V=full: want the version and buildID=%s, got %s", hash, r)
	}
	short := cqlint(t, dir, "-V")
	if v, _, _ := strings.Cut(r.stdout, " buildID="); short.code != 0 || short.stdout != v+"\n" {
		t.Errorf("cqlint -V: want %q, got %s", v, short)
	}

	// A release build sets the version with -ldflags -X.
	rel := filepath.Join(t.TempDir(), "cqlint")
	out, err := exec.Command("go", "build", "-o", rel, "-ldflags=-X github.com/cqtools/cq/internal/version.release=v9.8.7", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -ldflags -X: %v\n%s", err, out)
	}
	if r := run(t, dir, rel, "-V=full"); !strings.HasPrefix(r.stdout, "cqlint version v9.8.7 buildID=") {
		t.Errorf("a release build's -V=full: %s", r)
	}
}

// Under go vet, a bad flag value gets unitchecker's usage, which points
// at cqlint help: that command prints cqlint's help.
func TestHelpFromGoVet(t *testing.T) {
	dir := copyModule(t, "cqlint-clean")
	r := goVet(t, dir, "-signature.pointer-args=sometimes", "./...")
	if !strings.Contains(r.stderr, "cqlint help") {
		t.Fatalf("go vet with a bad flag value: want unitchecker's pointer to cqlint help, got %s", r)
	}
	for _, args := range [][]string{{"help"}, {"-help"}} {
		h := cqlint(t, dir, args...)
		if h.code != 0 || !strings.Contains(h.stdout, "Exit status:") || !strings.Contains(h.stdout, "resultfield") {
			t.Errorf("cqlint %s: want exit 0 and the help, got %s", args[0], h)
		}
	}
	if h := cqlint(t, dir, "help", "signature"); h.code != 0 || !strings.Contains(h.stdout, "-signature.pointer-args") {
		t.Errorf("cqlint help signature: want the rule's page with its flags, got %s", h)
	}
}
