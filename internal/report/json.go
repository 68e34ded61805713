package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
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

// ReadJSON reads what JSON (or any go/analysis -json output) prints: each
// diagnostic as a Finding with its PkgID, Rule, File, Line, Col, end,
// Message and Category (an end equal to the start is none, as JSON writes
// a missing one). An entry that is not a list of diagnostics (an
// analyzer's or package's {"error": ...}) is returned in the error, after
// every finding that could be read.
func ReadJSON(data []byte) ([]Finding, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, fmt.Errorf("not go/analysis JSON: %v", err)
	}
	var fs []Finding
	var errs []error
	for pkg, rules := range tree {
		for rule, raw := range rules {
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: %s", pkg, rule, raw))
				continue
			}
			for _, d := range diags {
				f := Finding{PkgID: pkg, Rule: rule, Message: d.Message, Category: d.Category}
				f.File, f.Line, f.Col = splitPosn(d.Posn)
				if _, l, c := splitPosn(d.End); l > 0 && d.End != d.Posn {
					f.EndLine, f.EndCol = l, c
				}
				fs = append(fs, f)
			}
		}
	}
	Sort(fs)
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return fs, errors.Join(errs...)
}

// splitPosn splits "path:line:col"; a path may hold colons itself, the
// last two fields never do. Anything else is a path without a line.
func splitPosn(posn string) (string, int, int) {
	i := strings.LastIndex(posn, ":")
	if i < 0 {
		return posn, 0, 0
	}
	j := strings.LastIndex(posn[:i], ":")
	if j < 0 {
		return posn, 0, 0
	}
	l, err1 := strconv.Atoi(posn[j+1 : i])
	c, err2 := strconv.Atoi(posn[i+1:])
	if err1 != nil || err2 != nil {
		return posn, 0, 0
	}
	return posn[:j], l, c
}
