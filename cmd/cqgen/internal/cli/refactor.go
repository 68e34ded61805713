package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/gomod"
	"github.com/cqtools/cq/refactor"
	"github.com/cqtools/cq/refactor/program"
)

func newRefactorCmd() *cobra.Command {
	var (
		types        []string
		excludeTypes []string
		tags         []string
		configs      []string
		diff, dryRun bool
		asJSON       bool
		quiet        bool
		valueParams  bool
		model        *cqmodel.Config
	)
	cmd := &cobra.Command{
		Use:   "refactor [flags] [packages]",
		Short: "Remove legacy Result fields: producers return (U, error), callers use the value",
		Long: `refactor converts every command and query with a Result field declared in
the packages (default ./..., tests included) to the (U, error) style: the
field is deleted, every producer returns the value, and every interface,
implementation and caller changes with it. The packages only choose which
types are converted: callers, implementations and doubles are found and
rewritten in every package of the module (every module of the go.work
workspace), whatever the packages given. Types declared in dependencies
are never converted. The rewritten tree is type-checked before anything is
written, in the environment's build configuration and in each --configs
one; a type that a file no loaded configuration includes mentions (an
x_windows.go, a //go:build enterprise file) is refused with the --configs
value that would include it. Files are written all at once.

--types narrows the types the packages declare and --exclude-types leaves
some out; both take type names and package patterns, mixed:
--types=./pkg/services/dashboards/... selects the types declared under
that directory (relative to the working directory, as go's patterns are;
import-path patterns such as github.com/org/repo/pkg/services/... work
too), so a team can land one service per pull request while the callers
everywhere change with it. The package arguments choose first: a --types
pattern whose packages are outside them selects nothing. A name or
pattern that selects nothing is an error. Types whose Result values are
copied into each other convert together: leaving one out refuses the
others, naming the assignment.

With --value-params, producers also take the query by value (the
contributor guide's func (s *S) Get(ctx, q GetQuery) (U, error)) where
nothing could tell: no producer, fake, func-field literal or mock
Run/return-func writes a field of it, takes a field's address, calls a
pointer method on it, compares or keeps it, captures it in a goroutine,
or passes it to something taking the pointer; no expectation matches it
other than with mock.Anything, AnythingOfType, MatchedBy, &v or &Q{...};
no type assertion or "*pkg.Q" string names the pointer type. Callers pass
v for &v, Q{...} for &Q{...}, *p for a pointer p; expectations and mocks
change with them. Otherwise the type keeps its pointer (it still
converts), and the summary says why and where.

The analysis follows the query across functions: a helper that sets Result
through the pointer it receives becomes a producer with the producers that
call it; a function that passes its query on forwards it (and returns the
value) only when its callers read the Result back, else it stays a caller;
a Result used as the producer's working variable becomes a local; a
half-migrated producer (already returning a value) converts when both
channels carry the same value, or when nothing but the producers touches
the field; a function that builds a query, runs it and returns it to
callers that only read its Result returns the value instead (its callers
in the loaded packages read it), when no interface names it and it is
never used as a value.

A type that cannot be converted without risking a change of meaning is
refused and left as it is; the summary lists each refused type with every
reason found and its position (the first on the type's line, the others
indented under it). --json prints the plan (with --dry-run) or the
summary after verification (with --diff: instead of the diff) as JSON, the
plan file (version 1) that cqlint -format=html -refactor-plan= reads: per type its status, its reasons with positions,
the functions rewritten, call sites and files, positions relative to the
module root.

The new code reads as written by hand: a producer returns the zero value
where nothing can have set the value yet (return nil, err), returns x
itself for q.Result = x right before a return (return d, nil), and
declares its variable only where something still needs it; a caller's
value is named after the method (dashboard, err := s.GetDashboard(ctx,
&q)) where no name in scope or in the function collides with that, and
the error keeps the name err where moving it out of an if, or reusing a
later declaration of it, changes the meaning of no name.

Exit status: 0 all converted; 1 something refused; 2 error (bad input, or
a rewrite that would not type-check: nothing is written); 130 or 143 when
interrupted by SIGINT or SIGTERM while writing (the files are as they
were, unless every one was in place already).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := recoverWrites(cmd.ErrOrStderr()); err != nil {
				return err
			}
			if cmd.Flags().Changed("types") && len(strings.Join(types, "")) == 0 {
				return &ExitError{Code: 2, Err: errors.New("--types: no type names given (e.g. --types GetDashboardQuery,pkg.GetOrgQuery or --types ./pkg/services/dashboards/...)")}
			}
			if cmd.Flags().Changed("exclude-types") && len(strings.Join(excludeTypes, "")) == 0 {
				return &ExitError{Code: 2, Err: errors.New("--exclude-types: no type names given (e.g. --exclude-types GetOrgQuery or --exclude-types ./pkg/services/org/...)")}
			}
			var bcs []program.BuildConfig
			for _, c := range configs {
				bc, err := program.ParseConfig(c)
				if err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				bcs = append(bcs, bc)
			}
			opts := refactor.Options{
				Configs:      bcs,
				Dir:          ".",
				Patterns:     args,
				Tags:         strings.Join(tags, ","),
				Types:        types,
				ExcludeTypes: excludeTypes,
				Config:       model,
				ValueParams:  valueParams,
			}
			if !quiet {
				opts.Progress = cmd.ErrOrStderr()
			}
			switch {
			case diff && dryRun:
				return &ExitError{Code: 2, Err: errors.New("--diff and --dry-run exclude each other")}
			case diff:
				opts.Mode = refactor.ModeDiff
			case dryRun:
				opts.Mode = refactor.ModeDryRun
			}
			res, err := refactor.Run(opts)
			if err != nil {
				if merr := gomod.Missing(opts.Dir); merr != nil {
					err = merr // what the go command's complaint then means
				}
				return writeError(err)
			}
			if err := printRefactor(cmd.OutOrStdout(), res, opts.Dir, asJSON); err != nil {
				return err
			}
			if len(res.Refusals) > 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("%d type(s) refused", res.RefusedTypes())}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&types, "types", nil, "comma-separated types to convert: names (Name, pkg.Name, import/path.Name) or package patterns (./pkg/services/dashboards/..., import/path/...: the types declared there); default: all with a Result field in the packages")
	f.StringSliceVar(&excludeTypes, "exclude-types", nil, "comma-separated types to leave as they are: names or package patterns, as --types")
	f.BoolVar(&diff, "diff", false, "print a unified diff of the verified rewrite; write nothing")
	f.BoolVar(&dryRun, "dry-run", false, "print the plan (types, functions, refusals); write nothing")
	f.BoolVar(&asJSON, "json", false, "print the plan (with --dry-run) or the summary after verification as JSON (the plan file, version 1: per type its status, every reason with its position, the functions, call sites and files rewritten); with --diff, instead of the diff")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress lines on stderr")
	f.StringSliceVar(&tags, "tags", nil, "comma-separated build tags for loading the packages (as go build -tags)")
	f.StringArrayVar(&configs, "configs", nil, "an extra build configuration to load and verify, e.g. 'GOOS=windows', 'tags=enterprise', 'GOOS=darwin GOARCH=arm64 tags=a,b' (keys GOOS, GOARCH, CGO_ENABLED, tags); repeat for more")
	f.BoolVar(&valueParams, "value-params", false, "producers take the query by value (func (s *S) Get(ctx, q GetQuery) (U, error)) where nothing writes, compares or keeps it; the summary says why the others keep the pointer")
	model = policyFlags(cmd)
	return cmd
}
