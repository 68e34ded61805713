package refactor

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/generator"
	"github.com/cqtools/cq/refactor/plan"
	"github.com/cqtools/cq/refactor/program"
)

// regenerate brings cqgen's generated files in line with the rewritten
// sources, so that cqgen generate --check passes after the refactoring:
// for the root package of every converted type that has a //cq:
// directive and whose cq_service.gen.go cqgen wrote, it runs the
// generator in memory over the rewritten files (a go/packages overlay),
// and adds to files the generated files whose content changes. Running
// the generator itself, rather than editing its output, makes them
// byte-identical to what cqgen generate writes; they are verified with
// the rest. Only files that exist are replaced: what cqgen generate
// would add or remove besides is left to it.
func regenerate(prog *program.Program, pl *plan.Plan, dir, tags string, files map[string][]byte) error {
	roots := map[string]bool{}
	for _, g := range pl.Converted() {
		for _, t := range g.Types {
			if dirs, _ := cqmodel.FileDirectives(t.File); dirs[t.Spec] == nil {
				continue
			}
			root := filepath.Dir(prog.At(t.File.Package).Filename)
			if svc, err := os.ReadFile(filepath.Join(root, generator.ServiceFile)); err == nil && generator.IsGenerated(svc) {
				roots[root] = true
			}
		}
	}
	if len(roots) == 0 {
		return nil
	}
	patterns := make([]string, 0, len(roots))
	for r := range roots {
		patterns = append(patterns, r)
	}
	sort.Strings(patterns)
	cfg := generator.Config{Dir: dir, Patterns: patterns, Overlay: files}
	if tags != "" {
		cfg.Tags = strings.Split(tags, ",")
	}
	out, err := generator.Generate(cfg)
	if err != nil {
		return fmt.Errorf("cqgen generate fails on the rewritten %s, so its generated files cannot be brought in line; nothing was written:\n%v", strings.Join(patterns, ", "), err)
	}
	for _, f := range out {
		old := prog.Source(f.Path)
		if f.Content == nil || !generator.IsGenerated(old) || bytes.Equal(old, f.Content) {
			continue
		}
		files[f.Path] = f.Content
	}
	return nil
}
