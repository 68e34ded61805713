package cli

import (
	"strings"
	"testing"

	"github.com/cqtools/cq/refactor"
)

// The text summary keeps one line per refused type, with its first
// reason; the others go under it, indented once more.
func TestPrintRefusals(t *testing.T) {
	var b strings.Builder
	printRefusals(&b, []*refactor.Refusal{
		{Type: "m.A", Reason: "first", Pos: "/mod/m.go:1:1"},
		{Type: "m.A", Reason: "second", Pos: "/mod/x/x.go:2:3"},
		{Type: "m.B", Reason: "only", Pos: "/mod/m.go:4:1"},
	}, "/mod")
	want := "refused 2:\n" +
		"\tm.go:1:1: m.A: first\n" +
		"\t\tx/x.go:2:3: second\n" +
		"\tm.go:4:1: m.B: only\n"
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteDiff(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\n"
	var b strings.Builder
	writeDiff(&b, "x.go", []byte(old), []byte(new))
	want := `--- a/x.go
+++ b/x.go
@@ -1,8 +1,9 @@
 a
 b
 c
-d
+D
 e
 f
 g
 h
+i
`
	if b.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", b.String(), want)
	}
}
