package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// MockMode says when cqgen writes the testify mock of a root package.
type MockMode int

const (
	// MocksAuto writes the mock where github.com/stretchr/testify/mock
	// resolves from the root package, as go build would resolve it there
	// (the module's requirements, vendor/, the workspace), and notes
	// the skip elsewhere: a mock that cannot compile breaks the build.
	MocksAuto   MockMode = iota
	MocksAlways          // a root package where testify does not resolve is an error
	MocksNever           // no mocks; a generated mock file left is output to remove
)

var mockModes = []string{MocksAuto: "auto", MocksAlways: "always", MocksNever: "never"}

func (m MockMode) String() string { return mockModes[m] }

// ParseMockMode reads auto, always or never.
func ParseMockMode(s string) (MockMode, error) {
	for i, name := range mockModes {
		if s == name {
			return MockMode(i), nil
		}
	}
	return 0, fmt.Errorf("--mocks=%s: want auto, always or never", s)
}

// An early answer is the question whether testify's mock package resolves,
// asked for the module around cfg.Dir while the packages load: the two go
// commands run side by side instead of one after the other.
type earlyAnswer struct {
	modDir string
	done   chan struct{}
	why    string
	err    error
}

// askEarly starts the question for the module that holds cfg.Dir, or
// returns nil when mocks are off or no go.mod is found above it.
func askEarly(cfg Config) *earlyAnswer {
	if cfg.Mocks == MocksNever {
		return nil
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil
	}
	modDir := dir
	for {
		if _, err := os.Stat(filepath.Join(modDir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(modDir)
		if parent == modDir {
			return nil
		}
		modDir = parent
	}
	a := &earlyAnswer{modDir: modDir, done: make(chan struct{})}
	go func() {
		defer close(a.done)
		a.why, a.err = testifyProblem(cfg, dir, modDir)
	}()
	return a
}

// decideMocks sets r.mocks for every root, asking the go command once per
// module whether testify's mock package resolves there (early, if it
// asked for that module already).
func decideMocks(cfg Config, roots []*root, early *earlyAnswer) error {
	if cfg.Mocks == MocksNever {
		return nil
	}
	problem := map[string]string{} // by module directory: why testify does not resolve, or ""
	var skipped []string
	for _, r := range roots {
		mod := r.dir
		if r.pkg.Module != nil && r.pkg.Module.Dir != "" {
			mod = r.pkg.Module.Dir
		}
		why, asked := problem[mod]
		if !asked {
			var err error
			if early != nil && early.modDir == mod {
				<-early.done
				why, err = early.why, early.err
			} else {
				why, err = testifyProblem(cfg, r.dir, mod)
			}
			if err != nil {
				return err
			}
			problem[mod] = why
		}
		switch {
		case why == "":
			r.mocks = true
		case cfg.Mocks == MocksAlways:
			return fmt.Errorf("--mocks=always, but %s does not resolve from %s: %s", testifyMock, r.pkg.PkgPath, why)
		default:
			skipped = append(skipped, r.pkg.PkgPath)
		}
	}
	if len(skipped) > 0 {
		cfg.note("no mock written for %s: %s does not resolve there (go get github.com/stretchr/testify for one, or --mocks=never to silence this)",
			strings.Join(skipped, ", "), testifyMock)
	}
	return nil
}

// testifyProblem is why testify's mock package does not resolve from
// dir, in the module at modDir, as go list -find says it, or "".
//
// The question must not change the answer: with GOFLAGS=-mod=mod, go list
// would add testify to go.mod (and leave go.sum without it), so it is
// asked with -mod=readonly, or -mod=vendor where the module vendors.
func testifyProblem(cfg Config, dir, modDir string) (string, error) {
	mod := "-mod=readonly"
	if _, err := os.Stat(filepath.Join(modDir, "vendor", "modules.txt")); err == nil {
		mod = "-mod=vendor"
	}
	pcfg := &packages.Config{Mode: packages.NeedName, Dir: dir, BuildFlags: []string{mod}}
	if len(cfg.Tags) > 0 {
		pcfg.BuildFlags = append(pcfg.BuildFlags, "-tags="+strings.Join(cfg.Tags, ","))
	}
	pkgs, err := packages.Load(pcfg, testifyMock)
	if err != nil {
		return "", fmt.Errorf("asking whether %s resolves from %s: %v", testifyMock, dir, err)
	}
	if len(pkgs) != 1 {
		return "no package", nil
	}
	if errs := pkgs[0].Errors; len(errs) > 0 {
		first, _, _ := strings.Cut(errs[0].Msg, "\n")
		first, _, _ = strings.Cut(first, "; to add it")
		return first, nil
	}
	return "", nil
}
