package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cqtools/cq/generator"
	"github.com/cqtools/cq/internal/gomod"
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
(default: the current one, for //go:generate) and writes, for each package
that has any, cq_service.gen.go (the service interfaces, and Legacy<Service>
adapters for structs with a Result field), <pkg>test/fake.gen.go and, where
testify resolves, <pkg>test/mock.gen.go. It writes all files or none, and
never over a file it did not write.

Exit status: 0 done (with --check: up to date); 1 with --check, a file is
stale, missing or left over; 2 bad input, every problem as file:line:column;
130 or 143 interrupted while writing.

Documentation: ` + docsBase + `generate.md`,
		Example: `  # In a service's root package, run by go generate
  //go:generate cqgen generate

  # Every package of the module
  cqgen generate ./...

  # In CI: fail on a generated file that is stale, missing or left over
  cqgen generate --check ./...

  # A module without testify: the interfaces and fakes only
  cqgen generate --mocks=never ./pkg/services/...

  # Templates of your own, and queries named ...Request as well as ...Query
  cqgen generate --template-dir=./tools/cqtemplates ./...
  cqgen generate --cqmodel.query-suffixes=Query,Request ./...`,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := generator.ParseMockMode(mocks)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			cfg.Patterns = args
			cfg.Mocks = m
			// The go commands that say where to write, the recovery of an
			// interrupted write and the load run side by side: a load that
			// a recovery changed the tree under is done again, and the
			// recovery is rare.
			layout := gomod.Locate(".")
			recovery := make(chan recovered, 1)
			go func() {
				dirs, err := layout.JournalDirs()
				if err != nil {
					dirs = nil // as recoverWrites: nothing this run could have written
				}
				recovery <- recoverIn(dirs)
			}()
			var notes bytes.Buffer
			cfg.Notes = &notes
			files, err := generator.Generate(cfg)
			rec := <-recovery
			for _, msg := range rec.msgs {
				fmt.Fprintln(cmd.ErrOrStderr(), "cqgen:", msg)
			}
			if rec.err != nil {
				return rec.err
			}
			if len(rec.msgs) > 0 {
				notes.Reset()
				files, err = generator.Generate(cfg)
			}
			cmd.ErrOrStderr().Write(notes.Bytes())
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
			if _, err := generator.Write(layout, files); err != nil {
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
