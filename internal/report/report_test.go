package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestGitHubEscapes(t *testing.T) {
	var b bytes.Buffer
	fs := []Finding{{Rule: "naming", File: "/m/a,b:c.go", Line: 3, Col: 2, Message: "naming: 100% wrong\nsecond line"}}
	if err := GitHub(&b, fs, "/m"); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a%2Cb%3Ac.go,line=3,col=2,title=naming::naming: 100%25 wrong%0Asecond line\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// Go counts columns in bytes, SARIF (as cqlint writes it) in code points.
func TestSARIFColumns(t *testing.T) {
	lines := func(string) []string { return []string{"", "\tx := \"héllo\"; y := 1"} }
	fs := []Finding{{Rule: "r", File: "/m/a.go", Line: 2, Col: 17, EndLine: 2, EndCol: 18, Message: "r: y"}}
	var b bytes.Buffer
	if err := SARIF(&b, fs, []Rule{{ID: "r", Title: "t", HelpURI: "u"}}, "/m", "v", lines); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartColumn, EndColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	loc := log.Runs[0].Results[0].Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "a.go" || loc.Region.StartColumn != 16 || loc.Region.EndColumn != 17 {
		t.Errorf("got %+v, want a.go, columns 16-17", loc)
	}
	if err := SARIF(&b, []Finding{{Rule: "other"}}, nil, "", "", lines); err == nil || !strings.Contains(err.Error(), `unknown rule "other"`) {
		t.Errorf("a finding of an unlisted rule: got %v", err)
	}
}
