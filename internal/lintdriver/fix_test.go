package lintdriver

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/report"
)

// Two fixes that rewrite the same bytes differently cannot both be
// applied: the first is, the second is reported and its finding left.
// A fix found twice (p and p [p.test]) is applied once.
func TestFixConflicts(t *testing.T) {
	file := module(t)
	src := "package a\n\ntype fooCommand struct{}\n\nvar _ fooCommand\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rename := func(line int, to string) report.Finding {
		start := strings.Index(src, "fooCommand")
		return report.Finding{Rule: "naming", File: file, Line: line, Col: 6, Message: "naming: " + to, Fixes: []report.Fix{{
			Message: "rename to " + to,
			Edits: []report.Edit{
				{File: file, Start: start, End: start + len("fooCommand"), New: to},
				{File: file, Start: strings.LastIndex(src, "fooCommand"), End: strings.LastIndex(src, "fooCommand") + len("fooCommand"), New: to},
			},
		}}}
	}
	var stderr bytes.Buffer
	d := &driver{stderr: &stderr, stdout: &stderr, patterns: []string{"./..."}}
	left := d.applyFixes([]report.Finding{rename(3, "createFooCommand"), rename(3, "createFooCommand"), rename(4, "makeFooCommand")}, filepath.Dir(file))
	got, _ := os.ReadFile(file)
	if want := "package a\n\ntype createFooCommand struct{}\n\nvar _ createFooCommand\n"; string(got) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
	}
	if len(left) != 1 || left[0].Message != "naming: makeFooCommand" {
		t.Errorf("left %+v, want the conflicting finding", left)
	}
	for _, want := range []string{
		file + ":4:6: naming: fix not applied: it overlaps another fix (run cqlint -fix again)",
		"cqlint: applied 2 fixes in 1 files; 1 findings left",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if d.failed {
		t.Errorf("a conflict is no tool error")
	}
}

// Two fixes that touch different bytes, each sound alone, that together
// declare one name twice: nothing is written, the type errors are given.
func TestFixesTogether(t *testing.T) {
	file := module(t)
	src := "package a\n\ntype fooCommand struct{}\n\ntype barCommand struct{}\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rename := func(from string) report.Finding {
		start := strings.Index(src, from)
		return report.Finding{Rule: "naming", File: file, Line: 3, Col: 6, Message: "naming: " + from, Fixes: []report.Fix{{
			Edits: []report.Edit{{File: file, Start: start, End: start + len(from), New: "createFooCommand"}},
		}}}
	}
	var stderr bytes.Buffer
	d := &driver{stderr: &stderr, stdout: &stderr, patterns: []string{"./..."}}
	if left := d.applyFixes([]report.Finding{rename("fooCommand"), rename("barCommand")}, filepath.Dir(file)); len(left) != 2 || !d.failed {
		t.Errorf("left %d findings, failed %v: want both left and a tool error", len(left), d.failed)
	}
	if got, _ := os.ReadFile(file); string(got) != src {
		t.Errorf("file changed:\n%s", got)
	}
	if want := "cqlint: the fixes together would not type-check; nothing written:"; !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "createFooCommand redeclared in this block") {
		t.Errorf("stderr lacks %q and the redeclaration:\n%s", want, stderr.String())
	}
}

// A fix whose result does not parse leaves the file and its finding.
func TestFixUnparsable(t *testing.T) {
	file := module(t)
	src := "package a\n\ntype fooCommand struct{}\n"
	os.WriteFile(file, []byte(src), 0o644)
	f := report.Finding{Rule: "naming", File: file, Line: 3, Col: 6, Message: "naming: x", Fixes: []report.Fix{{
		Edits: []report.Edit{{File: file, Start: 0, End: len("package"), New: "packag"}},
	}}}
	var stderr bytes.Buffer
	d := &driver{stderr: &stderr, stdout: &stderr, patterns: []string{"./..."}}
	if left := d.applyFixes([]report.Finding{f}, ""); len(left) != 1 || !d.failed {
		t.Errorf("left %d findings, failed %v: want the finding left and a tool error", len(left), d.failed)
	}
	if got, _ := os.ReadFile(file); string(got) != src {
		t.Errorf("file changed:\n%s", got)
	}
	if !strings.Contains(stderr.String(), "the fixed file does not parse") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

// module makes a module in a temporary directory, the test's working
// directory, and returns the path of its a.go, still to write.
func module(t *testing.T) string {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/a\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return filepath.Join(dir, "a.go")
}
