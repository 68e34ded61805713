package a

import "context"

// folderCreateCommand is renamed everywhere in the package, doc comment
// included.
//
//cq:command
type folderCreateCommand struct { // want `rename it to createFolderCommand`
	Title string
}

func handleFolderCreate(ctx context.Context, cmd *folderCreateCommand) error {
	var other folderCreateCommand
	_ = other
	_ = []folderCreateCommand{{Title: cmd.Title}}
	w := wrapper{folderCreateCommand: *cmd}
	_ = w.folderCreateCommand.Title
	_ = w.Title
	return nil
}

// wrapper embeds the command: the field's name changes with the type's.
type wrapper struct {
	*helper
	folderCreateCommand
}

//cq:event
type userCreation struct{} // want `rename it to userCreated`

func notify(ctx context.Context, b Bus) error {
	return b.Publish(ctx, userCreation{})
}

//cq:event
type sendReport struct{} // want `rename it to reportSent \(no fix: reportSent is already used in the package\)`

func reportSent() {}

//cq:command
type teamDeleteCommand struct{} // want `rename it to deleteTeamCommand \(no fix: teams_windows.go, which this run does not analyze, may use it\)`
