package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

// Paths are relative to the repository's root, here the parent of the
// module: %SRCROOT% is that root as a file URI ending in a slash, each
// location names it as its uriBaseId, and a file outside it (a
// dependency's) is an absolute file URI instead.
func TestSARIFRoot(t *testing.T) {
	lines := func(string) []string { return nil }
	fs := []Finding{
		{Rule: "r", File: "/repo/backend/pkg/a.go", Line: 2, Col: 1, Message: "r: in the module"},
		{Rule: "r", File: "/elsewhere/b.go", Line: 3, Col: 1, Message: "r: outside the root"},
	}
	for _, root := range []string{"/repo", "/repo/"} {
		var b bytes.Buffer
		if err := SARIF(&b, fs, []Rule{{ID: "r", Title: "t", HelpURI: "u"}}, root, "v", lines); err != nil {
			t.Fatal(err)
		}
		var log sarifLog
		if err := json.Unmarshal(b.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		run := log.Runs[0]
		if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///repo/" {
			t.Errorf("root %s: %%SRCROOT%% is %q, want file:///repo/", root, got)
		}
		var got []string
		for _, r := range run.Results {
			loc := r.Locations[0].PhysicalLocation.ArtifactLocation
			got = append(got, loc.URIBaseID+" "+loc.URI)
		}
		if want := []string{"%SRCROOT% backend/pkg/a.go", " file:///elsewhere/b.go"}; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("root %s: locations %q, want %q", root, got, want)
		}
	}
}

func TestFileURI(t *testing.T) {
	for path, want := range map[string]string{
		"/repo/":        "file:///repo/",
		"/":             "file:///",
		"C:/src/repo/":  "file:///C:/src/repo/",
		"/a b/c#d.go":   "file:///a%20b/c%23d.go",
		"/repo/x/%y.go": "file:///repo/x/%25y.go",
	} {
		if got := fileURI(path); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", path, got, want)
		}
	}
}

// GitHub resolves an annotation's file against the repository's root: a
// module in backend/ annotates backend/pkg/... .
func TestGitHubRoot(t *testing.T) {
	var b bytes.Buffer
	fs := []Finding{{Rule: "r", File: "/repo/backend/pkg/a.go", Line: 3, Col: 2, EndLine: 3, EndCol: 9, Message: "r: m"}}
	if err := GitHub(&b, fs, "/repo"); err != nil {
		t.Fatal(err)
	}
	if want := "::error file=backend/pkg/a.go,line=3,col=2,endLine=3,endColumn=9,title=r::r: m\n"; b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// TestReadJSON reads back what JSON writes, and keeps an analyzer's
// error for the caller.
func TestReadJSON(t *testing.T) {
	fs := []Finding{
		{Rule: "naming", PkgID: "m/b", File: "/m/b.go", Line: 3, Col: 2, Message: "naming: x"},
		{Rule: "resultfield", PkgID: "m/a", File: "C:/m/a.go", Line: 10, Col: 7, EndLine: 10, EndCol: 12, Message: "resultfield: y", Category: "legacy"},
	}
	var b bytes.Buffer
	if err := JSON(&b, fs); err != nil {
		t.Fatal(err)
	}
	got, err := ReadJSON(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := append([]Finding(nil), fs...)
	Sort(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ReadJSON(JSON(fs)) (-want +got):\n%s", d)
	}

	withError := `{"m/c": {"signature": {"error": "boom"}}, "m/a": {"naming": [{"posn": "/m/a.go:1:2", "end": "/m/a.go:1:2", "message": "naming: z"}]}}`
	got, err = ReadJSON([]byte(withError))
	if err == nil || !strings.Contains(err.Error(), `m/c: signature: {"error": "boom"}`) {
		t.Errorf("an analyzer's error: got %v", err)
	}
	if len(got) != 1 || got[0].File != "/m/a.go" || got[0].Line != 1 || got[0].Col != 2 || got[0].EndLine != 0 {
		t.Errorf("the readable finding beside the error: %+v", got)
	}
	if _, err := ReadJSON([]byte("not json")); err == nil {
		t.Error("no error for input that is not JSON")
	}
}
