package refactor

import (
	"os"
	"testing"
)

func TestDebug(t *testing.T) {
	dir := os.Getenv("CQ_DEBUG_DIR")
	if dir == "" {
		t.Skip()
	}
	_, err := Run(Options{Dir: dir, Mode: ModeDiff, Progress: os.Stderr})
	if err != nil {
		t.Fatal(err)
	}
}
