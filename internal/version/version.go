// Package version says which cq a binary is, for cqlint -V, cqgen
// --version and the SARIF log's tool.driver.version.
//
// In order of preference: the version a release build sets with
//
//	go build -ldflags "-X github.com/cqtools/cq/internal/version.release=v1.2.3"
//
// the main module's version that the go command recorded (go install
// github.com/cqtools/cq/cmd/cqlint@v1.2.3, or a build in a git checkout,
// which the go command stamps with the tag or a pseudo-version), and
// otherwise "devel" with the commit the binary was built from, when the
// go command recorded one, and +dirty when the tree had changes.
package version

import (
	"runtime/debug"
)

// release is set by release builds with -ldflags -X. It comes first: a
// release engineer who sets it means it, whatever the checkout says.
var release string

// String is the running binary's version: v1.2.3, a pseudo-version
// (v0.0.0-20250101120000-abcdef123456+dirty), "devel abcdef123456+dirty",
// or "devel" when nothing is known.
func String() string {
	bi, _ := debug.ReadBuildInfo()
	return format(release, bi)
}

// format computes String's result from the -X value and the build info
// (nil when the binary has none).
func format(release string, bi *debug.BuildInfo) string {
	if release != "" {
		return release
	}
	if bi == nil {
		return "devel"
	}
	// "(devel)" is what the go command records when it knows no
	// version (a build with -buildvcs=false, or outside a repository).
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	// As long as a pseudo-version's: short, and still unambiguous in a
	// large repository.
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return "devel " + rev
}
