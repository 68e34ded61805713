package usersimpl

import (
	"context"

	"example.com/policy/pkg/users"
)

type Store struct{ users map[int64]*users.User }

var _ users.Store = (*Store)(nil)

func (s *Store) GetUser(ctx context.Context, q *users.GetUserRequest) error {
	q.Result = s.users[q.ID]
	return nil
}

func (s *Store) ListUsers(ctx context.Context, q *users.ListUsersRequest) error {
	for _, u := range s.users {
		q.Result = append(q.Result, u)
	}
	return nil
}

func (s *Store) RenameUser(ctx context.Context, cmd users.RenameUserMutation) error {
	s.users[cmd.ID].Name = cmd.Name
	return nil
}

// Name reads a user's name through the legacy query.
func (s *Store) Name(ctx context.Context, id int64) (string, error) {
	q := users.GetUserRequest{ID: id}
	if err := s.GetUser(ctx, &q); err != nil {
		return "", err
	}
	return q.Result.Name, nil
}
