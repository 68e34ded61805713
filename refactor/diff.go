package refactor

import (
	"io"

	udiff "github.com/aymanbagabas/go-udiff"
)

// WriteDiff writes a unified diff (3 lines of context) of old against new
// for one file, with paths a/name and b/name. The line diff is Myers', in
// space linear in the size of the change, so a file with thousands of
// edits costs what its edits do, not its length squared.
func WriteDiff(w io.Writer, name string, old, new []byte) {
	io.WriteString(w, udiff.Unified("a/"+name, "b/"+name, string(old), string(new)))
}
