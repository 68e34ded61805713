package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// The go/analysis JSON shape (what multichecker -json prints): package ID
// -> analyzer -> diagnostics.
type jsonDiag struct {
	Category       string    `json:"category,omitempty"`
	Posn           string    `json:"posn"`
	End            string    `json:"end"`
	Message        string    `json:"message"`
	SuggestedFixes []jsonFix `json:"suggested_fixes,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// JSON prints findings in go/analysis's JSON shape. A finding in a file
// of two packages (p and p [p.test]) is listed once, under the first.
func JSON(w io.Writer, fs []Finding) error {
	tree := map[string]map[string][]jsonDiag{}
	for _, f := range fs {
		byRule := tree[f.PkgID]
		if byRule == nil {
			byRule = map[string][]jsonDiag{}
			tree[f.PkgID] = byRule
		}
		end := fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col)
		if f.EndLine > 0 {
			end = fmt.Sprintf("%s:%d:%d", f.File, f.EndLine, f.EndCol)
		}
		d := jsonDiag{
			Category: f.Category,
			Posn:     fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Col),
			End:      end,
			Message:  f.Message,
		}
		for _, fx := range f.Fixes {
			jf := jsonFix{Message: fx.Message, Edits: []jsonEdit{}}
			for _, e := range fx.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{e.File, e.Start, e.End, e.New})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		byRule[f.Rule] = append(byRule[f.Rule], d)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
