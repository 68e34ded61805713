package version

import (
	"runtime/debug"
	"testing"
)

func TestFormat(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	info := func(version string, settings ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/cqtools/cq", Version: version}}
		for i := 0; i < len(settings); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
		}
		return bi
	}
	for _, tc := range []struct {
		name    string
		release string
		bi      *debug.BuildInfo
		want    string
	}{
		{"go install @version", "", info("v1.2.3"), "v1.2.3"},
		{"pseudo-version of a dirty checkout", "", info("v0.0.0-20250101120000-0123456789ab+dirty", "vcs.revision", rev, "vcs.modified", "true"), "v0.0.0-20250101120000-0123456789ab+dirty"},
		{"release build", "v1.3.0", info("v0.0.0-20250101120000-0123456789ab", "vcs.revision", rev), "v1.3.0"},
		{"release build, no build info", "v1.3.0", nil, "v1.3.0"},
		{"devel, clean", "", info("(devel)", "vcs", "git", "vcs.revision", rev, "vcs.modified", "false"), "devel 0123456789ab"},
		{"devel, dirty", "", info("(devel)", "vcs.revision", rev, "vcs.modified", "true"), "devel 0123456789ab+dirty"},
		{"devel, short revision", "", info("", "vcs.revision", "abc", "vcs.modified", "true"), "devel abc+dirty"},
		{"devel, no vcs", "", info("(devel)", "-buildvcs", "false"), "devel"},
		{"no build info", "", nil, "devel"},
	} {
		if got := format(tc.release, tc.bi); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A test binary has build info but no version of its own: String says
// devel, never "(devel)" or an empty string.
func TestString(t *testing.T) {
	if got := String(); got == "" || got == "(devel)" {
		t.Errorf("String() = %q", got)
	}
}
