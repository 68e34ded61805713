// Package emit turns one type's flow.Analysis into byte-range edits
// (package edit): producers return (U, error), callers take the value
// where they read Result, interfaces, fakes, testify mocks and their
// expectations, func fields and adapters follow. An emission may refuse
// its type (a shape it cannot rewrite with the same meaning), never
// another one; the names it reserves in the shared Names table are
// released when it does.
//
// Emit reads the analysis and never changes it, so the same analysis can
// be emitted again, with other feedback, by the next plan.
package emit
