// Package ruledoc renders the rule reference, a Markdown page per
// analyzer, from the analyzer itself: its Doc (the doc.go package comment
// after its "# Analyzer <name>" heading, as analysisutil.ExtractDoc takes
// it) and its flags, the way staticcheck builds its website from each
// check's documentation. docs/rules/ holds the pages, cqlint -explain
// prints them, and SARIF help URIs point at them; a test fails when the
// committed pages are out of date.
//
// A rule's Doc is a one-line title, what the rule reports, and these
// sections as doc-comment headings: # Why, # Bad, # Good, # Fix, and
// optionally # Suppress (the default says how to write a suppression).
// # Bad and # Good hold Go code blocks.
package ruledoc

//go:generate go run ./gen -o ../../docs/rules

import (
	"flag"
	"fmt"
	"go/doc/comment"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// sections are the headings a rule's Doc may have, in the order of its
// page; all but Suppress are required.
var sections = []string{"Why", "Bad", "Good", "Fix", "Suppress"}

// A Page is the documentation of one analyzer, parsed.
type Page struct {
	Rule     string
	Title    string
	Body     []comment.Block            // what it reports
	Sections map[string][]comment.Block // by heading
	Flags    []Flag
	// Policy is set for the rules that ask cqmodel what a command,
	// query, event or service is: its flags apply to them.
	Policy bool
}

// A Flag is one of the analyzer's flags, as -<rule>.<name>.
type Flag struct {
	Name, Default, Usage string
}

// Parse reads an analyzer's documentation. policy is the analyzer whose
// flags set what the rules see (cqmodel), for the note on each page.
func Parse(a *analysis.Analyzer, policy *analysis.Analyzer) (*Page, error) {
	title, rest, _ := strings.Cut(a.Doc, "\n")
	p := &Page{Rule: a.Name, Title: strings.TrimSpace(title), Sections: map[string][]comment.Block{}}
	if p.Title == "" {
		return nil, fmt.Errorf("%s: Doc has no title line", a.Name)
	}
	var parser comment.Parser
	seen := map[string]bool{}
	section := "" // the body, before the first heading
	for _, b := range parser.Parse(rest).Content {
		if h, ok := b.(*comment.Heading); ok {
			section = plain(h.Text)
			if !slices.Contains(sections, section) {
				return nil, fmt.Errorf("%s: Doc has a section %q; want one of %s", a.Name, section, strings.Join(sections, ", "))
			}
			if seen[section] {
				return nil, fmt.Errorf("%s: Doc has two %q sections", a.Name, section)
			}
			seen[section] = true
			continue
		}
		if section == "" {
			p.Body = append(p.Body, b)
		} else {
			p.Sections[section] = append(p.Sections[section], b)
		}
	}
	for _, s := range sections[:len(sections)-1] {
		if len(p.Sections[s]) == 0 {
			return nil, fmt.Errorf("%s: Doc lacks a # %s section, or it is empty", a.Name, s)
		}
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		p.Flags = append(p.Flags, Flag{Name: "-" + a.Name + "." + f.Name, Default: f.DefValue, Usage: f.Usage})
	})
	p.Policy = slices.Contains(a.Requires, policy)
	return p, nil
}

func plain(text []comment.Text) string {
	var b strings.Builder
	for _, t := range text {
		if p, ok := t.(comment.Plain); ok {
			b.WriteString(string(p))
		}
	}
	return b.String()
}

// Markdown is the page: what cqlint -explain prints, and, after a line
// saying it is generated, docs/rules/<rule>.md.
func (p *Page) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s.\n\n", p.Rule, sentence(p.Title))
	blocks(&b, p.Body)
	for _, s := range sections[:len(sections)-1] {
		fmt.Fprintf(&b, "## %s\n\n", s)
		blocks(&b, p.Sections[s])
	}
	b.WriteString("## Flags\n\n")
	if len(p.Flags) == 0 {
		b.WriteString("None of its own.\n")
	} else {
		b.WriteString("| flag | default | meaning |\n|---|---|---|\n")
		for _, f := range p.Flags {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", f.Name, f.Default, strings.ReplaceAll(f.Usage, "|", "\\|"))
		}
	}
	if p.Policy {
		b.WriteString("\nWhat counts as a command, query, event or service is set by the `-cqmodel.*` flags ([cqmodel](cqmodel.md#flags)).\n")
	}
	if len(p.Flags) > 0 || p.Policy {
		b.WriteString("\nUnder `go vet`, give the same flags to `go vet -vettool=$(which cqlint)`; in golangci-lint, as the plugin's settings.\n")
	}
	b.WriteString("\n## Suppress\n\n")
	if s, ok := p.Sections["Suppress"]; ok {
		blocks(&b, s)
	} else {
		fmt.Fprintf(&b, "Write `//cqlint:ignore %s <reason>` on the reported line or the line above it, or in the doc comment of the reported declaration, struct field or interface method. The reason is required ([suppress](suppress.md)).\n", p.Rule)
	}
	return b.String()
}

// sentence is a title as a sentence: capitalized, without a final stop.
func sentence(title string) string {
	return strings.ToUpper(title[:1]) + strings.TrimSuffix(title[1:], ".")
}

// blocks writes doc-comment blocks as Markdown, Go code fenced.
func blocks(b *strings.Builder, bs []comment.Block) {
	pr := comment.Printer{HeadingLevel: 3}
	for _, blk := range bs {
		if code, ok := blk.(*comment.Code); ok {
			fmt.Fprintf(b, "```go\n%s```\n\n", code.Text)
			continue
		}
		b.Write(pr.Markdown(&comment.Doc{Content: []comment.Block{blk}}))
		b.WriteString("\n")
	}
}

// Generated is the first line of every committed page.
const Generated = "<!-- Code generated by go generate ./internal/ruledoc from the analyzer's doc.go and flags; DO NOT EDIT. -->\n\n"

// Pages are the files of docs/rules: a page per analyzer and an index,
// README.md.
func Pages(all []*analysis.Analyzer, policy *analysis.Analyzer) (map[string]string, error) {
	files := map[string]string{}
	var index strings.Builder
	index.WriteString(Generated + "# Rule reference\n\nEach page is also printed by `cqlint -explain <rule>`.\n\n| rule | reports |\n|---|---|\n")
	for _, a := range all {
		p, err := Parse(a, policy)
		if err != nil {
			return nil, err
		}
		files[a.Name+".md"] = Generated + p.Markdown()
		fmt.Fprintf(&index, "| [%s](%s.md) | %s |\n", a.Name, a.Name, sentence(p.Title))
	}
	files["README.md"] = index.String()
	return files, nil
}
