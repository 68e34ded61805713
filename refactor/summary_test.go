package refactor

import (
	"slices"
	"strings"
	"testing"
)

// The text summary keeps one line per refused type, with its first
// reason; the others go under it, indented once more.
func TestPrintRefusals(t *testing.T) {
	var b strings.Builder
	printRefusals(&b, []*Refusal{
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

func TestComparePos(t *testing.T) {
	ps := []string{"b.go:1:1", "a.go:10:2", "a.go:9:30", "a.go:9:4"}
	slices.SortFunc(ps, comparePos)
	if want := []string{"a.go:9:4", "a.go:9:30", "a.go:10:2", "b.go:1:1"}; !slices.Equal(ps, want) {
		t.Errorf("got %v, want %v", ps, want)
	}
}
