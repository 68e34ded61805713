package refactor

import (
	"sort"

	"github.com/cqtools/cq/internal/writer"
)

// WriteFiles writes the rewritten files all or none, through the writer
// package: a failure or an interrupt at any step leaves every file as it
// was, a symbolic link is written through, and a file whose content is no
// longer what the rewrite started from stops the write before anything
// is written.
func WriteFiles(prog *Program, files map[string][]byte) error {
	changes := make([]writer.Change, 0, len(files))
	for _, name := range sortedNames(files) {
		changes = append(changes, writer.Change{
			Path:    name,
			Content: files[name],
			Was:     &writer.Snapshot{Exists: true, Content: prog.source(name)},
		})
	}
	return writer.Apply(changes)
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
