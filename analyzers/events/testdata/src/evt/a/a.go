package a

import (
	"context"

	"evt/events"
	"evt/models"
)

type Bus interface {
	Publish(ctx context.Context, msg any) error
	AddEventListener(handler any)
}

type DashboardSaved struct{}

type SaveDashboardCommand struct{}

type Service struct{ bus Bus }

func (s *Service) publish(ctx context.Context) {
	_ = s.bus.Publish(ctx, &events.UserCreated{})
	_ = s.bus.Publish(ctx, &DashboardSaved{})
	_ = s.bus.Publish(ctx, &models.CreateUserCommand{}) // want `events: \*models\.CreateUserCommand is a command, not an event: only events \(named in the past tense, like UserCreated\) are given to Publish; call the method of the service that handles \*models\.CreateUserCommand instead`
	_ = s.bus.Publish(ctx, models.GetUserQuery{ID: 1})  // want `events: models\.GetUserQuery is a query, not an event`
	_ = s.bus.Publish(ctx, &SaveDashboardCommand{})     // want `events: \*SaveDashboardCommand is a command, not an event`
	_ = s.bus.Publish(ctx, &models.User{})              // not a message: an event by use
	//cqlint:ignore events published for the legacy audit log, see #123
	_ = s.bus.Publish(ctx, &models.CreateUserCommand{})
}

func (s *Service) listen() {
	s.bus.AddEventListener(s.onUserCreated)
	s.bus.AddEventListener(s.onOrgUpdatedNoContext)                        // want `events: event handler onOrgUpdatedNoContext given to AddEventListener is func\(e \*events\.OrgUpdated\) error: want func\(ctx context.Context, e \*events\.OrgUpdated\) error \(it takes no context.Context\)`
	s.bus.AddEventListener(s.onSavedByValue)                               // want `is func\(ctx context.Context, e DashboardSaved\) error: want func\(ctx context.Context, e \*DashboardSaved\) error \(it takes the event by value\)`
	s.bus.AddEventListener(s.onSavedNoError)                               // want `\(it does not return just an error\)`
	s.bus.AddEventListener(s.onCommand)                                    // want `\(it handles a command, not an event\)`
	s.bus.AddEventListener(func(ctx context.Context) error { return nil }) // want `event handler func literal given to AddEventListener is func\(ctx context.Context\) error: want func\(ctx context.Context, e \*E\) error \(it takes no event\)`
	s.bus.AddEventListener(func(ctx context.Context, e *DashboardSaved) error { return nil })
	var h any = s.onUserCreated
	s.bus.AddEventListener(h) // an interface: nothing to check
}

func (s *Service) onUserCreated(ctx context.Context, e *events.UserCreated) error { return nil }
func (s *Service) onOrgUpdatedNoContext(e *events.OrgUpdated) error               { return nil }
func (s *Service) onSavedByValue(ctx context.Context, e DashboardSaved) error     { return nil }
func (s *Service) onSavedNoError(ctx context.Context, e *DashboardSaved)          {}
func (s *Service) onCommand(ctx context.Context, e *models.CreateUserCommand) error {
	return nil
}

// Live is a pub/sub client: its Publish takes no struct.
type Live struct{}

func (Live) Publish(channel string, data []byte) error { return nil }

func live(l Live) { _ = l.Publish("ch", []byte("x")) }
