package lintdriver

import (
	"strings"
	"testing"

	"github.com/cqtools/cq/analyzers"
)

// -help, -h and cqlint help print the same help on stdout: every rule
// with the first line of its documentation, every format, the exit
// status, -explain, -root, -link-template and the flags, and no panic of
// the flag package's.
func TestHelp(t *testing.T) {
	var first string
	for _, args := range [][]string{{"-help"}, {"-h"}, {"help"}} {
		stdout, stderr, code := cqlint(args...)
		if code != ExitClean || stderr != "" {
			t.Fatalf("cqlint %s: exit %d, stderr %q; want 0 and nothing on stderr", args[0], code, stderr)
		}
		if first == "" {
			first = stdout
		} else if stdout != first {
			t.Errorf("cqlint %s differs from cqlint -help", args[0])
		}
	}
	flat := strings.Join(strings.Fields(first), " ") // unwrapped
	var want []string
	for _, a := range analyzers.All {
		title, _, _ := strings.Cut(a.Doc, "\n")
		want = append(want, a.Name+" "+title, "-"+a.Name+" ")
	}
	for _, f := range formats {
		want = append(want, "\n  "+f+" ")
	}
	want = append(want,
		"Exit status: 0 nothing reported 1 findings (with -fix: findings left unfixed) 2 bad flags, packages that do not load or type-check, analyzer failures",
		"go vet -vettool=$(which cqlint)",
		"cqlint -explain RULE",
		"-root dir with -format=sarif or github, write paths relative to this dir, as -link-template's {path} is",
		"-link-template template with -format=html, link each position to this URL template: {path} is the file relative to -root, {line} and {col} the position",
		"-link-template links positions to the code",
		"-cqmodel.query-suffixes value comma-separated type-name suffixes of queries (at least one) (default Query)",
		`-format string output format: text, json, sarif, github, html, stats, markdown (default "text")`,
		docsURL,
	)
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) && !strings.Contains(first, w) {
			t.Errorf("help lacks %q", w)
		}
	}
	if strings.Contains(first, "panic") {
		t.Errorf("help has a panic's message:\n%s", first)
	}
	for i, l := range strings.Split(first, "\n") {
		if !strings.HasPrefix(l, "    \t") && len(l) > 80 {
			t.Errorf("help line %d is %d columns wide: %q", i+1, len(l), l)
		}
	}
}

// cqlint help RULE is -explain RULE: unitchecker, serving go vet, points
// there when a flag's value is bad.
func TestHelpRule(t *testing.T) {
	help, _, code := cqlint("help", "signature")
	explain, _, _ := cqlint("-explain", "signature")
	if code != ExitClean || help != explain || !strings.Contains(help, "-signature.pointer-args") {
		t.Errorf("cqlint help signature: exit %d, want -explain signature's page with its flags:\n%s", code, help)
	}
	if _, stderr, code := cqlint("help", "nosuchrule"); code != ExitError || !strings.Contains(stderr, "no such rule") {
		t.Errorf("cqlint help nosuchrule: exit %d, %q", code, stderr)
	}
	if _, stderr, code := cqlint("help", "a", "b"); code != ExitError || stderr != "usage: cqlint help [RULE]\n" {
		t.Errorf("cqlint help a b: exit %d, %q", code, stderr)
	}
}

// A bad flag gets its error and a pointer to -help, not the whole help.
func TestBadFlagUsage(t *testing.T) {
	stdout, stderr, code := cqlint("-no-such-flag", "./...")
	want := "flag provided but not defined: -no-such-flag\nusage: cqlint [flags] packages...\n       go vet -vettool=$(which cqlint) [flags] packages...\nRun cqlint -help for the rules, formats, exit status and flags.\n"
	if code != ExitError || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 2 and:\n%s", code, stdout, stderr, want)
	}
}

// -link-template goes with -format=html only, and a template that makes
// no http(s) or relative URL is a bad flag; -root goes with it.
func TestLinkTemplateFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-link-template=https://x/{path}", "./..."}, "cqlint: -link-template is for -format=html\n"},
		{[]string{"-format=sarif", "-link-template=https://x/{path}", "./..."}, "cqlint: -link-template is for -format=html\n"},
		{[]string{"-format=html", "-root=.", "./..."}, "cqlint: -root with -format=html is for -link-template's {path}\n"},
		{[]string{"-format=html", "-link-template=javascript:alert(1)//{path}", "./..."}, "cqlint: -link-template: \"javascript:alert(1)//{path}\" makes a javascript URL: want an http or https URL, or a relative one\n"},
		{[]string{"-format=html", "-link-template=https://x/{file}", "./..."}, "cqlint: -link-template: unknown placeholder {file} (want {path}, {line} or {col})\n"},
	} {
		stdout, stderr, code := cqlint(c.args...)
		if code != ExitError || stdout != "" || stderr != c.want {
			t.Errorf("cqlint %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, stdout, stderr, c.want)
		}
	}
}
