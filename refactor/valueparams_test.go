package refactor

import (
	"testing"

	"github.com/cqtools/cq/refactor/apply"
	"github.com/cqtools/cq/refactor/edit"
	"github.com/cqtools/cq/refactor/flow"
	"github.com/cqtools/cq/refactor/plan"
	"github.com/google/go-cmp/cmp"
)

// TestValueFailures: a type error in a file a by-value group edited
// names that group's by-value types, to plan again with their pointers;
// groups keeping their pointers, refused groups and other files are not
// blamed.
func TestValueFailures(t *testing.T) {
	a, b, c, d := &flow.Target{Name: "m/x.A"}, &flow.Target{Name: "m/x.B"}, &flow.Target{Name: "m/x.C"}, &flow.Target{Name: "m/x.D"}
	pl := &plan.Plan{Groups: []*plan.Group{
		{Types: []*flow.Target{a, b}, ByValue: []*flow.Target{a}, Edits: []edit.Edit{{File: "one.go"}, {File: "two.go"}}},
		{Types: []*flow.Target{c}, Edits: []edit.Edit{{File: "one.go"}}},
		{Types: []*flow.Target{d}, ByValue: []*flow.Target{d}, Edits: []edit.Edit{{File: "three.go"}}},
		{Types: []*flow.Target{{Name: "m/x.E"}}, ByValue: []*flow.Target{{Name: "m/x.E"}}, Edits: []edit.Edit{{File: "one.go"}}, Refusals: []*flow.Refusal{{}}},
	}}
	got := valueFailures(pl, []apply.TypeError{{File: "two.go", Msg: "two.go:3:4: cannot use q"}, {File: "one.go", Msg: "one.go:1:2: later"}})
	want := map[string]string{"m/x.A": "by value the rewrite would not type-check: two.go:3:4: cannot use q"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("valueFailures (-want +got):\n%s", diff)
	}
	if got := valueFailures(pl, []apply.TypeError{{File: "four.go", Msg: "x"}}); len(got) != 0 {
		t.Errorf("an error in a file no by-value group edited blamed %v", got)
	}
}
