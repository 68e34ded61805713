// Package sdk exports a family of types named after one noun: the
// payload of ActionHandler's contract is no command to rename. A command
// without a verb outside such a family is reported, and takes the verb
// of the one method that takes it.
package sdk

import "context"

type ActionCommand struct{ Name string }

type ActionResponse struct{ OK bool }

type ActionHandler interface {
	ExecuteAction(ctx context.Context, cmd ActionCommand) (ActionResponse, error)
}

type QuotaCommand struct{ Limit int } // want `command QuotaCommand has no verb in the imperative \(Quota is not one\): a command is named in the imperative; rename it to RaiseQuotaCommand`

type Publisher interface {
	RaiseQuota(ctx context.Context, cmd QuotaCommand) error
}
