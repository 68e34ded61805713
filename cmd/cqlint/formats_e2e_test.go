package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// ruleIDs are the analyzers cqlint runs, as SARIF lists its rules.
var ruleIDs = []string{"cqmodel", "suppress", "resultfield", "signature", "naming", "events"}

// TestSARIF checks the SARIF 2.1.0 structure code-scanning tools read:
// version and schema, one run, every rule in tool.driver.rules with its
// descriptions and help URI, and one result per finding with ruleId,
// ruleIndex, level and a location relative to %SRCROOT%.
func TestSARIF(t *testing.T) {
	dir := copyModule(t, "example")
	r := cqlint(t, dir, "-format=sarif", "./...")
	if r.code != 1 {
		t.Fatalf("want exit 1 with findings, got %s", r)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string            `json:"id"`
						ShortDescription map[string]string `json:"shortDescription"`
						FullDescription  map[string]string `json:"fullDescription"`
						HelpURI          string            `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]struct {
				URI string `json:"uri"`
			} `json:"originalUriBaseIds"`
			Results []struct {
				RuleID    string            `json:"ruleId"`
				RuleIndex int               `json:"ruleIndex"`
				Level     string            `json:"level"`
				Message   map[string]string `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("version %q, schema %q, %d runs: want 2.1.0 and one run", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "cqlint" {
		t.Errorf("tool.driver.name = %q", run.Tool.Driver.Name)
	}
	var ids []string
	for _, rule := range run.Tool.Driver.Rules {
		ids = append(ids, rule.ID)
		if rule.ShortDescription["text"] == "" || rule.FullDescription["text"] == "" {
			t.Errorf("rule %s lacks a description", rule.ID)
		}
		if want := "https://github.com/cqtools/cq/blob/main/docs/rules/" + rule.ID + ".md"; rule.HelpURI != want {
			t.Errorf("rule %s: helpUri %q, want %q", rule.ID, rule.HelpURI, want)
		}
	}
	same(t, "rules", ids, ruleIDs)
	if base := run.OriginalURIBaseIDs["%SRCROOT%"].URI; base != "file://"+filepath.ToSlash(dir)+"/" {
		t.Errorf("%%SRCROOT%% is %q", base)
	}
	var got []string
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(ids) || ids[res.RuleIndex] != res.RuleID {
			t.Errorf("result %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		if res.Level != "error" || !strings.HasPrefix(res.Message["text"], res.RuleID+": ") || len(res.Locations) != 1 {
			t.Errorf("result %+v: want level error, the message and one location", res)
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result at %s: uriBaseId %q", loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID)
		}
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn, res.RuleID))
	}
	slices.Sort(got)
	same(t, "SARIF results", got, exampleFindings)
}

var ghLine = regexp.MustCompile(`^::error file=([^,]+),line=(\d+),col=(\d+)(?:,endLine=\d+,endColumn=\d+)?,title=([a-z]+)::(.+)$`)

// TestGitHub checks the workflow commands GitHub Actions turns into
// annotations.
func TestGitHub(t *testing.T) {
	dir := copyModule(t, "example")
	r := cqlint(t, dir, "-format=github", "./...")
	if r.code != 1 {
		t.Fatalf("want exit 1 with findings, got %s", r)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		m := ghLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("not a workflow command: %q", l)
			continue
		}
		if !strings.HasPrefix(m[5], m[4]+": ") {
			t.Errorf("title %s, message %q", m[4], m[5])
		}
		got = append(got, m[1]+":"+m[2]+":"+m[3]+": "+m[4])
	}
	slices.Sort(got)
	same(t, "github annotations", got, exampleFindings)
}

// TestBaseline is the round trip of a legacy tree: record, rerun (nothing
// new), add a violation above a recorded one (exactly the new one is
// reported), fix a recorded one (its entry is reported stale).
func TestBaseline(t *testing.T) {
	dir := copyModule(t, "example")
	base := filepath.Join(dir, "cq-baseline.json")
	if r := cqlint(t, dir, "-write-baseline="+base, "./..."); r.code != 0 || r.stdout != "" {
		t.Fatalf("-write-baseline: want exit 0 and nothing on stdout, got %s", r)
	}
	first, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Version  int
		Findings []map[string]string
	}
	if err := json.Unmarshal(first, &file); err != nil || file.Version != 1 || len(file.Findings) != len(exampleFindings) {
		t.Fatalf("baseline: %v, version %d, %d entries, want 1 and %d:\n%s", err, file.Version, len(file.Findings), len(exampleFindings), first)
	}
	if !strings.Contains(string(first), `"decl": "SQLStore.GetDashboard"`) || strings.Contains(string(first), `"line"`) {
		t.Errorf("entries are keyed by declaration, never by line:\n%s", first)
	}
	cqlint(t, dir, "-write-baseline="+base, "./...")
	if again, _ := os.ReadFile(base); string(again) != string(first) {
		t.Errorf("a second -write-baseline wrote other bytes:\n%s\n---\n%s", first, again)
	}

	if r := cqlint(t, dir, "-baseline="+base, "./..."); r.code != 0 || r.stderr != "" {
		t.Fatalf("rerun against the baseline: want exit 0 and no output, got %s", r)
	}

	// A new legacy query above GetDashboardQuery moves every recorded
	// finding of the file down.
	edit(t, filepath.Join(dir, "pkg/models/dashboards.go"), "// GetDashboardQuery is a legacy query",
		"type CountDashboardsQuery struct {\n\tOrgID  int64\n\tResult int64\n}\n\n// GetDashboardQuery is a legacy query")
	r := cqlint(t, dir, "-baseline="+base, "./...")
	if r.code != 1 {
		t.Fatalf("with a new violation: want exit 1, got %s", r)
	}
	same(t, "findings not in the baseline", positions(t, findings(r.stderr, dir)), []string{"pkg/models/dashboards.go:18:2: resultfield"})

	// Count gets its context and returns the error last, everywhere.
	edit(t, filepath.Join(dir, "pkg/services/teapot/teapot.go"), "Count(q *GetTeapotQuery) (error, int)", "Count(ctx context.Context, q *GetTeapotQuery) (int, error)")
	edit(t, filepath.Join(dir, "pkg/services/teapot/teapottest/fake.go"), "Count(q *teapot.GetTeapotQuery) (error, int) {\n\treturn f.ExpectedErr, f.ExpectedCount",
		"Count(ctx context.Context, q *teapot.GetTeapotQuery) (int, error) {\n\treturn f.ExpectedCount, f.ExpectedErr")
	edit(t, filepath.Join(dir, "pkg/services/teapot/teapotimpl/teapotimpl.go"), "Count(q *teapot.GetTeapotQuery) (error, int) {", "Count(ctx context.Context, q *teapot.GetTeapotQuery) (int, error) {")
	edit(t, filepath.Join(dir, "pkg/services/teapot/teapotimpl/teapotimpl.go"), "return nil, len(s.teapots)", "return len(s.teapots), nil")
	r = cqlint(t, dir, "-baseline="+base, "./...")
	if r.code != 1 {
		t.Fatalf("after the fix: want exit 1 for the new violation, got %s", r)
	}
	wantStale := base + ": stale entry (fixed, remove it or rerun -write-baseline): signature example.com/example/pkg/services/teapot Service Count"
	if !strings.Contains(r.stderr, wantStale) || strings.Count(r.stderr, "stale entry") != 1 {
		t.Errorf("want exactly one stale entry, %q:\n%s", wantStale, r)
	}
}

// edit replaces old, which must be there, by new in the file.
func edit(t *testing.T, file, old, new string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s lacks %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// -explain prints the rule's page of docs/rules, less its generated-file
// line.
func TestExplain(t *testing.T) {
	for _, rule := range ruleIDs {
		r := cqlint(t, t.TempDir(), "-explain", rule)
		page, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "rules", rule+".md"))
		if err != nil {
			t.Fatal(err)
		}
		_, want, _ := strings.Cut(string(page), "-->\n\n")
		if r.code != 0 || r.stdout != want {
			t.Errorf("cqlint -explain %s: exit %d, output differs from docs/rules/%s.md:\n%s", rule, r.code, rule, r.stdout)
		}
	}
	if r := cqlint(t, t.TempDir(), "-explain", "nosuchrule"); r.code != 2 || !strings.Contains(r.stderr, "no such rule (rules: cqmodel, suppress, resultfield") {
		t.Errorf("-explain of an unknown rule: %s", r)
	}
}
