// Package cli wires cqgen's cobra commands to the generator and refactoring
// libraries. One file per command; each only maps flags to a library call.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/internal/gomod"
	"github.com/cqtools/cq/internal/version"
	"github.com/cqtools/cq/internal/writer"
)

// ExitError carries an exit code chosen by a command (1: findings or
// refusals; 2: bad input) out of cobra.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// Execute runs cqgen with args and returns the process exit code: 0 on
// success, the code of an *ExitError, or 2 for usage and other errors.
func Execute(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(goStyleFlags(args))
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintln(stderr, "cqgen:", ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintln(stderr, "cqgen:", err)
	return 2
}

// docsBase is where the commands' documentation pages are.
const docsBase = "https://github.com/cqtools/cq/blob/main/docs/"

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "cqgen",
		Short:         "Generate and refactor Go code to follow the command/query conventions",
		Version:       version.String(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// cobra's own --version flag would take -v too, which reads as
	// verbose; --version alone prints "cqgen version v1.2.3", as the
	// version command does.
	root.Flags().Bool("version", false, "print cqgen's version")
	root.AddCommand(newVersionCmd())
	root.AddCommand(newGenerateCmd())
	root.AddCommand(newRefactorCmd())
	return root
}

// policyFlags registers on cmd the command/query policy settings, with
// the names, defaults and meaning cqlint gives them
// (--cqmodel.query-suffixes=Query,Request), and returns what they set.
func policyFlags(cmd *cobra.Command) *cqmodel.Config {
	cfg := cqmodel.DefaultConfig()
	fs := flag.NewFlagSet(cmd.Name(), flag.ContinueOnError)
	cfg.RegisterFlags(fs, cqmodel.FlagPrefix)
	cmd.Flags().AddGoFlagSet(fs)
	return cfg
}

// goStyleFlags lets long flags be written with one dash, as the go command
// and go vet take them (-tags=oss, -diff): cobra would read -tags as the
// shorthands -t -a -g -s. cqgen's only shorthand, -q, is one letter, so a
// single dash followed by two or more letters is always a long flag.
func goStyleFlags(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "--" {
			copy(out[i:], args[i:])
			break
		}
		name, _, _ := strings.Cut(a, "=")
		if len(name) > 2 && name[0] == '-' && name[1] != '-' && isLetters(name[1:]) {
			a = "-" + a
		}
		out[i] = a
	}
	return out
}

// isLetters reports whether s can be a long flag's name: lower-case
// letters, dashes and the dot of -cqmodel.query-suffixes.
func isLetters(s string) bool {
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

// recoverWrites finishes, before anything is loaded, a write that a cqgen
// killed mid-write left (writer.Recover): in every directory where a
// write from the working directory keeps its journal. It says on stderr
// what it did. Where the go command cannot tell those directories, there
// is nothing to recover that this run could have written either.
func recoverWrites(stderr io.Writer) error {
	dirs, err := gomod.JournalDirs(".")
	if err != nil {
		return nil
	}
	rec := recoverIn(dirs)
	for _, msg := range rec.msgs {
		fmt.Fprintln(stderr, "cqgen:", msg)
	}
	return rec.err
}

// recovered is what recoverIn did: a line per journal it finished.
type recovered struct {
	msgs []string
	err  error
}

// recoverIn recovers the journal in each of dirs, if any.
func recoverIn(dirs []string) recovered {
	var rec recovered
	for _, d := range dirs {
		r, err := writer.Recover(d)
		if err != nil {
			rec.err = &ExitError{Code: 2, Err: errors.New(relative(err.Error()))}
			return rec
		}
		if r.Journal != "" {
			rec.msgs = append(rec.msgs, r.String())
		}
	}
	return rec
}
