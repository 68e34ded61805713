// Package sdkfamily exports a handler contract under one noun: its
// payload ActionCommand is data, so ActionHandler is no service whose
// methods to reshape. A command outside such a family is a request.
package sdkfamily

import "context"

type ActionCommand struct{ Name string }

type ActionResponse struct{ OK bool }

type ActionHandler interface {
	ExecuteAction(ctx context.Context, cmd ActionCommand, attempt int) ActionResponse
}

type RenameThingCommand struct{ Name string }

type Things interface {
	RenameThing(ctx context.Context, cmd RenameThingCommand, attempt int) error // want `Things.RenameThing is not shaped`
}
