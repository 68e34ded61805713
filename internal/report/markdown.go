package report

import (
	"fmt"
	"io"
	"strings"
)

// Markdown prints the checklist a migration's tracking issue holds: each
// Result field left, with the command that converts it, then every other
// finding by rule. Ticking an item off is deleting the finding.
func Markdown(w io.Writer, s *Summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# cq migration: %d findings\n\n", s.Total)
	for _, r := range s.Rules {
		if r.N > 0 {
			fmt.Fprintf(&b, "- [%s](%s): %d\n", r.ID, r.HelpURI, r.N)
		}
	}
	if n := s.ResultFieldCount(); n > 0 {
		fmt.Fprintf(&b, "\n## Result fields (%d)\n", n)
		for _, p := range s.ResultFields {
			fmt.Fprintf(&b, "\n### %s\n\n`%s`\n\n", p.Package, p.Command)
			for _, t := range p.Types {
				fmt.Fprintf(&b, "- [ ] `%s` (%s; %d handlers): `%s`\n", t.Name, t.Pos, t.Handlers, t.Command)
			}
		}
	}
	for _, r := range s.Rules {
		if r.N == 0 || r.ID == "resultfield" {
			continue
		}
		fmt.Fprintf(&b, "\n## %s (%d)\n\n", r.ID, r.N)
		for _, f := range s.Findings {
			if f.Rule == r.ID {
				msg := strings.TrimPrefix(f.Message, f.Rule+": ")
				fmt.Fprintf(&b, "- [ ] %s: %s\n", f.Pos(s.Dir), strings.ReplaceAll(msg, "\n", " "))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
