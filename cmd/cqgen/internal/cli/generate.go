package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cqtools/cq/generator"
	"github.com/cqtools/cq/internal/writer"
)

func newGenerateCmd() *cobra.Command {
	var cfg generator.Config
	var check bool
	var mocks string
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

The mock is written where github.com/stretchr/testify/mock resolves
(--mocks=auto), always (an error where it does not) or never. A file at an
output path that cqgen did not write, a Go file of another package in a
directory cqgen writes into, or a name cqgen declares that is already
declared by hand, is an error. //cq: lines in _test.go files are
errors: they are not read.

It writes all files or none, and removes what it wrote for packages that
no longer have a directive. Exit status: 0 done (or, with --check, up to
date); 1 with --check, when a file is stale, missing or left over; 2 bad
input, with every problem listed as file:line:column; 130 or 143 when
interrupted by SIGINT or SIGTERM while writing (the files are as they
were, unless every one was in place already).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := recoverWrites(cmd.ErrOrStderr()); err != nil {
				return err
			}
			cfg.Patterns = args
			cfg.Notes = cmd.ErrOrStderr()
			m, err := generator.ParseMockMode(mocks)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			cfg.Mocks = m
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
			if _, err := generator.Write(cfg.Dir, files); err != nil {
				return writeError(err)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&check, "check", false, "write nothing; exit 1 listing every generated file that is stale or missing")
	f.StringVar(&cfg.TemplateDir, "template-dir", "", "directory whose *.tmpl files replace the embedded templates of the same name")
	f.StringSliceVar(&cfg.Tags, "tags", nil, "comma-separated build tags for loading the packages (as go build -tags)")
	f.StringVar(&mocks, "mocks", "auto", "write the testify mock: auto (where github.com/stretchr/testify/mock resolves), always, never")
	cfg.Model = policyFlags(cmd)
	return cmd
}

// writeError gives a failed write its exit status: the signal's (130,
// 143) for an interrupt, 2 otherwise.
func writeError(err error) error {
	var ie *writer.InterruptedError
	if errors.As(err, &ie) {
		return &ExitError{Code: ie.ExitCode(), Err: err}
	}
	return &ExitError{Code: 2, Err: errors.New(relative(err.Error()))}
}

// relative shortens the absolute paths in s to paths relative to the
// working directory, as the go command prints them.
func relative(s string) string {
	wd, err := os.Getwd()
	if err != nil {
		return s
	}
	return strings.ReplaceAll(s, wd+string(filepath.Separator), "")
}
