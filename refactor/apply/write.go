package apply

import (
	"errors"
	"maps"
	"slices"

	"github.com/cqtools/cq/internal/gomod"
	"github.com/cqtools/cq/internal/writer"
	"github.com/cqtools/cq/refactor/program"
)

// WriteFiles writes the rewritten files all or none, through the writer
// package: a failure or an interrupt at any step leaves every file as it
// was, a crash leaves a journal for the next command's writer.Recover
// (at the root gomod.JournalDirs names first), a symbolic link is written
// through when what it points to is in a main module, and a file whose
// content is no longer what the rewrite started from stops the write
// before anything is written.
func WriteFiles(prog *program.Program, files map[string][]byte) error {
	changes := make([]writer.Change, 0, len(files))
	for _, name := range slices.Sorted(maps.Keys(files)) {
		changes = append(changes, writer.Change{
			Path:    name,
			Content: files[name],
			Was:     &writer.Snapshot{Exists: true, Content: prog.Source(name)},
		})
	}
	journal, err := gomod.JournalDirs(prog.Dir)
	if err != nil {
		return err
	}
	if len(journal) == 0 {
		return errors.New(prog.Dir + " is in no module: nothing was written")
	}
	roots := make([]string, 0, len(prog.Modules))
	for _, m := range prog.Modules {
		roots = append(roots, m.Dir)
	}
	return writer.Apply(changes, writer.Options{Journal: journal[0], Roots: roots})
}
