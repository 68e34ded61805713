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
	"encoding/json"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
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
// answering a facts-only go vet action itself when no analyzer uses
// facts. It does not return.
func Main(analyzers ...*analysis.Analyzer) {
	if factsOnly(os.Args[1:], analyzers) {
		os.Exit(0)
	}
	unitchecker.Main(analyzers...)
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
