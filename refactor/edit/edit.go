// Package edit is the refactoring's rewriting stage: byte-range edits of
// source files, the markers by which one type's edits depend on another's
// (a moved range, a declaration another statement shares), their
// composition over the types that convert, and applying them with gofmt
// and the imports fixed.
package edit

// An Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       string
	Start, End int
	New        string
}
