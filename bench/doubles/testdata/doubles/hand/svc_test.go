package svc

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	f := &FakeStore{ExpectedThing: &Thing{ID: 7, Name: "bolt"}}
	if d, err := Describe(ctx, f, 7); err != nil || d != "bolt (#7)" {
		t.Fatalf("Describe(7) = %q, %v", d, err)
	}
	f.ExpectedThing = nil
	if d, err := Describe(ctx, f, 8); err != nil || d != "" {
		t.Fatalf("Describe(8) = %q, %v, want none", d, err)
	}
	f.ExpectedErr = errors.New("down")
	if _, err := Describe(ctx, f, 9); err == nil || err.Error() != "down" {
		t.Fatalf("Describe(9): %v, want down", err)
	}
	if len(f.GetThingQueries) != 3 || f.GetThingQueries[0].ID != 7 {
		t.Fatalf("GetThing queries: %+v", f.GetThingQueries)
	}
}

func TestList(t *testing.T) {
	ctx := context.Background()
	f := &FakeStore{ExpectedThings: []*Thing{{ID: 1, Name: "bolt"}, nil, {ID: 2, Name: "bracket"}}}
	if names, err := List(ctx, f, "b"); err != nil || !reflect.DeepEqual(names, []string{"bolt", "bracket"}) {
		t.Fatalf("List(b) = %v, %v", names, err)
	}
	f.ExpectedErr = errors.New("down")
	if _, err := List(ctx, f, "c"); err == nil {
		t.Fatal("List(c): want the store's error")
	}
}

func TestCount(t *testing.T) {
	ctx := context.Background()
	f := &FakeStore{ExpectedCount: 20}
	if n, err := Count(ctx, f, "ab"); err != nil || n != 20 {
		t.Fatalf("Count(ab) = %d, %v", n, err)
	}
	f.ExpectedErr = errors.New("down")
	if _, err := Count(ctx, f, ""); err == nil {
		t.Fatal("Count(\"\"): want the store's error")
	}
}

func TestExists(t *testing.T) {
	ctx := context.Background()
	f := &FakeStore{ExpectedExists: true}
	if ok, err := Exists(ctx, f, "bolt"); err != nil || !ok {
		t.Fatalf("Exists(bolt) = %v, %v", ok, err)
	}
	f.ExpectedExists = false
	if ok, err := Exists(ctx, f, "nut"); err != nil || ok {
		t.Fatalf("Exists(nut) = %v, %v", ok, err)
	}
}

func TestCreate(t *testing.T) {
	ctx := context.Background()
	f := &FakeStore{ExpectedID: 42}
	if id, err := Create(ctx, f, "nut"); err != nil || id != 42 {
		t.Fatalf("Create(nut) = %d, %v", id, err)
	}
	f.CreateErr = errors.New("full")
	if _, err := Create(ctx, f, "washer"); err == nil || err.Error() != "full" {
		t.Fatalf("Create(washer): %v, want full", err)
	}
	if !reflect.DeepEqual(f.CreatedNames, []string{"nut"}) {
		t.Fatalf("created: %v", f.CreatedNames)
	}
	taken := &FakeStore{ExpectedExists: true}
	if _, err := Create(ctx, taken, "bolt"); !errors.Is(err, ErrExists) {
		t.Fatalf("Create(bolt): %v, want ErrExists", err)
	}
}
