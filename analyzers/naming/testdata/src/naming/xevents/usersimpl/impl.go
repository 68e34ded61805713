package usersimpl

import (
	"context"

	"naming/xevents/users"
)

type Bus interface {
	Publish(ctx context.Context, msg any) error
	AddEventListener(handler any)
}

type Service struct{ bus Bus }

func (s *Service) Create(ctx context.Context) error {
	_ = s.bus.Publish(ctx, &users.CreateUser{ID: 1}) // want `naming: event users.CreateUser \(declared at naming/xevents/users/users.go:5:6, an event by this use\) is in the imperative, not the past tense: an event is named in the past tense; rename it to UserCreated`
	_ = s.bus.Publish(ctx, &users.CreateUser{ID: 2}) // once per package: at the first call
	_ = s.bus.Publish(ctx, &users.UserDeleted{ID: 1})
	//cqlint:ignore naming kept until the v10 rename
	_ = s.bus.Publish(ctx, users.SendWelcome{ID: 1})
	_ = s.bus.Publish(ctx, &users.GetUserQuery{})
	_ = s.bus.Publish(ctx, &users.LegacyAudit{})
	_ = s.bus.Publish(ctx, &users.StartImport{})
	s.bus.AddEventListener(s.onOrgJoin) // want `event users.OrgJoin \(declared at naming/xevents/users/users.go:11:6, an event by this use\) ends in the base form Join, not the past tense: .*; rename it to OrgJoined`
	return nil
}

func (s *Service) onOrgJoin(ctx context.Context, e *users.OrgJoin) error { return nil }
