package svc

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	m := &StoreMock{
		GetThingFunc: func(_ context.Context, q *GetThingQuery) error {
			switch q.ID {
			case 7:
				q.Result = &Thing{ID: 7, Name: "bolt"}
			case 9:
				return errors.New("down")
			}
			return nil
		},
	}
	if d, err := Describe(ctx, m, 7); err != nil || d != "bolt (#7)" {
		t.Fatalf("Describe(7) = %q, %v", d, err)
	}
	if d, err := Describe(ctx, m, 8); err != nil || d != "" {
		t.Fatalf("Describe(8) = %q, %v, want none", d, err)
	}
	if _, err := Describe(ctx, m, 9); err == nil || err.Error() != "down" {
		t.Fatalf("Describe(9): %v, want down", err)
	}
	if calls := m.GetThingCalls(); len(calls) != 3 || calls[0].Q.ID != 7 {
		t.Fatalf("GetThing calls: %+v", calls)
	}
}

func TestList(t *testing.T) {
	ctx := context.Background()
	m := &StoreMock{}
	m.ListThingsFunc = func(_ context.Context, q *ListThingsQuery) error {
		if q.Prefix == "c" {
			return errors.New("down")
		}
		q.Result = []*Thing{{ID: 1, Name: q.Prefix + "olt"}, nil, {ID: 2, Name: q.Prefix + "racket"}}
		return nil
	}
	if names, err := List(ctx, m, "b"); err != nil || !reflect.DeepEqual(names, []string{"bolt", "bracket"}) {
		t.Fatalf("List(b) = %v, %v", names, err)
	}
	if _, err := List(ctx, m, "c"); err == nil {
		t.Fatal("List(c): want the store's error")
	}
}

func TestCount(t *testing.T) {
	ctx := context.Background()
	count := func(_ context.Context, q *CountThingsQuery) error {
		if q.Prefix == "" {
			return errors.New("no prefix")
		}
		q.Result = int64(len(q.Prefix)) * 10
		return nil
	}
	m := &StoreMock{CountThingsFunc: count}
	if n, err := Count(ctx, m, "ab"); err != nil || n != 20 {
		t.Fatalf("Count(ab) = %d, %v", n, err)
	}
	if _, err := Count(ctx, m, ""); err == nil {
		t.Fatal("Count(\"\"): want the store's error")
	}
}

func TestExists(t *testing.T) {
	ctx := context.Background()
	m := &StoreMock{
		ThingExistsFunc: func(_ context.Context, q *ThingExistsQuery) error {
			q.Result = q.Name == "bolt"
			return nil
		},
	}
	if ok, err := Exists(ctx, m, "bolt"); err != nil || !ok {
		t.Fatalf("Exists(bolt) = %v, %v", ok, err)
	}
	if ok, err := Exists(ctx, m, "nut"); err != nil || ok {
		t.Fatalf("Exists(nut) = %v, %v", ok, err)
	}
}

func TestCreate(t *testing.T) {
	ctx := context.Background()
	m := &StoreMock{
		ThingExistsFunc: func(_ context.Context, q *ThingExistsQuery) error {
			q.Result = q.Name == "bolt"
			return nil
		},
		CreateThingFunc: func(_ context.Context, cmd *CreateThingCommand) error {
			if cmd.Name != "nut" {
				return errors.New("full")
			}
			cmd.Result = 42
			return nil
		},
	}
	if id, err := Create(ctx, m, "nut"); err != nil || id != 42 {
		t.Fatalf("Create(nut) = %d, %v", id, err)
	}
	if _, err := Create(ctx, m, "washer"); err == nil || err.Error() != "full" {
		t.Fatalf("Create(washer): %v, want full", err)
	}
	if _, err := Create(ctx, m, "bolt"); !errors.Is(err, ErrExists) {
		t.Fatalf("Create(bolt): %v, want ErrExists", err)
	}
	if n := len(m.CreateThingCalls()); n != 2 {
		t.Fatalf("CreateThing calls: %d, want 2", n)
	}
}
