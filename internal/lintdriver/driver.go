// Package lintdriver is cqlint's standalone driver: it loads packages with
// go/packages, runs the analyzers with go/analysis/checker, and prints
// the findings in the format asked for, less those a baseline records,
// or applies their fixes. Under go vet cqlint is a unitchecker instead
// (see cmd/cqlint), so none of this runs there.
package lintdriver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/baseline"
	"github.com/cqtools/cq/internal/gomod"
	"github.com/cqtools/cq/internal/planfile"
	"github.com/cqtools/cq/internal/report"
	"github.com/cqtools/cq/internal/ruledoc"
	"github.com/cqtools/cq/internal/version"
)

// Exit codes.
const (
	ExitClean    = 0 // nothing reported
	ExitFindings = 1 // findings (or, with -fix, findings left unfixed)
	ExitError    = 2 // bad flags, packages that do not load or type-check, analyzer failures
)

var formats = []string{"text", "json", "sarif", "github", "html", "stats", "markdown"}

// options are the driver's own flags.
type options struct {
	format        string
	json          bool
	context       int
	fix, diff     bool
	tests         bool
	baseline      string
	writeBaseline string
	plan          string
	explain       string
	root          string
	link          string
}

// Main runs cqlint standalone on args (the command line less the program
// name) and returns its exit code. all are the analyzers it can run.
func Main(all []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cqlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(formats, ", "))
	fs.BoolVar(&o.json, "json", false, "same as -format=json")
	fs.IntVar(&o.context, "c", -1, "with text output, show the offending line and this many lines of context")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes")
	fs.BoolVar(&o.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of applying them")
	fs.BoolVar(&o.tests, "test", true, "analyze _test.go files too")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in this baseline `file`")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record today's findings in this baseline `file` and report nothing")
	fs.StringVar(&o.explain, "explain", "", "print the documentation of this `rule` and exit")
	fs.StringVar(&o.plan, "refactor-plan", "", "with -format=html, show this `plan.json` of cqgen refactor --dry-run --json")
	fs.StringVar(&o.root, "root", "", "with -format=sarif or github, write paths relative to this `dir`, as -link-template's {path} is (default: the git repository's top level, else the current directory)")
	fs.StringVar(&o.link, "link-template", "", "with -format=html, link each position to this URL `template`: {path} is the file relative to -root, {line} and {col} the position, e.g. https://github.com/ORG/REPO/blob/main/{path}#L{line} (default: no links)")
	enabled := map[*analysis.Analyzer]*triState{}
	for _, a := range all {
		enabled[a] = new(triState)
		fs.Var(enabled[a], a.Name, fmt.Sprintf("enable the %s analyzer", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	// The flag package calls Usage for -help and for a bad flag alike:
	// the first gets the whole help on stdout, the second its error and
	// a hint on stderr.
	fs.Usage = func() {}
	if len(args) > 0 && args[0] == "help" {
		// unitchecker, which serves go vet, points at "cqlint help"
		// when a flag's value is bad.
		switch len(args) {
		case 1:
			help(stdout, all, fs)
			return ExitClean
		case 2:
			return explain(all, args[1], stdout, stderr)
		}
		fmt.Fprintln(stderr, "usage: cqlint help [RULE]")
		return ExitError
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			help(stdout, all, fs)
			return ExitClean
		}
		shortUsage(stderr)
		return ExitError
	}
	if o.explain != "" {
		return explain(all, o.explain, stdout, stderr)
	}
	if o.json {
		o.format = "json"
	}
	if err := o.check(fs.NArg()); err != nil {
		fmt.Fprintf(stderr, "cqlint: %v\n", err)
		return ExitError
	}
	d := &driver{opts: o, stdout: stdout, stderr: stderr, lines: newLineCache(), all: all}
	if o.link != "" {
		var err error
		if d.link, err = report.ParseLinkTemplate(o.link); err != nil {
			fmt.Fprintf(stderr, "cqlint: -link-template: %v\n", err)
			return ExitError
		}
	}
	return d.run(selected(all, enabled), fs.Args())
}

func (o options) check(nargs int) error {
	switch {
	case !slices.Contains(formats, o.format):
		return fmt.Errorf("-format=%s: want one of %s", o.format, strings.Join(formats, ", "))
	case o.diff && !o.fix:
		return errors.New("-diff needs -fix")
	case o.baseline != "" && o.writeBaseline != "":
		return errors.New("-baseline and -write-baseline do not go together: -write-baseline rewrites the whole file")
	case o.fix && o.writeBaseline != "":
		return errors.New("-fix and -write-baseline do not go together")
	case o.plan != "" && o.format != "html":
		return errors.New("-refactor-plan is read by -format=html only")
	case o.context >= 0 && o.format != "text":
		return errors.New("-c is for -format=text")
	case o.link != "" && o.format != "html":
		return errors.New("-link-template is for -format=html")
	case o.root != "" && o.format == "html" && o.link == "":
		return errors.New("-root with -format=html is for -link-template's {path}")
	case o.root != "" && o.format != "sarif" && o.format != "github" && o.format != "html":
		return errors.New("-root is for -format=sarif and -format=github")
	case nargs == 0:
		return errors.New("no packages named (try ./...)")
	}
	return nil
}

// selected applies the rule flags as go vet does: when any -NAME is true,
// only those analyzers run; otherwise every analyzer but those set false.
func selected(all []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	only := slices.ContainsFunc(all, func(a *analysis.Analyzer) bool { return *enabled[a] == setTrue })
	return slices.DeleteFunc(slices.Clone(all), func(a *analysis.Analyzer) bool {
		if only {
			return *enabled[a] != setTrue
		}
		return *enabled[a] == setFalse
	})
}

type driver struct {
	opts           options
	stdout, stderr io.Writer
	lines          *lineCache
	all            []*analysis.Analyzer
	patterns       []string
	root           string          // what SARIF and GitHub paths are relative to, and -link-template's
	loadErrors     map[string]bool // the errors of the packages as loaded
	failed         bool            // an error was printed: exit 2

	link    *report.LinkTemplate // nil without -link-template
	modules map[string]string    // the main modules' directories by path
}

func (d *driver) errorf(format string, args ...any) {
	fmt.Fprintf(d.stderr, format+"\n", args...)
	d.failed = true
}

func (d *driver) run(analyzers []*analysis.Analyzer, patterns []string) int {
	d.patterns = patterns
	dir, err := os.Getwd()
	if err != nil {
		d.errorf("cqlint: %v", err)
		return ExitError
	}
	if d.opts.format == "sarif" || d.opts.format == "github" || d.link != nil {
		if d.root, err = repoRoot(d.opts.root, dir); err != nil {
			d.errorf("cqlint: %v", err)
			return ExitError
		}
	}
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: d.opts.tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		d.errorf("cqlint: %v", err)
		return ExitError
	}
	d.modules = mainModules(pkgs)
	broken := d.printLoadErrors(pkgs, dir)
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		d.errorf("cqlint: %v", err)
		return ExitError
	}
	var findings []report.Finding
	once := atInterfaceToo(graph)
	for act := range graph.All() {
		if act.Err != nil {
			if !broken[act.Package] { // already reported as load errors
				d.errorf("%s: %s: %v", act.Package.ID, act.Analyzer.Name, act.Err)
			}
			continue
		}
		if act.IsRoot {
			findings = append(findings, collect(act, once)...)
		}
	}
	findings = dedupe(findings)

	if d.opts.writeBaseline != "" {
		if err := os.WriteFile(d.opts.writeBaseline, baseline.Marshal(findings), 0o644); err != nil {
			d.errorf("cqlint: %v", err)
			return ExitError
		}
		fmt.Fprintf(d.stderr, "cqlint: recorded %d findings in %s\n", len(findings), d.opts.writeBaseline)
		return d.exit(nil)
	}
	if d.opts.baseline != "" {
		entries, err := baseline.Read(d.opts.baseline)
		if err != nil {
			d.errorf("cqlint: %v", err)
			return ExitError
		}
		var stale []baseline.Entry
		findings, stale = baseline.Filter(entries, findings)
		for _, e := range stale {
			fmt.Fprintf(d.stderr, "%s: stale entry (fixed, remove it or rerun -write-baseline): %s %s %s %s\n", d.opts.baseline, e.Rule, e.Package, e.Decl, e.Ident)
		}
	}
	if d.opts.fix {
		findings = d.applyFixes(findings, dir)
	}
	if err := d.print(findings, dir); err != nil {
		d.errorf("cqlint: %v", err)
	}
	return d.exit(findings)
}

func (d *driver) exit(findings []report.Finding) int {
	switch {
	case d.failed:
		return ExitError
	case len(findings) > 0:
		return ExitFindings
	}
	return ExitClean
}

// printLoadErrors prints every package's load, parse and type errors with
// their positions (relative to dir, as findings are), once each, and
// returns the packages that had any.
func (d *driver) printLoadErrors(pkgs []*packages.Package, dir string) map[*packages.Package]bool {
	broken := map[*packages.Package]bool{}
	d.loadErrors = map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			broken[p] = true
		}
		for _, e := range gomod.Errors(p) {
			msg := report.Rel(dir, e.Error())
			if !d.loadErrors[msg] {
				d.loadErrors[msg] = true
				d.errorf("%s", msg)
			}
		}
	})
	// A root whose dependency is broken cannot be analyzed either.
	for _, p := range pkgs {
		packages.Visit([]*packages.Package{p}, nil, func(dep *packages.Package) {
			if broken[dep] {
				broken[p] = true
			}
		})
	}
	return broken
}

func (d *driver) print(fs []report.Finding, dir string) error {
	switch d.opts.format {
	case "json":
		return report.JSON(d.stdout, fs)
	case "sarif":
		return report.SARIF(d.stdout, fs, rules(d.all), d.root, version.String(), d.lines.get)
	case "github":
		return report.GitHub(d.stdout, fs, d.root)
	case "html", "stats", "markdown":
		var plan *planfile.Plan
		if d.opts.plan != "" {
			f, err := os.Open(d.opts.plan)
			if err != nil {
				return err
			}
			defer f.Close()
			if plan, err = planfile.Read(f); err != nil {
				return fmt.Errorf("%s: %v", d.opts.plan, err)
			}
		}
		s := report.Summarize(fs, rules(d.all), plan, dir)
		s.Modules = slices.Sorted(maps.Keys(d.modules))
		s.Version = version.String()
		s.Date = time.Now()
		s.Link, s.Root = d.link, d.root
		if plan != nil {
			s.PlanDir = d.modules[plan.Module]
		}
		switch d.opts.format {
		case "html":
			return report.HTML(d.stdout, s)
		case "stats":
			return report.Stats(d.stdout, s)
		}
		return report.Markdown(d.stdout, s)
	}
	return report.Text(d.stderr, fs, dir, d.opts.context, d.lines.get)
}

// mainModules are the main modules of the packages named (several in a
// workspace), their directories by path.
func mainModules(pkgs []*packages.Package) map[string]string {
	mods := map[string]string{}
	for _, p := range pkgs {
		if m := p.Module; m != nil && m.Main {
			mods[m.Path] = m.Dir
		}
	}
	return mods
}

// repoRoot is the directory SARIF and GitHub paths are relative to,
// where GitHub resolves them: the -root flag's, else the top level of the
// git repository that holds dir, else dir. A module in backend/ of the
// repository thus annotates backend/pkg/..., not pkg/... .
//
// The top level is the nearest directory up from dir with a .git entry
// (a directory, or the file of a worktree or submodule), as git finds it:
// this needs no git binary, which a CI image may lack, meets no "dubious
// ownership" refusal in a container, and keeps the path as spelled in
// dir (git would resolve symbolic links), the spelling the go command
// gives the files.
func repoRoot(flagRoot, dir string) (string, error) {
	if flagRoot != "" {
		root, err := filepath.Abs(flagRoot)
		if err != nil {
			return "", fmt.Errorf("-root: %v", err)
		}
		if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
			return "", fmt.Errorf("-root=%s: not a directory", flagRoot)
		}
		return root, nil
	}
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir, nil
		}
		d = parent
	}
}

// rules describes every analyzer for the formats that list rules.
func rules(all []*analysis.Analyzer) []report.Rule {
	var out []report.Rule
	for _, a := range all {
		title, text, _ := strings.Cut(a.Doc, "\n")
		out = append(out, report.Rule{ID: a.Name, Title: title, Text: strings.TrimSpace(text), HelpURI: a.URL})
	}
	return out
}

// explain prints a rule's page of the rule reference.
func explain(all []*analysis.Analyzer, rule string, stdout, stderr io.Writer) int {
	var names []string
	for _, a := range all {
		if a.Name == rule {
			p, err := ruledoc.Parse(a, cqmodel.Analyzer)
			if err != nil {
				fmt.Fprintf(stderr, "cqlint: %v\n", err)
				return ExitError
			}
			fmt.Fprint(stdout, p.Markdown())
			return ExitClean
		}
		names = append(names, a.Name)
	}
	fmt.Fprintf(stderr, "cqlint: -explain %s: no such rule (rules: %s)\n", rule, strings.Join(names, ", "))
	return ExitError
}

// triState is a rule flag: unset, or set true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (t *triState) IsBoolFlag() bool { return true }

func (t *triState) Set(s string) error {
	switch s {
	case "true", "1", "t", "T", "TRUE", "True":
		*t = setTrue
	case "false", "0", "f", "F", "FALSE", "False":
		*t = setFalse
	default:
		return fmt.Errorf("want true or false, not %q", s)
	}
	return nil
}
