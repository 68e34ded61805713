// Package golangci is cq's golangci-lint v2 module plugin. Built into
// golangci-lint (golangci-lint custom, with .custom-gcl.yml naming this
// package), it adds the linter cq, which runs every cq analyzer.
//
// Its settings are the analyzers' flags, keyed by analyzer and flag name,
// so a setting means exactly what the same flag means to cqlint and
// go vet; an unknown analyzer, flag or value is an error:
//
//	linters:
//	  settings:
//	    custom:
//	      cq:
//	        type: module
//	        settings:
//	          cqmodel:
//	            query-suffixes: [Query, Request]
//	          signature:
//	            root-package: false
//	          disable: [naming]
package golangci

import (
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers"
)

// init registers the plugin, as golangci-lint module plugins must: the
// generated main imports this package for that side effect alone.
func init() { register.Plugin("cq", New) }

type plugin struct{ analyzers []*analysis.Analyzer }

// New decodes the settings into the analyzers' flags and returns the
// plugin.
func New(settings any) (register.LinterPlugin, error) {
	raw, err := register.DecodeSettings[map[string]any](settings)
	if err != nil {
		return nil, err
	}
	run, err := configure(analyzers.All, raw)
	if err != nil {
		return nil, fmt.Errorf("cq settings: %w", err)
	}
	return &plugin{run}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information: every cq rule needs it.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// configure sets the analyzers' flags from the settings and returns the
// analyzers not disabled.
func configure(all []*analysis.Analyzer, raw map[string]any) ([]*analysis.Analyzer, error) {
	byName := map[string]*analysis.Analyzer{}
	var names []string
	for _, a := range all {
		byName[a.Name] = a
		names = append(names, a.Name)
	}
	var disabled []string
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		value := raw[key]
		if key == "disable" {
			list, err := stringList(value)
			if err != nil {
				return nil, fmt.Errorf("disable: %v", err)
			}
			for _, name := range list {
				if byName[name] == nil {
					return nil, fmt.Errorf("disable: unknown analyzer %q (analyzers: %s)", name, strings.Join(names, ", "))
				}
			}
			disabled = list
			continue
		}
		a := byName[key]
		if a == nil {
			return nil, fmt.Errorf("unknown key %q: want disable or an analyzer (%s)", key, strings.Join(names, ", "))
		}
		flags, ok := value.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: want a map of its flags, not %v", key, value)
		}
		for _, name := range slices.Sorted(maps.Keys(flags)) {
			f := a.Flags.Lookup(name)
			if f == nil {
				var known []string
				a.Flags.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
				return nil, fmt.Errorf("%s: unknown setting %q (settings: %s)", key, name, strings.Join(known, ", "))
			}
			s, err := flagValue(flags[name])
			if err == nil {
				err = f.Value.Set(s)
			}
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %v", key, name, err)
			}
		}
	}
	return slices.DeleteFunc(slices.Clone(all), func(a *analysis.Analyzer) bool { return slices.Contains(disabled, a.Name) }), nil
}

// flagValue is a setting as its flag would be written: a list joined by
// commas, a bool or number as Go prints it.
func flagValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case []any:
		list, err := stringList(v)
		return strings.Join(list, ","), err
	}
	return "", fmt.Errorf("want a string, bool, number or list of strings, not %v", v)
}

func stringList(v any) ([]string, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of strings, not %v", v)
	}
	var out []string
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			return nil, fmt.Errorf("want a list of strings, not %v", v)
		}
		out = append(out, s)
	}
	return out, nil
}
