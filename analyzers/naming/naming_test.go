package naming_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/naming"
)

func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), naming.Analyzer, "naming/a", "naming/cgo", "naming/shared", "naming/xevents/users", "naming/xevents/usersimpl", "naming/pubsub")
}

func TestFlags(t *testing.T) {
	set := func(a *analysis.Analyzer, name, value string) {
		old := a.Flags.Lookup(name).Value.String()
		if err := a.Flags.Set(name, value); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Flags.Set(name, old) })
	}
	set(naming.Analyzer, "verbs", "frobnicate,spin:spun:spun")
	set(naming.Analyzer, "nonverbs", "alert")
	set(naming.Analyzer, "predicates", "Has")
	// The fixture's events are named only by their suffix.
	set(cqmodel.Analyzer, "require-use", "false")
	analysistest.Run(t, analysistest.TestData(), naming.Analyzer, "naming/flags")
}

// Suffix-less CQRS code opts in by package: -cqmodel.command-packages and
// -cqmodel.query-packages make a package's exported structs commands or
// queries, judged like suffixed ones; without them nothing there is.
func TestPackages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), naming.Analyzer, "naming/cqrs/plain/command")
	for name, value := range map[string]string{"command-packages": "command", "query-packages": "query"} {
		old := cqmodel.Analyzer.Flags.Lookup(name).Value.String()
		if err := cqmodel.Analyzer.Flags.Set(name, value); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cqmodel.Analyzer.Flags.Set(name, old) })
	}
	analysistest.Run(t, analysistest.TestData(), naming.Analyzer, "naming/cqrs/command", "naming/cqrs/query")
}

// -cqmodel.bus-types names the buses whose publish methods carry events:
// another bus-shaped Publish is left alone.
func TestBusTypes(t *testing.T) {
	old := cqmodel.Analyzer.Flags.Lookup("bus-types").Value.String()
	if err := cqmodel.Analyzer.Flags.Set("bus-types", "buses.Bus"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cqmodel.Analyzer.Flags.Set("bus-types", old) })
	analysistest.Run(t, analysistest.TestData(), naming.Analyzer, "naming/buses")
}

// What is not judged though its name or package says so: behaviour and
// the base type in a package named events, and an SDK's family of types
// named after one noun; a command without a verb takes the verb of the
// one method that takes it.
func TestNotMessages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), naming.Analyzer, "naming/store/events", "naming/sdk", "naming/codehost")
}
