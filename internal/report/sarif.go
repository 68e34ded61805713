package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// A Rule is what the formats say of a rule: SARIF's rule metadata, the
// html report's links.
type Rule struct {
	ID      string
	Title   string // one line: what it reports
	Text    string // the rest of its documentation, plain text
	HelpURI string // its page in the rule reference
}

// The SARIF 2.1.0 objects cqlint writes: the subset of the OASIS schema
// (sarif-schema-2.1.0.json) that code-scanning tools read.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                 `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactL `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                    `json:"columnKind"`
	Results            []sarifResult             `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	HelpURI              string        `json:"helpUri,omitempty"`
	Help                 sarifText     `json:"help"`
	DefaultConfiguration sarifLevelCfg `json:"defaultConfiguration"`
}

type sarifLevelCfg struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactL `json:"artifactLocation"`
	Region           sarifRegion    `json:"region"`
}

type sarifArtifactL struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     sarifText        `json:"description"`
	ArtifactChanges []sarifArtChange `json:"artifactChanges"`
}

type sarifArtChange struct {
	ArtifactLocation sarifArtifactL     `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

const srcRoot = "%SRCROOT%"

// SARIF prints findings as a SARIF 2.1.0 log with one run: every rule in
// tool.driver.rules, whether or not it has findings, and one result per
// finding, its location relative to dir and its suggested fixes. dir is
// the repository's root, which code scanning resolves paths against: the
// run's originalUriBaseIds give it as %SRCROOT%, and each location's
// uriBaseId names %SRCROOT%. Columns are counted in Unicode code points (Go's are bytes),
// which readLines makes possible. The fingerprint is the baseline's key,
// which survives edits above the finding.
func SARIF(w io.Writer, fs []Finding, rules []Rule, dir, version string, readLines func(string) []string) error {
	index := map[string]int{}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "cqlint",
			InformationURI: "https://github.com/cqtools/cq",
			Version:        version,
			Rules:          []sarifRule{},
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if dir != "" {
		// A base URI ends in a slash, or the last segment is dropped
		// when a relative URI is resolved against it.
		run.OriginalURIBaseIDs = map[string]sarifArtifactL{srcRoot: {URI: fileURI(strings.TrimRight(filepath.ToSlash(dir), "/") + "/")}}
	}
	for i, r := range rules {
		index[r.ID] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:                   r.ID,
			Name:                 r.ID,
			ShortDescription:     sarifText{r.Title},
			FullDescription:      sarifText{strings.TrimSpace(r.Title + "\n\n" + r.Text)},
			HelpURI:              r.HelpURI,
			Help:                 sarifText{fmt.Sprintf("%s\n\nSee %s", r.Title, r.HelpURI)},
			DefaultConfiguration: sarifLevelCfg{"error"},
		})
	}
	cols := columns{readLines}
	for _, f := range fs {
		i, ok := index[f.Rule]
		if !ok {
			return fmt.Errorf("finding of unknown rule %q", f.Rule)
		}
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: i,
			Level:     "error",
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: artifact(dir, f.File),
				Region:           cols.region(f.File, f.Line, f.Col, f.EndLine, f.EndCol),
			}}},
			PartialFingerprints: map[string]string{"cqBaseline/v1": strings.Join([]string{f.Rule, f.Package, f.Decl, f.Ident}, "|")},
		}
		for _, fx := range f.Fixes {
			sf := sarifFix{Description: sarifText{fx.Message}}
			byFile := map[string]int{}
			for _, e := range fx.Edits {
				j, ok := byFile[e.File]
				if !ok {
					j = len(sf.ArtifactChanges)
					byFile[e.File] = j
					sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtChange{ArtifactLocation: artifact(dir, e.File)})
				}
				sf.ArtifactChanges[j].Replacements = append(sf.ArtifactChanges[j].Replacements, sarifReplacement{
					DeletedRegion:   cols.region(e.File, e.Line, e.Col, e.EndLine, e.EndCol),
					InsertedContent: sarifText{e.New},
				})
			}
			res.Fixes = append(res.Fixes, sf)
		}
		run.Results = append(run.Results, res)
	}
	data, err := json.MarshalIndent(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// artifact locates file relative to %SRCROOT% when it lies below dir, by
// an absolute file URI otherwise.
func artifact(dir, file string) sarifArtifactL {
	if rel := Rel(dir, file); rel != file {
		return sarifArtifactL{URI: (&url.URL{Path: rel}).String(), URIBaseID: srcRoot}
	}
	return sarifArtifactL{URI: fileURI(filepath.ToSlash(file))}
}

// fileURI is the file URI of an absolute, slash-separated path:
// file:///home/x/ or, for a Windows path C:/x, file:///C:/x.
func fileURI(path string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}

// columns converts Go's byte columns into code-point columns.
type columns struct{ readLines func(string) []string }

func (c columns) region(file string, line, col, endLine, endCol int) sarifRegion {
	r := sarifRegion{StartLine: line, StartColumn: c.col(file, line, col)}
	if endLine > 0 {
		r.EndLine, r.EndColumn = endLine, c.col(file, endLine, endCol)
	}
	return r
}

func (c columns) col(file string, line, col int) int {
	lines := c.readLines(file)
	if line < 1 || line > len(lines) || col < 1 {
		return col
	}
	l := lines[line-1]
	if col-1 > len(l) {
		return col
	}
	return utf8.RuneCountInString(l[:col-1]) + 1
}
