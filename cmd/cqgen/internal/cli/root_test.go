package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
