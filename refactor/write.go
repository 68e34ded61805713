package refactor

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// WriteFiles writes every file at once: each new content goes to a
// temporary file beside its target first, and only when all are written
// are they renamed over the originals, so a failure leaves the old tree.
func WriteFiles(files map[string][]byte) error {
	names := sortedNames(files)
	tmps := map[string]string{}
	cleanup := func() {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
	for _, name := range names {
		mode := os.FileMode(0o644)
		if fi, err := os.Stat(name); err == nil {
			mode = fi.Mode().Perm()
		}
		f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".cqgen-*")
		if err != nil {
			cleanup()
			return err
		}
		tmps[name] = f.Name()
		_, werr := f.Write(files[name])
		cerr := f.Close()
		if err := firstErr(werr, cerr, os.Chmod(f.Name(), mode)); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %v", name, err)
		}
	}
	for _, name := range names {
		if err := os.Rename(tmps[name], name); err != nil {
			cleanup()
			return fmt.Errorf("renaming into %s: %v", name, err)
		}
		delete(tmps, name)
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
