// Package tagstore keeps product tags in memory.
package tagstore

import (
	"context"
	"sort"
	"strings"
	"sync"

	"example.com/shop/pkg/services/shop"
)

// Store holds the tags, and a cache of single tags.
type Store struct {
	mu     sync.Mutex
	nextID int64
	tags   map[int64]*shop.Tag
	cache  map[int64]shop.Tag
	misses int
}

// New returns an empty store.
func New() *Store {
	return &Store{nextID: 1, tags: map[int64]*shop.Tag{}, cache: map[int64]shop.Tag{}}
}

func (s *Store) session(ctx context.Context, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return fn()
}

// GetTags lists every tag; it shares its helper with GetTagsByPrefix.
func (s *Store) GetTags(ctx context.Context, query *shop.GetTagsQuery) error {
	query.Prefix = ""
	return s.session(ctx, func() error { return getTagsInternal(query, s.tags) })
}

// GetTagsByPrefix lists the tags starting with the query's prefix.
func (s *Store) GetTagsByPrefix(ctx context.Context, query *shop.GetTagsQuery) error {
	return s.session(ctx, func() error { return getTagsInternal(query, s.tags) })
}

// getTagsInternal is the helper both producers share: it sets the
// Result through the query pointer it receives.
func getTagsInternal(query *shop.GetTagsQuery, tags map[int64]*shop.Tag) error {
	query.Result = make([]*shop.Tag, 0)
	for _, t := range tags {
		if strings.HasPrefix(t.Name, query.Prefix) {
			query.Result = append(query.Result, t)
		}
	}
	sort.Slice(query.Result, func(i, j int) bool { return query.Result[i].ID < query.Result[j].ID })
	return nil
}

// GetTag reads one tag.
func (s *Store) GetTag(ctx context.Context, query *shop.GetTagQuery) error {
	return s.session(ctx, func() error {
		s.misses++
		t, ok := s.tags[query.ID]
		if !ok {
			return shop.ErrTagNotFound
		}
		c := *t
		query.Result = &c
		return nil
	})
}

// GetTagCached answers from the cache, else asks GetTag and caches what
// it got: Result as a working variable, written on one path and read back
// after a forward on the other.
func (s *Store) GetTagCached(ctx context.Context, query *shop.GetTagQuery) error {
	if t, ok := s.cache[query.ID]; ok {
		query.Result = &t
		return nil
	}
	if err := s.GetTag(ctx, query); err != nil {
		return err
	}
	s.cache[query.ID] = *query.Result
	return nil
}

// CountTags is half-migrated: it returns the Result field itself.
func (s *Store) CountTags(ctx context.Context, query *shop.CountTagsQuery) (int64, error) {
	err := s.session(ctx, func() error {
		query.Result = int64(len(s.tags))
		return nil
	})
	return query.Result, err
}

// AddTag adds a tag.
func (s *Store) AddTag(ctx context.Context, cmd *shop.AddTagCommand) error {
	return s.session(ctx, func() error {
		t := &shop.Tag{ID: s.nextID, Name: cmd.Name}
		s.nextID++
		s.tags[t.ID] = t
		cmd.Result = t
		return nil
	})
}

// RenameTag is half-migrated with two channels that differ: it returns
// the old name and sets Result to the new one. Nobody reads the Result.
func (s *Store) RenameTag(ctx context.Context, cmd *shop.RenameTagCommand) (string, error) {
	var old string
	err := s.session(ctx, func() error {
		t, ok := s.tags[cmd.ID]
		if !ok {
			return shop.ErrTagNotFound
		}
		old, t.Name = t.Name, cmd.NewName
		delete(s.cache, cmd.ID)
		return nil
	})
	cmd.Result = cmd.NewName
	return old, err
}

// TagNames lists the names of the tags starting with prefix: the query
// is built here and run by names, which reads the Result itself.
func (s *Store) TagNames(ctx context.Context, prefix string) ([]string, error) {
	return s.names(ctx, &shop.GetTagsQuery{Prefix: prefix})
}

func (s *Store) names(ctx context.Context, query *shop.GetTagsQuery) ([]string, error) {
	if err := s.GetTagsByPrefix(ctx, query); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(query.Result))
	for _, t := range query.Result {
		out = append(out, t.Name)
	}
	return out, nil
}
