package svc

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/mock"
)

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(t)
	m.EXPECT().GetThing(mock.Anything, mock.Anything).Run(func(_ context.Context, q *GetThingQuery) {
		q.Result = &Thing{ID: 7, Name: "bolt"}
	}).Return(nil).Once()
	m.EXPECT().GetThing(mock.Anything, mock.Anything).Return(nil).Once()
	m.EXPECT().GetThing(mock.Anything, mock.Anything).Return(errors.New("down")).Once()
	if d, err := Describe(ctx, m, 7); err != nil || d != "bolt (#7)" {
		t.Fatalf("Describe(7) = %q, %v", d, err)
	}
	if d, err := Describe(ctx, m, 8); err != nil || d != "" {
		t.Fatalf("Describe(8) = %q, %v, want none", d, err)
	}
	if _, err := Describe(ctx, m, 9); err == nil || err.Error() != "down" {
		t.Fatalf("Describe(9): %v, want down", err)
	}
}

func TestList(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(t)
	m.On("ListThings", mock.Anything, mock.AnythingOfType("*svc.ListThingsQuery")).Run(func(args mock.Arguments) {
		q := args.Get(1).(*ListThingsQuery)
		q.Result = []*Thing{{ID: 1, Name: q.Prefix + "olt"}, nil, {ID: 2, Name: q.Prefix + "racket"}}
	}).Return(nil).Once()
	m.On("ListThings", mock.Anything, mock.Anything).Return(errors.New("down")).Once()
	if names, err := List(ctx, m, "b"); err != nil || !reflect.DeepEqual(names, []string{"bolt", "bracket"}) {
		t.Fatalf("List(b) = %v, %v", names, err)
	}
	if _, err := List(ctx, m, "c"); err == nil {
		t.Fatal("List(c): want the store's error")
	}
}

func TestCount(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(t)
	m.On("CountThings", mock.Anything, mock.Anything).Return(func(_ context.Context, q *CountThingsQuery) error {
		if q.Prefix == "" {
			return errors.New("no prefix")
		}
		q.Result = int64(len(q.Prefix)) * 10
		return nil
	})
	if n, err := Count(ctx, m, "ab"); err != nil || n != 20 {
		t.Fatalf("Count(ab) = %d, %v", n, err)
	}
	if _, err := Count(ctx, m, ""); err == nil {
		t.Fatal("Count(\"\"): want the store's error")
	}
}

func TestExists(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(t)
	m.EXPECT().ThingExists(mock.Anything, mock.Anything).RunAndReturn(func(_ context.Context, q *ThingExistsQuery) error {
		q.Result = q.Name == "bolt"
		return nil
	}).Times(2)
	if ok, err := Exists(ctx, m, "bolt"); err != nil || !ok {
		t.Fatalf("Exists(bolt) = %v, %v", ok, err)
	}
	if ok, err := Exists(ctx, m, "nut"); err != nil || ok {
		t.Fatalf("Exists(nut) = %v, %v", ok, err)
	}
}

func TestCreate(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(t)
	m.EXPECT().ThingExists(mock.Anything, mock.Anything).Return(nil).Times(2)
	m.EXPECT().CreateThing(mock.Anything, mock.MatchedBy(func(cmd *CreateThingCommand) bool { return cmd.Name == "nut" })).Run(func(_ context.Context, cmd *CreateThingCommand) {
		cmd.Result = 42
	}).Return(nil).Once()
	m.EXPECT().CreateThing(mock.Anything, mock.Anything).Return(errors.New("full")).Once()
	if id, err := Create(ctx, m, "nut"); err != nil || id != 42 {
		t.Fatalf("Create(nut) = %d, %v", id, err)
	}
	if _, err := Create(ctx, m, "washer"); err == nil || err.Error() != "full" {
		t.Fatalf("Create(washer): %v, want full", err)
	}

	taken := NewMockStore(t)
	taken.EXPECT().ThingExists(mock.Anything, mock.Anything).Run(func(_ context.Context, q *ThingExistsQuery) {
		q.Result = true
	}).Return(nil).Once()
	if _, err := Create(ctx, taken, "bolt"); !errors.Is(err, ErrExists) {
		t.Fatalf("Create(bolt): %v, want ErrExists", err)
	}
}
