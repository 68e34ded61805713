// Package users follows a team's own policy: queries end in Query or
// Request, commands in Command or Mutation (the -cqmodel.query-suffixes
// and -cqmodel.command-suffixes settings). cqlint, cqgen generate and cqgen
// refactor must see the same commands and queries here.
package users

import "context"

type User struct {
	ID   int64
	Name string
}

// GetUserRequest reads one user; its handler still fills in Result.
//
//cq:query
type GetUserRequest struct {
	ID     int64
	Result *User
}

// ListUsersRequest has a Result field and no directive.
type ListUsersRequest struct {
	Result []*User
}

// RenameUserMutation renames a user.
//
//cq:command
type RenameUserMutation struct {
	ID   int64
	Name string
}

// CountUsersQuery keeps the default suffix.
//
//cq:query result=int
type CountUsersQuery struct{}

// UserResponse is an HTTP DTO: no message, whatever the policy.
type UserResponse struct {
	Result *User `json:"result"`
}

// Store is implemented by usersimpl.
type Store interface {
	ListUsers(ctx context.Context, q *ListUsersRequest) error
	RenameUser(ctx context.Context, cmd RenameUserMutation) error
}
