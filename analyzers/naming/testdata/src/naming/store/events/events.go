// Package events is named like a package of events, but holds an
// aggregate store beside them: events are data, and a struct with a
// method that takes arguments is behaviour, not an event; Event, the
// base the events embed, is named by the suffix alone.
package events

import "context"

type Event struct{ ID string }

func (e *Event) EventID() string { return e.ID }

type AggregateStore struct{}

func (s *AggregateStore) Save(ctx context.Context, id string) error { return nil }

type NoSnapshotStrategy struct{}

func (NoSnapshotStrategy) ShouldTakeSnapshot(version int) bool { return false }

// OrderPlaced is an event: data, with a getter.
type OrderPlaced struct {
	Event
	OrderID string
}

type PlaceOrder struct{ OrderID string } // want `event PlaceOrder is in the imperative`
