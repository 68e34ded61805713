package svc

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/golang/mock/gomock"
)

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(gomock.NewController(t))
	gomock.InOrder(
		m.EXPECT().GetThing(gomock.Any(), gomock.Any()).Do(func(_ context.Context, q *GetThingQuery) {
			q.Result = &Thing{ID: q.ID, Name: "bolt"}
		}).Return(nil),
		m.EXPECT().GetThing(gomock.Any(), gomock.Any()).Return(nil),
		m.EXPECT().GetThing(gomock.Any(), gomock.Any()).Return(errors.New("down")),
	)
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
	m := NewMockStore(gomock.NewController(t))
	m.EXPECT().ListThings(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, q *ListThingsQuery) error {
		q.Result = []*Thing{{ID: 1, Name: q.Prefix + "olt"}, nil, {ID: 2, Name: q.Prefix + "racket"}}
		return nil
	})
	m.EXPECT().ListThings(gomock.Any(), gomock.Any()).Return(errors.New("down"))
	if names, err := List(ctx, m, "b"); err != nil || !reflect.DeepEqual(names, []string{"bolt", "bracket"}) {
		t.Fatalf("List(b) = %v, %v", names, err)
	}
	if _, err := List(ctx, m, "c"); err == nil {
		t.Fatal("List(c): want the store's error")
	}
}

func TestCount(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(gomock.NewController(t))
	m.EXPECT().CountThings(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, q *CountThingsQuery) error {
		if q.Prefix == "" {
			return errors.New("no prefix")
		}
		q.Result = int64(len(q.Prefix)) * 10
		return nil
	}).AnyTimes()
	if n, err := Count(ctx, m, "ab"); err != nil || n != 20 {
		t.Fatalf("Count(ab) = %d, %v", n, err)
	}
	if _, err := Count(ctx, m, ""); err == nil {
		t.Fatal("Count(\"\"): want the store's error")
	}
}

func TestExists(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(gomock.NewController(t))
	m.EXPECT().ThingExists(gomock.Any(), gomock.Any()).Do(func(_ context.Context, q *ThingExistsQuery) {
		q.Result = q.Name == "bolt"
	}).Return(nil).Times(2)
	if ok, err := Exists(ctx, m, "bolt"); err != nil || !ok {
		t.Fatalf("Exists(bolt) = %v, %v", ok, err)
	}
	if ok, err := Exists(ctx, m, "nut"); err != nil || ok {
		t.Fatalf("Exists(nut) = %v, %v", ok, err)
	}
}

func TestCreate(t *testing.T) {
	ctx := context.Background()
	m := NewMockStore(gomock.NewController(t))
	m.EXPECT().ThingExists(gomock.Any(), gomock.Any()).Return(nil).Times(2)
	m.EXPECT().CreateThing(gomock.Any(), gomock.Any()).Do(func(_ context.Context, cmd *CreateThingCommand) {
		cmd.Result = 42
	}).Return(nil)
	m.EXPECT().CreateThing(gomock.Any(), gomock.Any()).Return(errors.New("full"))
	if id, err := Create(ctx, m, "nut"); err != nil || id != 42 {
		t.Fatalf("Create(nut) = %d, %v", id, err)
	}
	if _, err := Create(ctx, m, "washer"); err == nil || err.Error() != "full" {
		t.Fatalf("Create(washer): %v, want full", err)
	}

	taken := NewMockStore(gomock.NewController(t))
	taken.EXPECT().ThingExists(gomock.Any(), gomock.Any()).Do(func(_ context.Context, q *ThingExistsQuery) {
		q.Result = true
	}).Return(nil)
	if _, err := Create(ctx, taken, "bolt"); !errors.Is(err, ErrExists) {
		t.Fatalf("Create(bolt): %v, want ErrExists", err)
	}
}
