// Package refactor removes legacy Result fields from commands and queries
// across a whole module or workspace: every producer returns the value as (U, error)
// instead of writing it into the request, and every interface, implementation
// and caller changes with it.
//
// The pipeline has five steps, each a function a test can drive alone, in
// the manner of the x/tools inliner:
//
//	Load    every main module (tests included), one go/packages load per
//	        build configuration; files no configuration includes are scanned
//	Plan    per type, in two steps: an analysis (analysis.go) describes it,
//	        immutable once made: its members (producers, forwarders,
//	        interface methods, implementations, fakes, testify mocks and
//	        their expectations, func fields and their literals), its call
//	        groups by function and query variable with their Result reads,
//	        its links to other types, and every refusal found; an emitter
//	        (emit.go and the files of each form: convert.go, samevalue.go,
//	        adapter.go, mock.go, funcfield.go) turns it into byte-range
//	        edits, or a refusal of its own (with --value-params,
//	        valueparams.go first decides whether the query goes by value
//	        and writes those edits); then safety.go refuses what is
//	        unsafe to write (excluded files, cgo, read-only, outside the
//	        main modules, or a symbolic link leading outside them)
//	Rewrite resolve the marks by which one type's edits move or depend on
//	        another's (compose.go), apply the edits, gofmt and fix imports
//	        of the changed files
//	Verify  re-type-check every changed package and its dependents in memory
//	Write   all files or none (internal/writer)
//
// A type the planner cannot convert without risking a change of meaning is
// refused, never half-converted; a refused type never blocks the others.
package refactor
