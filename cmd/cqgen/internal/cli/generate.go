package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cqtools/cq/generator"
)

func newGenerateCmd() *cobra.Command {
	var cfg generator.Config
	var check bool
	cmd := &cobra.Command{
		Use:   "generate [flags] [packages]",
		Short: "Write service interfaces, fakes, mocks and legacy adapters from //cq: directives",
		Long: `generate reads the //cq:command and //cq:query directives of the packages
(default: the current one, so that //go:generate cqgen generate works) and
writes, for each package that has any:

  cq_service.gen.go           the service interfaces, and Legacy<Service>
                              adapters for structs with a Result field
  <pkg>test/fake.gen.go       Fake<Service>, with Expected<Method> fields
  <pkg>test/mock.gen.go       Mock<Service>, a testify mock with EXPECT()

It writes all files or none, and removes what it wrote for packages that
no longer have a directive. Exit status: 0 done (or, with --check, up to
date); 1 with --check, when a file is stale, missing or left over; 2 bad
input, with every problem listed as file:line:column.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg.Patterns = args
			files, err := generator.Generate(cfg)
			if err != nil {
				var errs generator.Errors
				if errors.As(err, &errs) {
					for _, e := range errs {
						fmt.Fprintln(cmd.ErrOrStderr(), relative(e.Error()))
					}
					return &ExitError{Code: 2, Err: fmt.Errorf("%d error(s); nothing written", len(errs))}
				}
				return &ExitError{Code: 2, Err: err}
			}
			if check {
				stale, err := generator.Stale(files)
				if err != nil {
					return &ExitError{Code: 2, Err: err}
				}
				for _, p := range stale {
					fmt.Fprintln(cmd.OutOrStdout(), "stale:", relative(p))
				}
				if len(stale) > 0 {
					return &ExitError{Code: 1, Err: fmt.Errorf("%d generated file(s) out of date; run cqgen generate", len(stale))}
				}
				return nil
			}
			if _, err := generator.Write(files); err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&check, "check", false, "write nothing; exit 1 listing every generated file that is stale or missing")
	f.StringVar(&cfg.TemplateDir, "template-dir", "", "directory whose *.tmpl files replace the embedded templates of the same name")
	f.StringSliceVar(&cfg.Tags, "tags", nil, "comma-separated build tags for loading the packages (as go build -tags)")
	cfg.Model = policyFlags(cmd)
	return cmd
}

// relative shortens an absolute path at the start of s to one relative to
// the working directory, as the go command prints them.
func relative(s string) string {
	wd, err := os.Getwd()
	if err != nil {
		return s
	}
	return strings.TrimPrefix(s, wd+string(filepath.Separator))
}
