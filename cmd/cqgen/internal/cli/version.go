package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cqtools/cq/internal/version"
)

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print cqgen's version (as --version does)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), "cqgen version", version.String())
			return nil
		},
	}
}
