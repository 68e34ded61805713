// Package command holds commands without a suffix, as suffix-less CQRS
// code (app/command, app/query) does: with
// -cqmodel.command-packages=command its exported structs that a handler
// takes are commands; the unexported handlers are not.
package command

import "context"

type ApproveTraining struct{ UUID string }

type TrainingApproval struct{ UUID string } // want `naming: command TrainingApproval`

type approveTrainingHandler struct{}

func (h approveTrainingHandler) Handle(ctx context.Context, cmd ApproveTraining) error { return nil }

type approvalHandler struct{}

func (h approvalHandler) Handle(ctx context.Context, cmd TrainingApproval) error { return nil }
