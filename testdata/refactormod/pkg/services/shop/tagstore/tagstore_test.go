package tagstore_test

import (
	"context"
	"errors"
	"testing"

	"example.com/shop/pkg/services/shop"
	"example.com/shop/pkg/services/shop/tagstore"
)

// createTag is a test helper that runs the command its callers build;
// they read the Result back.
func createTag(t *testing.T, s *tagstore.Store, cmd *shop.AddTagCommand) {
	t.Helper()
	if err := s.AddTag(context.Background(), cmd); err != nil {
		t.Fatal(err)
	}
}

func seed(t *testing.T) *tagstore.Store {
	s := tagstore.New()
	for _, name := range []string{"spoon", "fork", "spork"} {
		cmd := shop.AddTagCommand{Name: name}
		createTag(t, s, &cmd)
		if cmd.Result.Name != name {
			t.Fatalf("created %q, want %q", cmd.Result.Name, name)
		}
	}
	return s
}

func TestGetTags(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	all := shop.GetTagsQuery{Prefix: "sp"}
	if err := s.GetTags(ctx, &all); err != nil {
		t.Fatal(err)
	}
	if len(all.Result) != 3 || all.Result[0].Name != "spoon" || all.Result[2].ID != 3 {
		t.Errorf("GetTags: %+v", all.Result)
	}
	sp := shop.GetTagsQuery{Prefix: "sp"}
	if err := s.GetTagsByPrefix(ctx, &sp); err != nil {
		t.Fatal(err)
	}
	if len(sp.Result) != 2 || sp.Result[1].Name != "spork" {
		t.Errorf("GetTagsByPrefix: %+v", sp.Result)
	}
	none := shop.GetTagsQuery{Prefix: "knife"}
	if err := s.GetTagsByPrefix(ctx, &none); err != nil {
		t.Fatal(err)
	}
	if none.Result == nil || len(none.Result) != 0 {
		t.Errorf("an empty list must be empty, not nil: %#v", none.Result)
	}
}

func TestTagNames(t *testing.T) {
	s := seed(t)
	names, err := s.TagNames(context.Background(), "f")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[0] != "fork" {
		t.Errorf("TagNames: %v", names)
	}
}

func TestGetTagCached(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		q := shop.GetTagQuery{ID: 2}
		if err := s.GetTagCached(ctx, &q); err != nil {
			t.Fatal(err)
		}
		if q.Result.Name != "fork" {
			t.Errorf("round %d: %+v", i, q.Result)
		}
	}
	// The second read came from the cache: renaming shows in GetTag only.
	if _, err := s.RenameTag(ctx, &shop.RenameTagCommand{ID: 2, NewName: "trident"}); err != nil {
		t.Fatal(err)
	}
	q := shop.GetTagQuery{ID: 2}
	if err := s.GetTagCached(ctx, &q); err != nil || q.Result.Name != "trident" {
		t.Errorf("after a rename: %+v, %v", q.Result, err)
	}
	missing := shop.GetTagQuery{ID: 9}
	if err := s.GetTagCached(ctx, &missing); !errors.Is(err, shop.ErrTagNotFound) {
		t.Errorf("missing tag: %v", err)
	}
}

func TestCountAndRename(t *testing.T) {
	s := seed(t)
	ctx := context.Background()
	n, err := s.CountTags(ctx, &shop.CountTagsQuery{})
	if err != nil || n != 3 {
		t.Errorf("CountTags: %d, %v", n, err)
	}
	old, err := s.RenameTag(ctx, &shop.RenameTagCommand{ID: 1, NewName: "ladle"})
	if err != nil || old != "spoon" {
		t.Errorf("RenameTag: %q, %v", old, err)
	}
	if _, err := s.RenameTag(ctx, &shop.RenameTagCommand{ID: 7, NewName: "x"}); !errors.Is(err, shop.ErrTagNotFound) {
		t.Errorf("renaming a missing tag: %v", err)
	}
}
