package program

import (
	"go/build"
	"go/build/constraint"
	"strings"
	"testing"
)

func TestParseConfig(t *testing.T) {
	for in, want := range map[string]string{
		"GOOS=windows":                           "GOOS=windows",
		"tags=enterprise":                        "tags=enterprise",
		"  tags=b,a   GOARCH=arm64 GOOS=darwin ": "GOOS=darwin GOARCH=arm64 tags=a,b",
		"CGO_ENABLED=0":                          "CGO_ENABLED=0",
	} {
		c, err := ParseConfig(in)
		if err != nil || c.String() != want {
			t.Errorf("ParseConfig(%q) = %q, %v; want %q", in, c.String(), err, want)
		}
	}
	for in, want := range map[string]string{
		"":                    "empty configuration",
		"GOOS":                "not key=value",
		"GOOS=":               "not key=value",
		"GOOS=plan10":         "unknown GOOS",
		"GOARCH=z80":          "unknown GOARCH",
		"CGO_ENABLED=yes":     "CGO_ENABLED is 0 or 1",
		"tags=a,,b":           "empty tag",
		"GOFLAGS=-mod=vendor": `unknown key "GOFLAGS"`,
		"tags=a tags=b":       "tags given twice",
	} {
		if _, err := ParseConfig(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseConfig(%q): error %v, want one containing %q", in, err, want)
		}
	}
}

// The suggestion for an excluded file comes from its name's GOOS/GOARCH
// suffix and its //go:build line, changing as little of the environment's
// configuration as satisfies both.
func TestSuggestConfig(t *testing.T) {
	if build.Default.GOOS == "windows" || build.Default.GOOS == "plan9" {
		t.Skip("the cases assume a host that is neither windows nor plan9")
	}
	for _, tc := range []struct{ name, build, want string }{
		{"x_windows.go", "", "GOOS=windows"},
		{"x_windows_test.go", "", "GOOS=windows"},
		{"x_darwin_arm64.go", "", "GOOS=darwin GOARCH=arm64"},
		{"windows.go", "//go:build enterprise", "tags=enterprise"},
		{"x.go", "//go:build ignore", "tags=ignore"},
		{"x.go", "//go:build windows && (pro || enterprise)", "GOOS=windows tags=enterprise"},
		{"x.go", "//go:build plan9 && !cgo", "GOOS=plan9" + cgoOff()},
		{"x_linux.go", "//go:build windows", ""},
		{"x.go", "//go:build a && !a", ""},
	} {
		var expr constraint.Expr
		if tc.build != "" {
			var err error
			if expr, err = constraint.Parse(tc.build); err != nil {
				t.Fatal(err)
			}
		}
		if got := suggestConfig(tc.name, expr, ""); got != tc.want {
			t.Errorf("suggestConfig(%q, %q) = %q, want %q", tc.name, tc.build, got, tc.want)
		}
	}
}

// cgoOff is what the suggestion adds to switch cgo off on this host.
func cgoOff() string {
	if build.Default.CgoEnabled {
		return " CGO_ENABLED=0"
	}
	return ""
}
