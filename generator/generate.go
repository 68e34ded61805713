package generator

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/templates"
)

// Generate loads the packages cfg names, once, and returns the files that
// their directives call for, sorted by path; a File with nil Content is
// output of a package that has no directive left, to be removed. Bad input is an Errors, every
// problem with its position; then nothing should be written.
func Generate(cfg Config) ([]File, error) {
	tmpl, err := templates.Load(cfg.TemplateDir)
	if err != nil {
		return nil, err
	}
	pkgs, fset, bare, err := load(cfg)
	if err != nil {
		return nil, err
	}
	model := cfg.Model
	if model == nil {
		model = cqmodel.DefaultConfig()
	}
	roots, errs := buildRoots(pkgs, fset, model)
	if len(errs) > 0 {
		return nil, errs
	}
	isRoot := map[string]bool{}
	for _, r := range roots {
		isRoot[r.dir] = true
	}
	for _, p := range pkgs {
		if p.Dir != "" && !isRoot[p.Dir] {
			bare = append(bare, p.Dir)
		}
	}
	orphans, err := orphaned(bare)
	if err != nil {
		return nil, err
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
	return files, nil
}

// generatedHeader is how a file cqgen wrote begins, whatever the templates.
var generatedHeader = []byte(cqmodel.GeneratedHeader)

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
		if !bytes.HasPrefix(content, generatedHeader) {
			continue
		}
		out = append(out, File{Path: svc})
		if name := packageName(content); name != "" {
			for _, f := range []string{FakeFile, MockFile} {
				p := filepath.Join(dir, name+"test", f)
				if c, err := os.ReadFile(p); err == nil && bytes.HasPrefix(c, generatedHeader) {
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

// Write writes the files that changed, all or none: each goes to a
// temporary file beside its target first, and only when every one is
// written are they renamed into place; files with nil Content are then
// removed. It returns the paths it wrote or removed.
func Write(files []File) ([]string, error) {
	changed := make([]File, 0, len(files))
	stale, err := Stale(files)
	if err != nil {
		return nil, err
	}
	isStale := map[string]bool{}
	for _, p := range stale {
		isStale[p] = true
	}
	var removals []string
	for _, f := range files {
		switch {
		case !isStale[f.Path]:
		case f.Content == nil:
			removals = append(removals, f.Path)
		default:
			changed = append(changed, f)
		}
	}
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range changed {
		if err := os.MkdirAll(filepath.Dir(f.Path), 0o777); err != nil {
			cleanup()
			return nil, err
		}
		tmp, err := os.CreateTemp(filepath.Dir(f.Path), ".cqgen-*.tmp")
		if err != nil {
			cleanup()
			return nil, err
		}
		temps = append(temps, tmp.Name())
		_, werr := tmp.Write(f.Content)
		cerr := tmp.Close()
		if werr != nil || cerr != nil {
			cleanup()
			return nil, fmt.Errorf("writing %s: %v", f.Path, errors.Join(werr, cerr))
		}
		// CreateTemp makes the file 0600; generated source is ordinary source.
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			cleanup()
			return nil, err
		}
	}
	var wrote []string
	for i, f := range changed {
		if err := os.Rename(temps[i], f.Path); err != nil {
			temps = temps[i:]
			cleanup()
			return wrote, fmt.Errorf("renaming into %s: %v (files renamed before it: %v)", f.Path, err, wrote)
		}
		wrote = append(wrote, f.Path)
	}
	// Removals come last: until every new file is in place, the old
	// output stays whole.
	for _, p := range removals {
		if err := os.Remove(p); err != nil {
			return wrote, err
		}
		wrote = append(wrote, p)
	}
	return wrote, nil
}
