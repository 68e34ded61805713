package edit

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/imports"

	"github.com/cqtools/cq/internal/unusedimports"
)

// Apply applies non-overlapping edits to src (insertions at one offset
// keep their order) and formats the result, keeping CRLF line endings in a
// file whose first line ends so (gofmt writes LF).
func Apply(src []byte, edits []Edit, names map[string]string) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		// An insertion goes before a replacement starting at the same place.
		return edits[i].End-edits[i].Start < edits[j].End-edits[j].Start
	})
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.Start < at {
			return nil, fmt.Errorf("overlapping edits at offset %d", e.Start)
		}
		b.Write(src[at:e.Start])
		b.WriteString(e.New)
		at = e.End
	}
	b.Write(src[at:])
	out, err := formatSource([]byte(b.String()), names)
	if err != nil || !usesCRLF(src) {
		return out, err
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n")), nil
}

func usesCRLF(src []byte) bool {
	i := bytes.IndexByte(src, '\n')
	return i > 0 && src[i-1] == '\r'
}

// formatSource removes the imports the rewrite left unused (the Result
// field's type, for one) and gofmts src. names maps import paths to package
// names, as loaded: goimports would have to guess them or scan modules.
func formatSource(src []byte, names map[string]string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	opts := &imports.Options{Comments: true, TabIndent: true, TabWidth: 8, FormatOnly: true}
	deleted := unusedimports.Drop(fset, f, func(path string) string { return names[path] })
	if !deleted {
		return imports.Process("", src, opts)
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return imports.Process("", buf.Bytes(), opts)
}
