package svc_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"example.com/doubles/svc"
	"example.com/doubles/svc/fakes"
)

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	f := &fakes.FakeStore{}
	f.GetThingStub = func(_ context.Context, q *svc.GetThingQuery) error {
		if q.ID == 7 {
			q.Result = &svc.Thing{ID: 7, Name: "bolt"}
		}
		return nil
	}
	if d, err := svc.Describe(ctx, f, 7); err != nil || d != "bolt (#7)" {
		t.Fatalf("Describe(7) = %q, %v", d, err)
	}
	if d, err := svc.Describe(ctx, f, 8); err != nil || d != "" {
		t.Fatalf("Describe(8) = %q, %v, want none", d, err)
	}
	f.GetThingStub = nil
	f.GetThingReturns(errors.New("down"))
	if _, err := svc.Describe(ctx, f, 9); err == nil || err.Error() != "down" {
		t.Fatalf("Describe(9): %v, want down", err)
	}
	if _, q := f.GetThingArgsForCall(0); q.ID != 7 {
		t.Fatalf("first call's query: %+v", q)
	}
}

func TestList(t *testing.T) {
	ctx := context.Background()
	f := &fakes.FakeStore{}
	f.ListThingsCalls(func(_ context.Context, q *svc.ListThingsQuery) error {
		q.Result = []*svc.Thing{{ID: 1, Name: q.Prefix + "olt"}, nil, {ID: 2, Name: q.Prefix + "racket"}}
		return nil
	})
	if names, err := svc.List(ctx, f, "b"); err != nil || !reflect.DeepEqual(names, []string{"bolt", "bracket"}) {
		t.Fatalf("List(b) = %v, %v", names, err)
	}
	f.ListThingsCalls(nil)
	f.ListThingsReturnsOnCall(1, errors.New("down"))
	if _, err := svc.List(ctx, f, "c"); err == nil || err.Error() != "down" {
		t.Fatalf("List(c): %v, want down", err)
	}
}

func TestCount(t *testing.T) {
	ctx := context.Background()
	f := &fakes.FakeStore{
		CountThingsStub: func(_ context.Context, q *svc.CountThingsQuery) error {
			if q.Prefix == "" {
				return errors.New("no prefix")
			}
			q.Result = int64(len(q.Prefix)) * 10
			return nil
		},
	}
	if n, err := svc.Count(ctx, f, "ab"); err != nil || n != 20 {
		t.Fatalf("Count(ab) = %d, %v", n, err)
	}
	if _, err := svc.Count(ctx, f, ""); err == nil {
		t.Fatal("Count(\"\"): want the store's error")
	}
	if f.CountThingsCallCount() != 2 {
		t.Fatalf("CountThings calls: %d", f.CountThingsCallCount())
	}
}

func TestExists(t *testing.T) {
	ctx := context.Background()
	f := &fakes.FakeStore{}
	f.ThingExistsCalls(func(_ context.Context, q *svc.ThingExistsQuery) error {
		q.Result = q.Name == "bolt"
		return nil
	})
	if ok, err := svc.Exists(ctx, f, "bolt"); err != nil || !ok {
		t.Fatalf("Exists(bolt) = %v, %v", ok, err)
	}
	if ok, err := svc.Exists(ctx, f, "nut"); err != nil || ok {
		t.Fatalf("Exists(nut) = %v, %v", ok, err)
	}
}

func TestCreate(t *testing.T) {
	ctx := context.Background()
	f := &fakes.FakeStore{}
	f.ThingExistsReturns(nil)
	f.CreateThingStub = func(_ context.Context, cmd *svc.CreateThingCommand) error {
		cmd.Result = 42
		return nil
	}
	if id, err := svc.Create(ctx, f, "nut"); err != nil || id != 42 {
		t.Fatalf("Create(nut) = %d, %v", id, err)
	}
	f.CreateThingStub = nil
	f.CreateThingReturns(errors.New("full"))
	if _, err := svc.Create(ctx, f, "washer"); err == nil || err.Error() != "full" {
		t.Fatalf("Create(washer): %v, want full", err)
	}

	taken := &fakes.FakeStore{}
	taken.ThingExistsStub = func(_ context.Context, q *svc.ThingExistsQuery) error {
		q.Result = true
		return nil
	}
	if _, err := svc.Create(ctx, taken, "bolt"); !errors.Is(err, svc.ErrExists) {
		t.Fatalf("Create(bolt): %v, want ErrExists", err)
	}
}
