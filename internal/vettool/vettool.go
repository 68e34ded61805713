// Package vettool is the main function of cq's vet tool: the go/analysis
// multichecker, except for the go vet actions that only ask a package for
// its analysis facts, when no analyzer has facts.
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
	"golang.org/x/tools/go/analysis/multichecker"
)

// Main runs the analyzers as multichecker.Main does, answering a
// facts-only go vet action itself when none of them uses facts.
func Main(analyzers ...*analysis.Analyzer) {
	if factsOnly(os.Args[1:], analyzers) {
		os.Exit(0)
	}
	multichecker.Main(analyzers...)
}

// factsOnly handles the invocation args if it is a go vet action with
// VetxOnly set (a vet.cfg file, the last argument, says so) and no
// analyzer uses facts: it writes the empty facts file go vet expects, as
// unitchecker would, and reports true. For anything else, a config it
// cannot read included, it reports false and leaves the work, and the
// error messages, to multichecker.
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
