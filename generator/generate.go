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

	"github.com/cqtools/cq/templates"
)

// Generate loads the packages cfg names, once, and returns the files that
// their directives call for, sorted by path. Bad input is an Errors, every
// problem with its position; then nothing should be written.
func Generate(cfg Config) ([]File, error) {
	tmpl, err := templates.Load(cfg.TemplateDir)
	if err != nil {
		return nil, err
	}
	pkgs, fset, err := load(cfg)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, nil
	}
	roots, errs := buildRoots(pkgs, fset)
	if len(errs) > 0 {
		return nil, errs
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
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// Stale returns the paths of the files whose content on disk differs from
// what was generated, or that do not exist.
func Stale(files []File) ([]string, error) {
	var stale []string
	for _, f := range files {
		old, err := os.ReadFile(f.Path)
		switch {
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
// written are they renamed into place. It returns the paths it wrote.
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
	for _, f := range files {
		if isStale[f.Path] {
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
	return wrote, nil
}
