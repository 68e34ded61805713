// Package folders creates folders.
package folders

import (
	"context"
	"errors"
)

// folderCreateCommand asks for a folder.
//
//cq:command
type folderCreateCommand struct {
	Title string
}

// DashboardQuery is exported: its importers are out of a pass's sight, so
// it is reported without a fix.
//
//cq:query
type DashboardQuery struct {
	UID string
}

type Service struct{ titles []string }

func (s *Service) create(ctx context.Context, cmd *folderCreateCommand) error {
	if cmd.Title == "" {
		return errors.New("no title")
	}
	s.titles = append(s.titles, cmd.Title)
	return nil
}

// audited embeds the command: its field is renamed with the type.
type audited struct {
	folderCreateCommand
	By string
}

func (a audited) title() string { return a.folderCreateCommand.Title }

// Create creates a folder.
func (s *Service) Create(ctx context.Context, title string) error {
	return s.create(ctx, &folderCreateCommand{Title: title})
}
