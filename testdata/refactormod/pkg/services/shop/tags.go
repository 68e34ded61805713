package shop

import "errors"

// The tag queries exercise the hard cases of issue 10 (see EXPECTED.md,
// "Tags"): a helper shared by producers, Result as a working variable, a
// query built in one function and run in another, and a half-migrated
// producer whose two channels differ.

// Tag is a product tag.
type Tag struct {
	ID   int64
	Name string
}

// GetTagsQuery lists the tags whose name starts with Prefix.
type GetTagsQuery struct {
	Prefix string
	Result []*Tag
}

// GetTagQuery gets one tag by ID.
type GetTagQuery struct {
	ID     int64
	Result *Tag
}

// CountTagsQuery counts the tags.
type CountTagsQuery struct {
	Result int64
}

// AddTagCommand adds a tag.
type AddTagCommand struct {
	Name   string
	Result *Tag
}

// RenameTagCommand renames a tag; the store returns the old name.
type RenameTagCommand struct {
	ID      int64
	NewName string
	Result  string
}

// ErrTagNotFound is returned for an unknown tag ID.
var ErrTagNotFound = errors.New("tag not found")
