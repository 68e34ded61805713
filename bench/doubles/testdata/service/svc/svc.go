// Package svc is the service of the test doubles matrix (bench/doubles):
// four queries and a command with legacy Result fields of different types,
// the Store interface that handles them, a real implementation, and
// callers that read and nil-check Result.
package svc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Thing is what the store keeps.
type Thing struct {
	ID   int64
	Name string
}

// GetThingQuery gets one thing by id: nil when there is none.
type GetThingQuery struct {
	ID     int64
	Result *Thing
}

// ListThingsQuery lists the things whose name starts with Prefix.
type ListThingsQuery struct {
	Prefix string
	Result []*Thing
}

// CountThingsQuery counts the things whose name starts with Prefix.
type CountThingsQuery struct {
	Prefix string
	Result int64
}

// ThingExistsQuery says whether a thing has that name.
type ThingExistsQuery struct {
	Name   string
	Result bool
}

// CreateThingCommand creates a thing; Result is its new id.
type CreateThingCommand struct {
	Name   string
	Result int64
}

// Store handles the queries and the command.
type Store interface {
	GetThing(ctx context.Context, q *GetThingQuery) error
	ListThings(ctx context.Context, q *ListThingsQuery) error
	CountThings(ctx context.Context, q *CountThingsQuery) error
	ThingExists(ctx context.Context, q *ThingExistsQuery) error
	CreateThing(ctx context.Context, cmd *CreateThingCommand) error
}

// ErrExists is returned by Create for a name already taken.
var ErrExists = errors.New("thing exists")

// DB is the real Store, in memory.
type DB struct {
	mu     sync.Mutex
	things []*Thing
}

func (db *DB) GetThing(ctx context.Context, q *GetThingQuery) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	for _, t := range db.things {
		if t.ID == q.ID {
			q.Result = t
			return nil
		}
	}
	return nil
}

func (db *DB) ListThings(ctx context.Context, q *ListThingsQuery) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	var found []*Thing
	for _, t := range db.things {
		if strings.HasPrefix(t.Name, q.Prefix) {
			found = append(found, t)
		}
	}
	q.Result = found
	return nil
}

func (db *DB) CountThings(ctx context.Context, q *CountThingsQuery) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	n := 0
	for _, t := range db.things {
		if strings.HasPrefix(t.Name, q.Prefix) {
			n++
		}
	}
	q.Result = int64(n)
	return nil
}

func (db *DB) ThingExists(ctx context.Context, q *ThingExistsQuery) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	for _, t := range db.things {
		if t.Name == q.Name {
			q.Result = true
			return nil
		}
	}
	return nil
}

func (db *DB) CreateThing(ctx context.Context, cmd *CreateThingCommand) error {
	if cmd.Name == "" {
		return errors.New("a thing needs a name")
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	t := &Thing{ID: int64(len(db.things) + 1), Name: cmd.Name}
	db.things = append(db.things, t)
	cmd.Result = t.ID
	return nil
}

// Describe returns "name (#id)" of a thing, or "" when the store has none.
func Describe(ctx context.Context, s Store, id int64) (string, error) {
	q := &GetThingQuery{ID: id}
	if err := s.GetThing(ctx, q); err != nil {
		return "", err
	}
	if q.Result == nil {
		return "", nil
	}
	return fmt.Sprintf("%s (#%d)", q.Result.Name, q.Result.ID), nil
}

// List returns the names of the things whose name starts with prefix.
func List(ctx context.Context, s Store, prefix string) ([]string, error) {
	q := ListThingsQuery{Prefix: prefix}
	if err := s.ListThings(ctx, &q); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(q.Result))
	for _, t := range q.Result {
		if t != nil {
			names = append(names, t.Name)
		}
	}
	return names, nil
}

// Count returns how many things' names start with prefix.
func Count(ctx context.Context, s Store, prefix string) (int64, error) {
	q := CountThingsQuery{Prefix: prefix}
	if err := s.CountThings(ctx, &q); err != nil {
		return 0, err
	}
	return q.Result, nil
}

// Exists says whether a thing has that name.
func Exists(ctx context.Context, s Store, name string) (bool, error) {
	q := &ThingExistsQuery{Name: name}
	if err := s.ThingExists(ctx, q); err != nil {
		return false, err
	}
	return q.Result, nil
}

// Create creates a thing of a name not yet taken and returns its id.
func Create(ctx context.Context, s Store, name string) (int64, error) {
	taken, err := Exists(ctx, s, name)
	if err != nil {
		return 0, err
	}
	if taken {
		return 0, ErrExists
	}
	cmd := &CreateThingCommand{Name: name}
	if err := s.CreateThing(ctx, cmd); err != nil {
		return 0, err
	}
	if cmd.Result <= 0 {
		return 0, fmt.Errorf("the store gave %q no id", name)
	}
	return cmd.Result, nil
}
