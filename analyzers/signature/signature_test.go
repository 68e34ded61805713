package signature_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/cqtools/cq/analyzers/signature"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), signature.Analyzer,
		"teapot", "teapot/teapotimpl", "teapot/teapottest", "dashboards", "cloudwatch", "api", "crd", "generic", "grpcsvc", "sdkfamily")
}

// In module mode: a data source's handlers take its query models beside
// the SDK's request (another module's), and are no service methods.
func TestDataSourceModels(t *testing.T) {
	analysistest.Run(t, filepath.Join(analysistest.TestData(), "mod"), signature.Analyzer, "example.com/app/...")
}

// setFlag sets an analyzer flag for the rest of the test.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	f := signature.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

func TestPointerArgs(t *testing.T) {
	t.Run("require", func(t *testing.T) {
		setFlag(t, "pointer-args", "require")
		analysistest.Run(t, analysistest.TestData(), signature.Analyzer, "ptr")
	})
	t.Run("forbid", func(t *testing.T) {
		setFlag(t, "pointer-args", "forbid")
		analysistest.Run(t, analysistest.TestData(), signature.Analyzer, "ptrforbid")
	})
	if err := signature.Analyzer.Flags.Set("pointer-args", "sometimes"); err == nil {
		t.Error("-pointer-args=sometimes accepted")
	}
}

// With -root-package=false the shared models package is fine.
func TestRootPackageOff(t *testing.T) {
	setFlag(t, "root-package", "false")
	analysistest.Run(t, analysistest.TestData(), signature.Analyzer, "legacy")
}
