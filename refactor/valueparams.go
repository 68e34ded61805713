package refactor

import (
	"github.com/cqtools/cq/refactor/apply"
	"github.com/cqtools/cq/refactor/plan"
)

// valueFailures names the types taken by value in the groups that edited
// a file with a type error, with the error: Run plans again keeping their
// pointers, rather than refusing their conversion.
func valueFailures(pl *plan.Plan, errs []apply.TypeError) map[string]string {
	out := map[string]string{}
	for _, te := range errs {
		for _, g := range pl.Converted() {
			if len(g.ByValue) == 0 {
				continue
			}
			for _, ed := range g.Edits {
				if ed.File != te.File {
					continue
				}
				for _, t := range g.ByValue {
					if out[t.Name] == "" {
						out[t.Name] = "by value the rewrite would not type-check: " + te.Msg
					}
				}
				break
			}
		}
	}
	return out
}
