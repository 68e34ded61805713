package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
)

const oldSrc = `package m

func Get(q *Q) error {
	if q.ID < 0 {
		return errBad
	}
	q.Result = 1
	return nil
}

func Use(q *Q) error {
	if err := Get(q); err != nil {
		return err
	}
	err := other()
	return err
}
`

// newSrc is what an idiom-blind rewrite writes: a return of a variable
// nothing assigned yet, and an err2.
const newSrc = `package m

func Get(q *Q) (int, error) {
	var result int
	if q.ID < 0 {
		return result, errBad
	}
	result = 1
	for i := 0; i < 2; i++ {
		if i == 1 {
			return result, nil
		}
		result++
	}
	return result, nil
}

func Use(q *Q) error {
	result, err2 := Get(q)
	if err := err2; err != nil {
		return err
	}
	_ = result
	err := other()
	return err
}
`

func TestCounts(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "m.go"), []byte(oldSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	var diff bytes.Buffer
	diff.WriteString(udiff.Unified("a/m.go", "b/m.go", oldSrc, newSrc))
	diff.WriteString("converted 1 types: m.Q\n  m.go:1:1: m.R: a summary line after the diff\n")
	path := filepath.Join(dir, "d.diff")
	if err := os.WriteFile(path, diff.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := readDiff(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("%d files", len(files))
	}
	got, err := files[0].apply(oldSrc)
	if err != nil || got != newSrc {
		t.Fatalf("apply: %v\n%s", err, got)
	}
	var c counts
	if err := c.file("m.go", []byte(oldSrc), []byte(got)); err != nil {
		t.Fatal(err)
	}
	// result (var) and i in Get, result in Use; err2 is a rename, not a
	// variable; of Get's three returns of result only the first is
	// provably unassigned (the loop's is reached after an assignment in
	// an earlier iteration).
	want := counts{files: 1, funcs: 2, introduced: 3, decls: 1, generic: 2, returns: 3, unassigned: 1, errRenames: 1}
	if len(c.unassignedAt) != 1 || len(c.errsAt) != 1 {
		t.Errorf("positions: %v, %v", c.unassignedAt, c.errsAt)
	}
	c.unassignedAt, c.errsAt = nil, nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("counts = %+v, want %+v", c, want)
	}
}
