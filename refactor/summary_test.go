package refactor

import (
	"slices"
	"testing"
)

func TestComparePos(t *testing.T) {
	ps := []string{"b.go:1:1", "a.go:10:2", "a.go:9:30", "a.go:9:4"}
	slices.SortFunc(ps, comparePos)
	if want := []string{"a.go:9:4", "a.go:9:30", "a.go:10:2", "b.go:1:1"}; !slices.Equal(ps, want) {
		t.Errorf("got %v, want %v", ps, want)
	}
}
