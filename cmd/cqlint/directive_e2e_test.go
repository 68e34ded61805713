package main_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestDirectivesAgreeWithGenerate runs cqlint on every bad-input case of
// cqgen generate's tests (generator/testdata/mod/bad) and expects, as
// "directive: ..." findings, exactly the errors cqgen generate reports
// there (its want.txt): the same positions and messages, nothing more and
// nothing less.
// The exception is a package that does not type-check, which cqlint does
// not analyze: it reports the type error that cqgen quotes instead.
//
// Cases about cqgen's output rather than its directives are left out:
// names its output would declare in <root>test, files at its output
// paths that it did not write, or files of another package in its output
// directory. A cqlint pass sees one package, and those are other
// packages' files (cqgen generate checks them: see its tests).
func TestDirectivesAgreeWithGenerate(t *testing.T) {
	dir := copyDir(t, filepath.Join(repoRoot(t), "generator", "testdata", "mod"))
	cases, err := os.ReadDir(filepath.Join(dir, "bad"))
	if err != nil {
		t.Fatal(err)
	}
	output := map[string]bool{"handfake": true, "handmethod": true, "handwritten": true, "otherpkg": true}
	for _, c := range cases {
		if output[c.Name()] {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "bad", c.Name(), "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			r := cqlint(t, dir, "-cqmodel", "./bad/"+c.Name())
			if c.Name() == "typeerror" {
				// cqgen: "...: the result type of GetOwnerQuery is invalid, because of an error in package typeerror: <the type error>"
				_, quoted, _ := strings.Cut(strings.TrimSpace(string(want)), "typeerror: ")
				if r.code != 2 || !strings.Contains(r.stderr, quoted) {
					t.Errorf("want exit 2 and the type error %q, got %s", quoted, r)
				}
				return
			}
			if r.code != 1 {
				t.Errorf("want exit 1 with findings, got %s", r)
			}
			var got []string
			for _, l := range findings(r.stderr, dir) {
				got = append(got, strings.Replace(l, ": directive: ", ": ", 1))
			}
			wantLines := strings.Split(strings.TrimSpace(string(want)), "\n")
			sort.Strings(got)
			sort.Strings(wantLines)
			same(t, "cqlint's directive findings against cqgen's errors", got, wantLines)
		})
	}
}
