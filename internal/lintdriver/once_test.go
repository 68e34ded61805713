package lintdriver

import (
	"path/filepath"
	"strings"
	"testing"
)

// An interface and its implementation in a package that does not import
// it deviate alike: the finding is reported once, at the interface. An
// implementation of nothing reported keeps its own.
func TestReportedOnceAtTheInterface(t *testing.T) {
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/m\n\ngo 1.26\n")
	writeFile(t, filepath.Join(mod, "models", "models.go"), `package models

type GetItemQuery struct{ ID int64 }
`)
	writeFile(t, filepath.Join(mod, "api", "api.go"), `package api

import (
	"context"

	"example.com/m/models"
)

type Items interface {
	GetItem(ctx context.Context, q *models.GetItemQuery, limit int) error
}
`)
	writeFile(t, filepath.Join(mod, "store", "store.go"), `package store

import (
	"context"

	"example.com/m/models"
)

type Store struct{}

func (s *Store) GetItem(ctx context.Context, q *models.GetItemQuery, limit int) error { return nil }

type Other struct{}

func (o *Other) FindItem(ctx context.Context, q *models.GetItemQuery, limit int) error { return nil }
`)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "")
	t.Chdir(mod)
	stdout, stderr, code := cqlint("-signature.root-package=false", "./...")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s%s", code, ExitFindings, stdout, stderr)
	}
	var lines []string
	for l := range strings.Lines(strings.TrimSpace(stdout + stderr)) {
		if strings.Contains(l, "signature:") {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	want := []string{"api/api.go:10:2: signature: Items.GetItem", "store/store.go:15:17: signature: Other.FindItem"}
	if len(lines) != len(want) {
		t.Fatalf("got %d signature findings, want %d:\n%s", len(lines), len(want), strings.Join(lines, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("finding %d = %q, want it to contain %q", i, lines[i], w)
		}
	}
}
