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
//
// An issue reads as cqlint's finding does, the rule named once:
// "resultfield: GetThingQuery.Result (*Thing) is filled in ... (cq)".
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
	return &plugin{unprefixed(run, analyzers.All)}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information: every cq rule needs it.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// unprefixed returns the analyzers as golangci-lint should run them:
// without the rule id that every cq message starts with. The analyzers
// put it there (analyzers/suppress) because go vet prints no analyzer
// name; golangci-lint prints the analyzer's name in front of the message
// of a linter with several analyzers, so that with the id the rule would
// appear twice ("resultfield: resultfield: ... (cq)").
//
// Each analyzer of ours (one of cq's, or one that requires one) is
// replaced by a copy whose Run runs the original's with a pass that
// drops the prefix from what it reports; a copy requires the copies of
// what the original requires, so the graph keeps its shape and each
// analyzer still runs once per package. The pass names the original
// analyzer and holds its requirements' results under the originals,
// which is how the rules look them up. Analyzers not of ours (x/tools'
// inspect, say) stay themselves, shared with golangci-lint's other
// linters.
func unprefixed(run, ours []*analysis.Analyzer) []*analysis.Analyzer {
	copies := map[*analysis.Analyzer]*analysis.Analyzer{}
	var copyOf func(*analysis.Analyzer) *analysis.Analyzer
	copyOf = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c, ok := copies[a]; ok {
			return c
		}
		reqs := make([]*analysis.Analyzer, len(a.Requires))
		changed := slices.Contains(ours, a)
		for i, r := range a.Requires {
			reqs[i] = copyOf(r)
			changed = changed || reqs[i] != r
		}
		if !changed {
			copies[a] = a
			return a
		}
		c := new(analysis.Analyzer)
		*c = *a
		c.Requires = reqs
		prefix := a.Name + ": "
		c.Run = func(pass *analysis.Pass) (any, error) {
			p := *pass
			p.Analyzer = a
			p.ResultOf = make(map[*analysis.Analyzer]any, len(a.Requires))
			for i, r := range a.Requires {
				p.ResultOf[r] = pass.ResultOf[reqs[i]]
			}
			p.Report = func(d analysis.Diagnostic) {
				d.Message = strings.TrimPrefix(d.Message, prefix)
				pass.Report(d)
			}
			return a.Run(&p)
		}
		copies[a] = c
		return c
	}
	out := make([]*analysis.Analyzer, len(run))
	for i, a := range run {
		out[i] = copyOf(a)
	}
	return out
}

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
