package gomod

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMissing(t *testing.T) {
	t.Setenv("GOWORK", "")
	t.Setenv("GOFLAGS", "")
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	var nm *NoModuleError
	err := Missing(sub)
	if !errors.As(err, &nm) || nm.Dir != sub || !strings.Contains(err.Error(), "no go.mod in "+sub) {
		t.Errorf("Missing(%s) = %v, want a NoModuleError naming it", sub, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Missing(sub); err != nil {
		t.Errorf("with go.mod in the parent: %v", err)
	}
}
