package analysisutil

import (
	"go/parser"
	"testing"
)

func TestExtractDoc(t *testing.T) {
	src := `// Package foo does things.
//
// # Analyzer foo
//
// foo: report things done wrong
//
// Longer text.
package foo
`
	got := ExtractDoc(src)
	want := "report things done wrong\n\nLonger text."
	if got != want {
		t.Errorf("ExtractDoc = %q, want %q", got, want)
	}
	if got := ExtractDoc("// Plain text.\npackage foo\n"); got != "Plain text." {
		t.Errorf("ExtractDoc without heading = %q", got)
	}
}

func TestRecvName(t *testing.T) {
	for src, want := range map[string]string{"*T": "T", "T[K]": "T", "(*M[K, V])": "M", "x.T": "?"} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := RecvName(e); got != want {
			t.Errorf("RecvName(%s) = %q, want %q", src, got, want)
		}
	}
}
