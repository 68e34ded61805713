package report

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Stats prints the summary's counts as terminal tables: findings by rule,
// by package (each rule a column), and the Result fields left.
func Stats(w io.Writer, s *Summary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "rule\tfindings\t\n")
	for _, r := range s.Rules {
		fmt.Fprintf(tw, "%s\t%d\t\n", r.ID, r.N)
	}
	fmt.Fprintf(tw, "total\t%d\t\n\n", s.Total)
	fmt.Fprintf(tw, "package\tfindings\t")
	for _, r := range s.Rules {
		fmt.Fprintf(tw, "%s\t", r.ID)
	}
	fmt.Fprintln(tw)
	for _, p := range s.Packages {
		fmt.Fprintf(tw, "%s\t%d\t", p.Package, p.N)
		for _, r := range s.Rules {
			fmt.Fprintf(tw, "%d\t", p.ByRule[r.ID])
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, "\npackage\tResult fields\thandlers\t\n")
	for _, p := range s.ResultFields {
		handlers := 0
		for _, t := range p.Types {
			handlers += t.Handlers
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", p.Package, len(p.Types), handlers)
	}
	fmt.Fprintf(tw, "all\t%d\t\t\n", s.ResultFieldCount())
	return tw.Flush()
}
