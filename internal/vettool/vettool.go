// Package vettool serves the go command's invocations of cq's vet tool
// (go vet -vettool, go fix -fixtool): unitchecker, except for the go vet
// actions that only ask a package for its analysis facts, when no
// analyzer has facts.
//
// go vet runs the tool once per package it vets and, with VetxOnly set,
// once per dependency of those, the standard library included, so that
// facts can flow from dependencies to dependents. unitchecker parses and
// type-checks each such dependency before finding that no analyzer wants
// it, and writes an empty facts file: on Grafana v9.0.0 those actions are
// most of the CPU time of go vet ./pkg/... . Without facts, their only
// product is that empty file, which Main writes without the parsing.
package vettool

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/cqtools/cq/internal/version"
)

// Invoked reports whether the go command runs the tool (go vet or go
// fix): it asks for the flags (-flags) or the version (-V=full), or hands
// over one package as a *.cfg file after the flags. Anything else is a
// standalone run.
func Invoked(args []string) bool {
	for _, a := range args {
		if a == "-flags" || a == "--flags" || strings.HasPrefix(a, "-V") || strings.HasPrefix(a, "--V") {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// Main serves the go command's invocation as unitchecker.Main does,
// answering -V and a facts-only go vet action itself (the latter when no
// analyzer uses facts). It does not return.
func Main(analyzers ...*analysis.Analyzer) {
	if v, ok := versionFlag(os.Args[1:]); ok {
		os.Exit(printVersion(os.Stdout, os.Stderr, progname()+" version "+version.String(), v))
	}
	if factsOnly(os.Args[1:], analyzers) {
		os.Exit(0)
	}
	unitchecker.Main(analyzers...)
}

func progname() string {
	return strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
}

// versionFlag returns the value of a -V flag in args ("true" for a bare
// -V), and whether there is one.
func versionFlag(args []string) (string, bool) {
	for _, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if name == "V" && strings.HasPrefix(a, "-") {
			if !hasValue {
				value = "true"
			}
			return value, true
		}
	}
	return "", false
}

// printVersion answers -V=value with line, "name version v", and
// returns the exit code. -V prints the line, for people; -V=full adds the sha256 of the executable
// as buildID=, for the go command. The go command keys its cache of vet
// results by that line: for a version containing "devel" it takes the
// buildID= field, which must come last, and for any other the whole line.
// With the content hash in both, results are recomputed whenever the
// binary changes, whatever its version says (unitchecker's own -V=full
// prints the hash and no version at all).
func printVersion(stdout, stderr io.Writer, line, value string) int {
	name, _, _ := strings.Cut(line, " ")
	switch value {
	case "true", "1", "t", "T", "TRUE", "True":
		fmt.Fprintln(stdout, line)
		return 0
	case "full":
		id, err := executableHash()
		if err != nil {
			fmt.Fprintf(stderr, "%s: -V=full: %v\n", name, err)
			return 2
		}
		fmt.Fprintf(stdout, "%s buildID=%s\n", line, id)
		return 0
	}
	fmt.Fprintf(stderr, "%s: unsupported flag value: -V=%s (use -V or -V=full)\n", name, value)
	return 2
}

// executableHash is the hex sha256 of the running executable's bytes.
func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// factsOnly handles the invocation args if it is a go vet action with
// VetxOnly set (a vet.cfg file, the last argument, says so) and no
// analyzer uses facts: it writes the empty facts file go vet expects, as
// unitchecker would, and reports true. For anything else, a config it
// cannot read included, it reports false and leaves the work, and the
// error messages, to unitchecker.
func factsOnly(args []string, analyzers []*analysis.Analyzer) bool {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") || usesFacts(analyzers, map[*analysis.Analyzer]bool{}) {
		return false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return false
	}
	var cfg struct {
		VetxOnly   bool
		VetxOutput string
	}
	if json.Unmarshal(data, &cfg) != nil || !cfg.VetxOnly || cfg.VetxOutput == "" {
		return false
	}
	return os.WriteFile(cfg.VetxOutput, nil, 0o666) == nil
}

// usesFacts reports whether an analyzer, or one it requires, has facts.
func usesFacts(analyzers []*analysis.Analyzer, seen map[*analysis.Analyzer]bool) bool {
	for _, a := range analyzers {
		if seen[a] {
			continue
		}
		seen[a] = true
		if len(a.FactTypes) > 0 || usesFacts(a.Requires, seen) {
			return true
		}
	}
	return false
}
