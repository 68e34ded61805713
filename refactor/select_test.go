package refactor

import "testing"

// A list item is a package pattern or a type name, told apart as
// docs/refactor.md says; patterns match as the go command's.
func TestPackagePatterns(t *testing.T) {
	for s, want := range map[string]bool{
		"GetOrgQuery": false, "models.GetOrgQuery": false, "pkg/models.GetOrgQuery": false,
		"github.com/grafana/grafana/pkg/models.GetOrgQuery": false,
		".": true, "..": true, "./pkg/x": true, "../y/...": true, "/abs/dir": true,
		"github.com/grafana/grafana/pkg/services/...": true, "github.com/grafana/grafana/pkg/models": true,
		"pkg/...": true,
	} {
		if got := isPackagePattern(s); got != want {
			t.Errorf("isPackagePattern(%q) = %v, want %v", s, got, want)
		}
	}
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"a/b/...", "a/b", true},
		{"a/b/...", "a/b/c/d", true},
		{"a/b/...", "a/bc", false},
		{"a/.../d", "a/b/c/d", true},
		{"a/.../d", "a/d", false}, // as go's: only a trailing /... matches the path before it
		{"a/b", "a/b/c", false},
		{"a.b/c", "aXb/c", false}, // dots are literal
	} {
		if got := patternRegexp(tc.pattern).MatchString(tc.path); got != tc.want {
			t.Errorf("%q matches %q: %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}
