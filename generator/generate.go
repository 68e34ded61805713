package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/gomod"
	"github.com/cqtools/cq/internal/writer"
	"github.com/cqtools/cq/templates"
)

// Generate loads the packages cfg names, once, and returns the files that
// their directives call for, sorted by path; a File with nil Content is
// output of a package that has no directive left (or no mock any more),
// to be removed. Bad input is an Errors, every problem with its
// position; then nothing should be written.
func Generate(cfg Config) ([]File, error) {
	tmpl, err := templates.Load(cfg.TemplateDir)
	if err != nil {
		return nil, err
	}
	early := askEarly(cfg)
	ld, err := load(cfg)
	if err != nil {
		return nil, err
	}
	model := cfg.Model
	if model == nil {
		model = cqmodel.DefaultConfig()
	}
	roots, errs := buildRoots(ld.pkgs, ld.fset, model)
	errs = append(ld.errs, errs...)
	if err := decideMocks(cfg, roots, early); err != nil {
		return nil, err
	}
	var outputs []File
	for _, r := range roots {
		names, err := r.checkNames(ld.fset)
		if err != nil {
			return nil, err
		}
		errs = append(errs, names...)
		for _, p := range r.outputs() {
			outputs = append(outputs, File{Path: p})
		}
	}
	notOurs, err := checkOutputs(outputs)
	if err != nil {
		return nil, err
	}
	pkgs := map[string]string{}
	for _, r := range roots {
		pkgs[r.dir] = r.pkg.Name
		pkgs[filepath.Dir(r.fakePath())] = r.pkg.Name + "test"
	}
	otherPkgs, err := checkPackages(pkgs)
	if err != nil {
		return nil, err
	}
	errs = append(errs, otherPkgs...)
	if err := sortedErrors(append(errs, notOurs...)); err != nil {
		return nil, err
	}
	isRoot := map[string]bool{}
	bare := ld.bare
	for _, r := range roots {
		isRoot[r.dir] = true
	}
	for _, p := range ld.pkgs {
		if p.Dir != "" && !isRoot[p.Dir] {
			bare = append(bare, p.Dir)
		}
	}
	orphans, err := orphaned(bare)
	if err != nil {
		return nil, err
	}
	for _, r := range roots {
		if !r.mocks {
			// A mock cqgen wrote before is stale now: testify is gone,
			// or mocks were switched off.
			if c, err := os.ReadFile(r.mockPath()); err == nil && IsGenerated(c) {
				orphans = append(orphans, File{Path: r.mockPath()})
			}
		}
	}
	// Formatting the output is most of a run's CPU time after the load;
	// roots are independent, so render them on every core.
	rendered := make([][]File, len(roots))
	errs2 := make([]error, len(roots))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, r := range roots {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			// A template is safe for concurrent execution.
			rendered[i], errs2[i] = render(r, tmpl)
		}()
	}
	wg.Wait()
	var files []File
	for i := range roots {
		if errs2[i] != nil {
			return nil, errs2[i]
		}
		files = append(files, rendered[i]...)
	}
	files = append(files, orphans...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	if ld.matched && len(files) == 0 {
		cfg.note("no //cq:command or //cq:query directive in %s: nothing to generate", strings.Join(patternsOf(cfg), " "))
	}
	return files, nil
}

func patternsOf(cfg Config) []string {
	if len(cfg.Patterns) == 0 {
		return []string{"."}
	}
	return cfg.Patterns
}

// orphaned returns, as files with nil Content (to be removed), what cqgen
// wrote in dirs, packages that no longer have any directive: their
// ServiceFile and the test doubles next to it. Only files that start with
// cqgen's header count, so nothing written by hand is ever removed.
func orphaned(dirs []string) ([]File, error) {
	var out []File
	for _, dir := range dedupe(dirs) {
		svc := filepath.Join(dir, ServiceFile)
		content, err := os.ReadFile(svc)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !IsGenerated(content) {
			continue
		}
		out = append(out, File{Path: svc})
		if name := packageName(content); name != "" {
			for _, f := range []string{FakeFile, MockFile} {
				p := filepath.Join(dir, name+"test", f)
				if c, err := os.ReadFile(p); err == nil && IsGenerated(c) {
					out = append(out, File{Path: p})
				}
			}
		}
	}
	return out, nil
}

// packageName reads the package clause of a generated file.
func packageName(src []byte) string {
	for _, line := range bytes.Split(src, []byte("\n")) {
		if name, ok := bytes.CutPrefix(line, []byte("package ")); ok {
			return string(bytes.TrimSpace(name))
		}
	}
	return ""
}

// Stale returns the paths of the files whose content on disk differs from
// what was generated, that do not exist, or that exist and should not.
func Stale(files []File) ([]string, error) {
	var stale []string
	for _, f := range files {
		old, err := os.ReadFile(f.Path)
		switch {
		case f.Content == nil:
			if err == nil {
				stale = append(stale, f.Path) // to be removed
			}
		case errors.Is(err, os.ErrNotExist):
			stale = append(stale, f.Path)
		case err != nil:
			return nil, err
		case !bytes.Equal(old, f.Content):
			stale = append(stale, f.Path)
		}
	}
	return stale, nil
}

// Write writes the files that changed and removes those with nil
// Content, all or none, through the writer package, inside the main
// modules of layout (gomod.Locate of the directory the patterns are
// relative to, asked while Generate loads), with the journal at the root
// its JournalDirs names first. A file at an output path that cqgen did
// not write is an error, as in Generate: it may have appeared since. It
// returns the paths it wrote or removed.
func Write(layout *gomod.Layout, files []File) ([]string, error) {
	var changes []writer.Change
	var paths []string
	for _, f := range files {
		was, err := writer.Read(f.Path)
		if err != nil {
			return nil, err
		}
		switch {
		case was.Exists && !IsGenerated(was.Content):
			return nil, Errors{notOurs(f.Path)}
		case f.Content == nil && !was.Exists:
			continue
		case f.Content != nil && was.Exists && bytes.Equal(was.Content, f.Content):
			continue
		}
		changes = append(changes, writer.Change{Path: f.Path, Content: f.Content, Remove: f.Content == nil, Was: was})
		paths = append(paths, f.Path)
	}
	if len(changes) == 0 {
		return nil, nil
	}
	journal, err := layout.JournalDirs()
	if err != nil {
		return nil, err
	}
	if len(journal) == 0 {
		return nil, fmt.Errorf("%s is in no module: nothing was written", layout.Dir)
	}
	roots, err := layout.MainModules()
	if err != nil {
		return nil, err
	}
	if err := writer.Apply(changes, writer.Options{Journal: journal[0], Roots: roots}); err != nil {
		return nil, err
	}
	return paths, nil
}
