// Package events defines an Analyzer that checks how events are published
// and listened for.
//
// # Analyzer events
//
// events: event handlers are shaped func(ctx context.Context, e *E) error
// and only events are published
//
// A function given to a bus listener method (AddEventListener; set with
// -cqmodel.listener-methods) handles an event: it takes a
// context.Context and a pointer to the event struct, and returns an
// error, like
//
//	func (s *Service) handleUserCreated(ctx context.Context, e *events.UserCreated) error
//
// Reported: a handler without the context (Grafana's legacy
// func(e *events.SignUpStarted) error), with the event by value, with
// other parameters or results, or whose parameter is a command or a query.
//
// A value given to a bus publish method (Publish; set with
// -cqmodel.publish-methods) is an event. Reported: a command or query
// published (bus.Publish(ctx, &CreateUserCommand{...})), which should be
// dispatched to its service instead.
//
// The listener and publish method names are cqmodel's; only calls whose
// last argument is a function (listeners) or a named struct or pointer to
// one (publish) are considered, so unrelated methods of the same name,
// such as a pub/sub Publish(channel string, data []byte), are left alone.
// What a type from another package is follows cqmodel's rules for
// imported types: its package (events), its suffix (Event, Command,
// Query, Cmd) and its Result field. The name of an event type from
// another package published here is the naming analyzer's to judge.
package events
