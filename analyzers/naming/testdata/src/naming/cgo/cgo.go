// Package cgo imports "C": the analyzers see cgo's output, not this file,
// so a rename's edits could not be applied to this file.
package cgo

// static int one(void) { return 1; }
import "C"

//cq:command
type teamDeleteCommand struct{ ID int } // want `rename it to deleteTeamCommand \(no fix: the package uses cgo\)`

func handle(cmd *teamDeleteCommand) int { return cmd.ID + int(C.one()) }
