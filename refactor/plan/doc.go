// Package plan decides every type's fate in one place. A Planner holds
// one immutable flow.Analysis per type; each Plan is made from those and
// a Feedback (types to refuse, with their reasons; types that keep their
// pointer): one emission per type (package emit), types linked by copying
// Result or served by one adapter grouped and converted or refused
// together, then the checks of the edits as a whole (files that must not
// be rewritten or lead outside the main modules through a symbolic link,
// edits that overlap) refuse more, and the plan is made again without
// them. A plan is never changed once made.
//
// Rewrite composes a plan's edits (package edit) into the new text of
// every changed file.
package plan
