package refactor

import (
	"fmt"
	"maps"
	"slices"

	"github.com/cqtools/cq/refactor/program"
)

// checkEditable is the last line of defence before anything is written or
// diffed: every file about to change must be a source file of a main
// module. Planning refuses types that would edit anything else, so a file
// here that is not is a bug, and nothing is written.
func checkEditable(prog *program.Program, files map[string][]byte) error {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !prog.IsMainSource(name) {
			return fmt.Errorf("internal error (please report): the rewrite would change %s, which is not a source file of a main module; nothing was written", name)
		}
	}
	return nil
}
