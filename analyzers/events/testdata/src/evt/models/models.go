package models

// CreateUserCommand is a legacy command: its Result field makes it one
// wherever it is seen.
type CreateUserCommand struct {
	Name   string
	Result int64
}

// GetUserQuery is a query by its suffix.
type GetUserQuery struct{ ID int64 }

type User struct{}
