package svc

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// TestDB runs the callers on the real store; it is the same in every row.
func TestDB(t *testing.T) {
	ctx := context.Background()
	db := &DB{}
	for i, name := range []string{"bolt", "bracket", "nut"} {
		id, err := Create(ctx, db, name)
		if err != nil || id != int64(i+1) {
			t.Fatalf("Create(%q) = %d, %v", name, id, err)
		}
	}
	if _, err := Create(ctx, db, "nut"); !errors.Is(err, ErrExists) {
		t.Fatalf("Create(nut) again: %v, want ErrExists", err)
	}
	if _, err := Create(ctx, db, ""); err == nil {
		t.Fatal("Create(\"\"): want an error")
	}
	if d, err := Describe(ctx, db, 2); err != nil || d != "bracket (#2)" {
		t.Fatalf("Describe(2) = %q, %v", d, err)
	}
	if d, err := Describe(ctx, db, 9); err != nil || d != "" {
		t.Fatalf("Describe(9) = %q, %v", d, err)
	}
	if names, err := List(ctx, db, "b"); err != nil || !reflect.DeepEqual(names, []string{"bolt", "bracket"}) {
		t.Fatalf("List(b) = %v, %v", names, err)
	}
	if n, err := Count(ctx, db, "b"); err != nil || n != 2 {
		t.Fatalf("Count(b) = %d, %v", n, err)
	}
	if ok, err := Exists(ctx, db, "bolt"); err != nil || !ok {
		t.Fatalf("Exists(bolt) = %v, %v", ok, err)
	}
}
