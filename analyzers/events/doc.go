// Package events defines an Analyzer that checks how events are published
// and listened for.
//
// # Analyzer events
//
// events: event handlers are shaped func(ctx context.Context, e *E) error, and only events are published
//
// A function given to a bus listener method (AddEventListener; set with
// -cqmodel.listener-methods) handles an event: it takes a
// context.Context and a pointer to the event struct, and returns an
// error. Reported: a handler without the context (Grafana's legacy
// func(e *events.SignUpStarted) error), with the event by value, with
// other parameters or results, or whose parameter is a command or a query.
// A listener argument of interface type cannot be checked and is skipped.
//
// A value given to a bus publish method (Publish; set with
// -cqmodel.publish-methods) is an event. Reported: a command or query
// published (bus.Publish(ctx, &CreateUserCommand{...})), which should be
// dispatched to its service instead.
//
// The listener and publish method names are cqmodel's; only calls whose
// last argument is a function (listeners) or a named struct or pointer to
// one (publish) are considered, and a publish method only when it is
// shaped like a bus (after an optional context.Context, one payload of an
// interface type, not variadic, returning at most an error), so unrelated
// methods of the same name, such as a pub/sub Publish(topic string,
// messages ...*Message), are left alone.
// What a type from another package is follows cqmodel's rules for
// imported types: its package (events), its suffix (Event, Command,
// Query, Cmd) and its Result field. The name of an event type from
// another package published here is the naming analyzer's to judge.
//
// # Why
//
// An event handler runs inside the publisher's call: it needs the
// publisher's context for tracing and cancellation, gets the event by
// pointer as every listener of it does, and returns an error the bus can
// report. Publishing a command or query instead of an event hides a
// request behind a notification: the caller cannot know who handles it or
// read an answer; calling the handling service's method says both.
//
// # Bad
//
//	bus.AddEventListener(s.onSignUp)              // events: event handler onSignUp given to AddEventListener is func(evt *events.SignUpStarted) error: want func(ctx context.Context, e *events.SignUpStarted) error (it takes no context.Context)
//	bus.Publish(ctx, &models.CreateUserCommand{}) // events: *models.CreateUserCommand is a command, not an event: ...
//
// # Good
//
//	func (s *Service) onSignUp(ctx context.Context, evt *events.SignUpStarted) error
//
//	bus.Publish(ctx, &events.UserCreated{ID: id})
//
// # Fix
//
// Give the handler the shape the message names (add the context, take the
// event by pointer, return only an error); publish an event, or call the
// method of the service that handles the command or query. No suggested
// fix: a handler's signature is also its callers' and tests'.
//
// # Suppress
//
// Write //cqlint:ignore events <reason> on the line of the call, or the
// line above it (suppress).
package events
