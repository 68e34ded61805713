package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

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

// refactor --help and generate --help: a few lines on what the command
// does, its exit status and its documentation page, then examples, each
// command of which parses with the command's flags, then the flags.
func TestCommandHelp(t *testing.T) {
	for name, newCmd := range map[string]func() *cobra.Command{"refactor": newRefactorCmd, "generate": newGenerateCmd} {
		var stdout, stderr bytes.Buffer
		if code := Execute([]string{name, "--help"}, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
			t.Fatalf("cqgen %s --help: exit %d, stderr %q", name, code, stderr.String())
		}
		out := stdout.String()
		long, rest, _ := strings.Cut(out, "\nUsage:\n")
		examples, _, ok := strings.Cut(rest, "\nFlags:\n")
		if !ok || !strings.Contains(examples, "\nExamples:\n") {
			t.Fatalf("cqgen %s --help: want the description, Usage, Examples, then Flags:\n%s", name, out)
		}
		if n := strings.Count(long, "\n"); n > 14 {
			t.Errorf("cqgen %s --help: %d lines before Usage, want a few:\n%s", name, n, long)
		}
		for _, want := range []string{"Exit status: 0", "Documentation: " + docsBase + name + ".md"} {
			if !strings.Contains(long, want) {
				t.Errorf("cqgen %s --help lacks %q", name, want)
			}
		}
		var groups, commands int
		for _, l := range strings.Split(examples, "\n") {
			if len(l) > 80 {
				t.Errorf("cqgen %s --help: example line of %d columns: %s", name, len(l), l)
			}
			l = strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(l, "# "):
				groups++
			case strings.HasPrefix(l, "cqgen "+name+" "):
				commands++
				args := shellWords(strings.TrimPrefix(l, "cqgen "+name+" "))
				if err := newCmd().ParseFlags(goStyleFlags(args)); err != nil {
					t.Errorf("example %q: %v", l, err)
				}
			}
		}
		if groups < 3 || groups > 6 || commands < groups {
			t.Errorf("cqgen %s --help: %d examples with %d commands, want 3 to 6:\n%s", name, groups, commands, examples)
		}
	}
}

// shellWords splits a command line as sh would, as far as the examples
// need: words, 'quoted' words, and nothing from a redirection or || on.
func shellWords(s string) []string {
	var words []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		var w string
		if rest, ok := strings.CutPrefix(s, "'"); ok {
			w, s, _ = strings.Cut(rest, "'")
		} else if i := strings.IndexByte(s, ' '); i >= 0 {
			w, s = s[:i], s[i:]
		} else {
			w, s = s, ""
		}
		if w == ">" || w == "||" {
			break
		}
		words = append(words, w)
	}
	return words
}
