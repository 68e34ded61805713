package lintdriver

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// docsURL is cqlint's page of the documentation.
const docsURL = "https://github.com/cqtools/cq/blob/main/docs/cqlint.md"

const helpIntro = `cqlint checks that a Go backend follows the command/query conventions
of Grafana's backend: commands and queries carry no Result field for
their handler to fill in, service methods are shaped
func(ctx context.Context, args T) (U, error), commands and queries are
named in the imperative and events in the past tense, and only events
are published and listened for. Each report names its rule and a fix;
a //cqlint:ignore <rule> <reason> comment suppresses one.

Usage:
  cqlint [flags] packages...           standalone, e.g. cqlint ./...
  go vet -vettool=$(which cqlint) [flags] packages...
  cqlint -explain RULE                 a rule's page (also: cqlint help RULE)
  cqlint -V                            the version

`

// formatHelp describes each of formats, in its order.
var formatHelp = map[string]string{
	"text":     "file:line:col: rule: message on stderr, as go vet prints it, paths relative to the current directory (the default)",
	"json":     "go vet -json's shape: package, then rule, then diagnostics (-json is the same)",
	"sarif":    "a SARIF 2.1.0 log for code scanning, paths relative to -root",
	"github":   "GitHub Actions workflow commands, which annotate the pull request, paths relative to -root",
	"html":     "the migration report, one self-contained page (-refactor-plan adds cqgen refactor's plan, -link-template links positions to the code)",
	"stats":    "the migration report's counts as tables",
	"markdown": "the migration report as a checklist for a tracking issue",
}

const helpExit = `Exit status:
  0  nothing reported
  1  findings (with -fix: findings left unfixed)
  2  bad flags, packages that do not load or type-check, analyzer failures
Under go vet the go command sets it: 1 for findings and type errors alike.

`

// help writes cqlint -help: what it checks, how to run it, the rules,
// the formats, the exit status and the flags of fs.
func help(w io.Writer, all []*analysis.Analyzer, fs *flag.FlagSet) {
	fmt.Fprint(w, helpIntro)
	fmt.Fprint(w, "Rules (all run by default; -RULE runs only the rules named, -RULE=false\nleaves one out; cqlint -explain RULE says more):\n")
	for _, a := range all {
		title, _, _ := strings.Cut(a.Doc, "\n")
		item(w, a.Name, title)
	}
	fmt.Fprint(w, "\nOutput formats (-format; go vet prints text, or JSON with -json):\n")
	for _, f := range formats {
		item(w, f, formatHelp[f])
	}
	fmt.Fprint(w, "\n"+helpExit)
	fmt.Fprintf(w, "Documentation: %s\n\nFlags:\n", docsURL)
	printFlags(w, fs)
}

// printFlags lists fs's flags as flag.PrintDefaults does, with each
// default as the flag recorded it when it was defined. PrintDefaults
// decides whether to show a default by calling String on the zero value
// of the flag's type, which for a type that expects to be constructed,
// such as cqmodel's suffix lists, panics (PrintDefaults then appends the
// panic's message to its output).
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if name != "" {
			line += " " + name
		}
		switch def := f.DefValue; {
		case def == "", def == "false", def == "unset": // unset: a rule flag (triState)
		case name == "string":
			usage += fmt.Sprintf(" (default %q)", def)
		default:
			usage += fmt.Sprintf(" (default %s)", def)
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
	})
}

// shortUsage is what a bad command line gets on stderr, after the error.
func shortUsage(w io.Writer) {
	fmt.Fprint(w, "usage: cqlint [flags] packages...\n       go vet -vettool=$(which cqlint) [flags] packages...\nRun cqlint -help for the rules, formats, exit status and flags.\n")
}

// item writes "  name  text", the text wrapped at 80 columns and
// indented under its first word.
func item(w io.Writer, name, text string) {
	line := fmt.Sprintf("  %-11s", name)
	words := 0
	for _, word := range strings.Fields(text) {
		if words > 0 && len(line)+1+len(word) > 80 {
			fmt.Fprintln(w, line)
			line, words = strings.Repeat(" ", 13), 0
		}
		line += " " + word
		words++
	}
	fmt.Fprintln(w, line)
}
