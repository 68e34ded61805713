package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/report"
)

func finding(rule, decl, ident string, line int) report.Finding {
	return report.Finding{Rule: rule, Package: "m/p", Decl: decl, Ident: ident, File: "/m/p/a.go", Line: line}
}

// Keys are matched as multisets and never by line.
func TestFilter(t *testing.T) {
	recorded := []report.Finding{
		finding("resultfield", "S.Get", "Get", 10),
		finding("resultfield", "S.Get", "Get", 12),
		finding("signature", "Service", "Count", 40),
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(path, Marshal(recorded), 0o644); err != nil {
		t.Fatal(err)
	}
	entries, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	now := []report.Finding{
		finding("resultfield", "S.Get", "Get", 20),
		finding("resultfield", "S.Get", "Get", 22),
		finding("resultfield", "S.Get", "Get", 24), // a third one
		finding("naming", "S.Get", "Get", 20),      // another rule
	}
	fresh, stale := Filter(entries, now)
	if len(fresh) != 2 || fresh[0].Line != 24 || fresh[1].Rule != "naming" {
		t.Errorf("fresh = %+v, want the third resultfield and the naming finding", fresh)
	}
	if len(stale) != 1 || stale[0].Rule != "signature" {
		t.Errorf("stale = %+v, want the signature entry", stale)
	}
}

func TestMarshalSorted(t *testing.T) {
	a := Marshal([]report.Finding{finding("signature", "B", "x", 1), finding("naming", "A", "y", 9)})
	b := Marshal([]report.Finding{finding("naming", "A", "y", 3), finding("signature", "B", "x", 2)})
	if string(a) != string(b) || strings.Index(string(a), `"A"`) > strings.Index(string(a), `"B"`) {
		t.Errorf("not sorted, or depends on order or lines:\n%s\n%s", a, b)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"version": `{"version": 2, "findings": []}`,
		"unknown": `{"version": 1, "findings": [{"rule": "naming", "line": 3}]}`,
		"notjson": `resultfield`,
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o644)
		if _, err := Read(path); err == nil || !strings.HasPrefix(err.Error(), path+": ") {
			t.Errorf("%s: got %v, want an error naming the file", name, err)
		}
	}
}
