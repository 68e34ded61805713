// Package linked suppresses resultfield and naming at once, in a test
// binary that links resultfield alone: every cq rule is a rule a
// suppression may name, whichever analyzers a build (nogo, a
// golangci-lint plugin, this test) links in.
package linked

type Thing struct{ ID int64 }

type GetThingQuery struct {
	ID int64
	//cqlint:ignore resultfield,naming legacy, tracked in the migration issue
	Result *Thing
}
