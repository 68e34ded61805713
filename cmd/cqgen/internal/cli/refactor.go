package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/gomod"
	"github.com/cqtools/cq/refactor"
)

func newRefactorCmd() *cobra.Command {
	var (
		types        []string
		tags         []string
		configs      []string
		diff, dryRun bool
		quiet        bool
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

The analysis follows the query across functions: a helper that sets Result
through the pointer it receives becomes a producer with the producers that
call it; a function that passes its query on forwards it (and returns the
value) only when its callers read the Result back, else it stays a caller;
a Result used as the producer's working variable becomes a local; a
half-migrated producer (already returning a value) converts when both
channels carry the same value, or when nothing but the producers touches
the field.

A type that cannot be converted without risking a change of meaning is
refused and left as it is; the summary lists each refusal with its reason
and position. Exit status: 0 all converted; 1 something refused; 2 error
(bad input, or a rewrite that would not type-check: nothing is written);
130 or 143 when interrupted by SIGINT or SIGTERM while writing (the files
are as they were, unless every one was in place already).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("types") && len(strings.Join(types, "")) == 0 {
				return &ExitError{Code: 2, Err: errors.New("--types: no type names given (e.g. --types GetDashboardQuery,pkg.GetOrgQuery)")}
			}
			var bcs []refactor.BuildConfig
			for _, c := range configs {
				bc, err := refactor.ParseConfig(c)
				if err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				bcs = append(bcs, bc)
			}
			opts := refactor.Options{
				Configs:  bcs,
				Dir:      ".",
				Patterns: args,
				Tags:     strings.Join(tags, ","),
				Types:    types,
				Config:   model,
				Out:      cmd.OutOrStdout(),
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
			sum, err := refactor.Run(opts)
			if err != nil {
				if merr := gomod.Missing(opts.Dir); merr != nil {
					err = merr // what the go command's complaint then means
				}
				return writeError(err)
			}
			if len(sum.Refusals) > 0 {
				return &ExitError{Code: 1, Err: fmt.Errorf("%d type(s) refused", len(sum.Refusals))}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&types, "types", nil, "comma-separated types to convert (Name, pkg.Name or import/path.Name); default: all with a Result field")
	f.BoolVar(&diff, "diff", false, "print a unified diff of the verified rewrite; write nothing")
	f.BoolVar(&dryRun, "dry-run", false, "print the plan (types, functions, refusals); write nothing")
	f.BoolVarP(&quiet, "quiet", "q", false, "no progress lines on stderr")
	f.StringSliceVar(&tags, "tags", nil, "comma-separated build tags for loading the packages (as go build -tags)")
	f.StringArrayVar(&configs, "configs", nil, "an extra build configuration to load and verify, e.g. 'GOOS=windows', 'tags=enterprise', 'GOOS=darwin GOARCH=arm64 tags=a,b' (keys GOOS, GOARCH, CGO_ENABLED, tags); repeat for more")
	model = policyFlags(cmd)
	return cmd
}
