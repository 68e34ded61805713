//go:build cqextra

package kettle

// DescaleCommand exists only with -tags cqextra.
//
//cq:command service=Store
type DescaleCommand struct{}
