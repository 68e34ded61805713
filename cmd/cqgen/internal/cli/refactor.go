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
		Long: `refactor deletes the Result field of each command and query declared in the
packages (default ./..., tests included): every handler returns (U, error)
instead, and callers, implementations, interfaces, fakes and mocks change
with it across the module. The rewrite is type-checked before anything is
written, then written all at once; a type it cannot convert without risking
a change of meaning is refused, with every reason and its position.

Exit status: 0 all converted; 1 some type refused (the rest is written);
2 bad input, or a rewrite that would not type-check (nothing is written);
130 or 143 interrupted while writing.

Documentation: ` + docsBase + `refactor.md`,
		Example: `  # What would change: the plan, then the verified diff; nothing is written
  cqgen refactor --dry-run ./...
  cqgen refactor --diff ./... > refactor.diff

  # One service per pull request: its types, and their callers everywhere
  cqgen refactor --types=./pkg/services/dashboards/...

  # Types by name, and a package's types but one
  cqgen refactor --types=GetDashboardQuery,models.GetOrgQuery
  cqgen refactor --types=./pkg/services/org/... --exclude-types=GetOrgByIdQuery

  # Verify the Windows and enterprise builds too
  cqgen refactor --configs 'GOOS=windows' --configs 'tags=enterprise' ./pkg/...

  # The plan as JSON, for cqlint's migration report (exit 1: a type is refused)
  cqgen refactor --dry-run --json ./... > plan.json || test $? -eq 1
  cqlint -format=html -refactor-plan=plan.json ./... > report.html

  # Producers take the query by value where nothing could tell
  cqgen refactor --value-params ./...`,
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
