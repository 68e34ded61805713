// Package command is naming/cqrs/command without expectations: without
// -cqmodel.command-packages nothing here is a command, and nothing is
// judged (no diagnostics).
package command

type ApproveTraining struct{ UUID string }

type TrainingApproval struct{ UUID string }
