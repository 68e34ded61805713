// Package refactor removes legacy Result fields from commands and queries
// across a whole module or workspace: every producer returns the value as (U, error)
// instead of writing it into the request, and every interface, implementation
// and caller changes with it.
//
// The pipeline has five steps, each a function a test can drive alone, in
// the manner of the x/tools inliner, and each stage is a package, so the
// imports show the pipeline: cmd/cqgen -> refactor -> refactor/plan ->
// refactor/emit -> refactor/flow -> refactor/program, with refactor/edit
// and refactor/apply beside them. This package selects the types,
// orchestrates the steps and describes the outcome:
//
//	Load    (refactor/program) every main module (tests included), one
//	        go/packages load per build configuration; files no
//	        configuration includes are scanned
//	Plan    per type, an analysis (refactor/flow), computed once and
//	        immutable: its members (producers, forwarders, interface
//	        methods, implementations, fakes, testify mocks and their
//	        expectations, func fields and their literals), its call groups
//	        by function and query variable with their Result reads, its
//	        links to other types, the write summary of its producers, the
//	        flows of its values, and every refusal found. Then
//	        (refactor/plan) Planner.Plan decides every type's fate in one
//	        place: an emission (refactor/emit; with --value-params, the
//	        by-value pass first) turns each analysis into byte-range edits
//	        or a refusal of its own, and the checks of the edits as a
//	        whole (files that must not be rewritten or lead outside the
//	        main modules through a symbolic link; overlapping edits)
//	        refuse more. A plan is never changed once made: what a later
//	        step learns (a linked type the selection leaves out, a rewrite
//	        that does not type-check, a by-value rewrite to undo) is a
//	        Feedback, and the next plan is made from the same analyses and
//	        it, with fresh emissions, so a refused type releases its names
//	        and edits.
//	Rewrite (refactor/plan, refactor/edit) resolve the marks by which one
//	        type's edits move or depend on another's, apply the edits,
//	        gofmt and fix imports of the changed files
//	Verify  (refactor/apply) re-type-check every changed package and its
//	        dependents in memory
//	Write   (refactor/apply) all files or none (internal/writer)
//
// A type the planner cannot convert without risking a change of meaning is
// refused, never half-converted; a refused type never blocks the others.
package refactor
