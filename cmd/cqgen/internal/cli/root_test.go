package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cqtools/cq/internal/version"
)

func TestGoStyleFlags(t *testing.T) {
	got := goStyleFlags([]string{"refactor", "-tags=oss", "-diff", "-q", "--types", "A", "-cqmodel.require-use=false", "./...", "--", "-x-y"})
	want := []string{"refactor", "--tags=oss", "--diff", "-q", "--types", "A", "--cqmodel.require-use=false", "./...", "--", "-x-y"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("goStyleFlags (-want +got):\n%s", diff)
	}
}

func TestUnknownFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := Execute([]string{"generate", "-bogus"}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "unknown flag: --bogus") {
		t.Errorf("exit %d, stderr %q; want 2 and the unknown flag named", code, stderr.String())
	}
}

// --version, -version (go-style) and the version command print the same
// line, from internal/version.
func TestVersion(t *testing.T) {
	want := "cqgen version " + version.String() + "\n"
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		var stdout, stderr bytes.Buffer
		if code := Execute(args, &stdout, &stderr); code != 0 || stdout.String() != want || stderr.Len() > 0 {
			t.Errorf("cqgen %s: exit %d, stdout %q, stderr %q; want 0 and %q", args[0], code, stdout.String(), stderr.String(), want)
		}
	}
	// -v stays free for a verbose flag; cobra would make it --version.
	var stdout, stderr bytes.Buffer
	if code := Execute([]string{"-v"}, &stdout, &stderr); code != 2 {
		t.Errorf("cqgen -v: exit %d, want 2 (no such flag)", code)
	}
}
