package vettool

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers"
)

type fact struct{}

func (*fact) AFact() {}

func TestFactsOnly(t *testing.T) {
	plain := &analysis.Analyzer{Name: "plain", Doc: "plain", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	withFacts := &analysis.Analyzer{Name: "facts", Doc: "facts", Run: plain.Run, FactTypes: []analysis.Fact{new(fact)}}
	needsFacts := &analysis.Analyzer{Name: "needs", Doc: "needs", Run: plain.Run, Requires: []*analysis.Analyzer{withFacts}}

	dir := t.TempDir()
	vetx := filepath.Join(dir, "vet.out")
	cfg := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		return p
	}
	factsCfg := cfg("facts.cfg", `{"ImportPath": "fmt", "VetxOnly": true, "VetxOutput": "`+filepath.ToSlash(vetx)+`"}`)
	rootCfg := cfg("root.cfg", `{"ImportPath": "example.com/p", "VetxOnly": false, "VetxOutput": "`+filepath.ToSlash(vetx)+`"}`)
	badCfg := cfg("bad.cfg", `{"VetxOnly": tru`)

	for _, tc := range []struct {
		name      string
		args      []string
		analyzers []*analysis.Analyzer
		want      bool
	}{
		{"facts-only action", []string{"-json", factsCfg}, []*analysis.Analyzer{plain}, true},
		{"an analyzer has facts", []string{factsCfg}, []*analysis.Analyzer{plain, withFacts}, false},
		{"a required analyzer has facts", []string{factsCfg}, []*analysis.Analyzer{needsFacts}, false},
		{"the package being vetted", []string{rootCfg}, []*analysis.Analyzer{plain}, false},
		{"unreadable config", []string{badCfg}, []*analysis.Analyzer{plain}, false},
		{"missing config", []string{filepath.Join(dir, "gone.cfg")}, []*analysis.Analyzer{plain}, false},
		{"standalone", []string{"./..."}, []*analysis.Analyzer{plain}, false},
		{"no arguments", nil, []*analysis.Analyzer{plain}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(vetx)
			if got := factsOnly(tc.args, tc.analyzers); got != tc.want {
				t.Fatalf("factsOnly = %v, want %v", got, tc.want)
			}
			data, err := os.ReadFile(vetx)
			switch {
			case tc.want && (err != nil || len(data) != 0):
				t.Errorf("facts file: %q, %v; want an empty file, as unitchecker writes without facts", data, err)
			case !tc.want && !errors.Is(err, os.ErrNotExist):
				t.Errorf("facts file written (%v) for an action left to multichecker", err)
			}
		})
	}
}

// cqlint's analyzers have no facts (cqmodel's documentation says why), so
// go vet's facts-only actions cost it nothing.
func TestCqlintHasNoFacts(t *testing.T) {
	if usesFacts(analyzers.All, map[*analysis.Analyzer]bool{}) {
		t.Error("an analyzer of cqlint has facts: every go vet action on a dependency now parses and type-checks it")
	}
}

func TestVersionFlag(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		value string
		ok    bool
	}{
		{[]string{"-V=full"}, "full", true},
		{[]string{"--V=full"}, "full", true},
		{[]string{"-V"}, "true", true},
		{[]string{"-json", "-V=x"}, "x", true},
		{[]string{"-flags"}, "", false},
		{[]string{"-Vfull"}, "", false},
		{[]string{"--", "-V=full"}, "", false},
		{[]string{"V=full"}, "", false},
	} {
		value, ok := versionFlag(tc.args)
		if value != tc.value || ok != tc.ok {
			t.Errorf("versionFlag(%q) = %q, %v; want %q, %v", tc.args, value, ok, tc.value, tc.ok)
		}
	}
}

// goCommandToolID is what cmd/go (internal/work.Builder.toolID) makes of
// a vet tool's -V=full line: an error for a line it rejects, else the key
// of its cache of vet results.
func goCommandToolID(line string) (string, error) {
	f := strings.Fields(line)
	if len(f) < 3 || f[1] != "version" || strings.Contains(f[2], "devel") && !strings.HasPrefix(f[len(f)-1], "buildID=") {
		return "", fmt.Errorf("go: parsing buildID from -V=full: unexpected output:\n\t%s", line)
	}
	if strings.Contains(f[2], "devel") {
		id := f[len(f)-1]
		return id[strings.LastIndex(id, "/")+1:], nil
	}
	return strings.TrimSpace(line), nil
}

// -V=full names the version and the content hash of the executable, in
// the form the go command parses; the hash, which changes with the binary
// whatever its version says, is in the cache key.
func TestVersionFull(t *testing.T) {
	hash, err := executableHash()
	if err != nil {
		t.Fatal(err)
	}
	if len(hash) != 64 {
		t.Fatalf("executableHash() = %q, want a hex sha256", hash)
	}
	for _, v := range []string{"v1.2.3", "v0.0.0-20250101120000-0123456789ab+dirty", "devel 0123456789ab+dirty", "devel"} {
		var stdout, stderr bytes.Buffer
		if code := printVersion(&stdout, &stderr, "cqlint version "+v, "full"); code != 0 || stderr.Len() > 0 {
			t.Fatalf("%s: exit %d, stderr %q", v, code, stderr.String())
		}
		want := "cqlint version " + v + " buildID=" + hash + "\n"
		if stdout.String() != want {
			t.Errorf("-V=full: got %q, want %q", stdout.String(), want)
		}
		id, err := goCommandToolID(stdout.String())
		if err != nil {
			t.Errorf("%s: %v", v, err)
		} else if !strings.Contains(id, hash) {
			t.Errorf("%s: the go command's key %q lacks the content hash", v, id)
		}
	}

	var stdout, stderr bytes.Buffer
	if code := printVersion(&stdout, &stderr, "cqlint version v1.2.3", "true"); code != 0 || stdout.String() != "cqlint version v1.2.3\n" {
		t.Errorf("-V: exit %d, %q", code, stdout.String())
	}
	stdout.Reset()
	if code := printVersion(&stdout, &stderr, "cqlint version v1.2.3", "short"); code != 2 || stdout.Len() > 0 || stderr.String() != "cqlint: unsupported flag value: -V=short (use -V or -V=full)\n" {
		t.Errorf("-V=short: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}
