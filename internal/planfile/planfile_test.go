package planfile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A plan written and read back writes the same bytes; Read refuses what
// the shape does not allow.
func TestRoundTrip(t *testing.T) {
	p := &Plan{Module: "m", Types: []Type{
		{Name: "SearchQuery", Package: "m/b", Result: "[]int", Status: Refused, Reasons: []Reason{{Pos: "b/b.go:3:4", Message: "read after a second dispatch"}}},
		{Name: "GetQuery", Package: "m/a", Result: "*A", Status: Converted, Functions: []Func{{Pos: "a/a.go:9:6", Name: "S.Get"}}, CallSites: 3, Files: []string{"a/a.go"}},
	}}
	var first, second bytes.Buffer
	if err := Write(&first, p); err != nil {
		t.Fatal(err)
	}
	got, err := Read(bytes.NewReader(first.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Types[0].Package != "m/a" || got.Version != Version {
		t.Errorf("types not sorted by package, or no version: %+v", got)
	}
	Write(&second, got)
	if first.String() != second.String() {
		t.Errorf("a second write differs:\n%s\n%s", first.String(), second.String())
	}
	if d := cmp.Diff(p.Types[1], got.Types[0]); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	for text, want := range map[string]string{
		`{"version": 2, "types": []}`: "version 2",
		`{"version": 1, "types": [{"name": "Q", "package": "m", "status": "maybe"}]}`:                 `status "maybe"`,
		`{"version": 1, "types": [{"name": "Q", "package": "m", "status": "refused"}]}`:               "refused without a reason",
		`{"version": 1, "types": [{"name": "Q", "package": "m", "status": "converted", "lines": 3}]}`: `unknown field "lines"`,
	} {
		if _, err := Read(strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", text, err, want)
		}
	}
}
