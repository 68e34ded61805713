package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"

	"github.com/google/go-cmp/cmp"
)

// refactorRefused are the types of testdata/refactormod that cqgen
// refactor refuses, as testdata/refactormod/EXPECTED.md explains, but for
// one documented policy (docs/refactor-rewrite.md, "A conversion"):
// ImportProductsCommand (a Result read after a tolerated error) converts,
// since every producer returns its value together with its error, so the
// partial count survives; its tests check that it does.
var refactorRefused = []string{
	"ApplyDiscountCommand", "ApplyTaxCommand",
	"GetShippingQuoteQuery", "GetTaxRatesQuery", "NotifyCustomerCommand",
	"SearchProductsQuery",
}

// TestRefactorEndToEnd runs the built cqgen refactor on a copy of
// testdata/refactormod the way a user would, then builds, vets and tests
// the result (its tests assert concrete values), checks that only the
// refused types keep a Result field, and that a second run changes
// nothing. --diff and --dry-run must write nothing.
func TestRefactorEndToEnd(t *testing.T) {
	e2e.Require(t, "converts a module, then builds, vets and tests it")
	dir := refactorModCopy(t)
	before := refactorSnapshot(t, dir)

	// --dry-run and --diff write nothing.
	out, code := refactorRun(t, dir, "refactor", "-q", "--dry-run")
	if code != 1 || !strings.Contains(out, "convert shop.GetProductQuery (Result *shop.Product)") {
		t.Errorf("--dry-run: exit %d, output:\n%s", code, out)
	}
	out, code = refactorRun(t, dir, "refactor", "-q", "--diff")
	if code != 1 || !strings.Contains(out, "+++ b/pkg/services/shop/queries.go") {
		t.Errorf("--diff: exit %d, output:\n%s", code, out)
	}
	if diff := cmp.Diff(before, refactorSnapshot(t, dir)); diff != "" {
		t.Fatalf("--dry-run or --diff changed the tree:\n%s", diff)
	}

	out, code = refactorRun(t, dir, "refactor", "./...")
	if code != 1 {
		t.Fatalf("cqgen refactor: exit %d, want 1 (some types refused); output:\n%s", code, out)
	}
	if got := refactorRefusedTypes(out); !cmp.Equal(got, refactorRefused) {
		t.Errorf("refused %v, want %v; output:\n%s", got, refactorRefused, out)
	}
	for _, want := range []string{"converted 27 types:", "shop.GetTagsQuery", "shop.GetTagQuery", "shop.CountTagsQuery", "shop.AddTagCommand", "shop.RenameTagCommand", "shop.CountProductsQuery", "shop.ImportProductsCommand", "shop.GetLegacyPriceListQuery", "shop.GetPriceListQuery", "shop.GetCouponQuery", "shop.GetLoyaltyPointsQuery",
		"shop.GetWishlistQuery", "shop.ListWishesQuery", "shop.CountWishesQuery", "shop.IsWishedQuery", "shop.AddWishCommand", "files changed: "} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	refactorBuilds(t, dir)
	if got := refactorResultFields(t, filepath.Join(dir, "pkg/services/shop")); !cmp.Equal(got, refactorRefused) {
		t.Errorf("types left with a Result field: %v, want the refused ones %v", got, refactorRefused)
	}

	// The tests assert what they asserted before: the rewrite changes how
	// values are obtained, never a check.
	if b, a := refactorAssertions(before), refactorAssertions(refactorSnapshot(t, dir)); !cmp.Equal(b, a) {
		t.Errorf("assertions in the tests changed (-before +after):\n%s", cmp.Diff(b, a))
	}

	// A second run changes nothing and refuses the same types.
	after := refactorSnapshot(t, dir)
	out, code = refactorRun(t, dir, "refactor", "-q")
	if code != 1 || !cmp.Equal(refactorRefusedTypes(out), refactorRefused) || !strings.Contains(out, "converted 0 types") {
		t.Errorf("second run: exit %d, output:\n%s", code, out)
	}
	if diff := cmp.Diff(after, refactorSnapshot(t, dir)); diff != "" {
		t.Errorf("second run changed the tree:\n%s", diff)
	}
}

// refactorModCopy copies testdata/refactormod into a temporary directory
// (skipping the test with -short: it builds and tests a module).
func refactorModCopy(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and tests a module")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/refactormod")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// refactorBuilds builds, vets and tests the module in dir, and checks
// that it is gofmt-clean.
func refactorBuilds(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s after the refactoring: %v\n%s", strings.Join(args, " "), err, b)
		}
	}
	if b, err := exec.Command("gofmt", "-l", dir).CombinedOutput(); err != nil || len(b) > 0 {
		t.Errorf("gofmt -l: %v\n%s", err, b)
	}
}

// refactorRun runs the built cqgen in dir and returns its combined output
// and exit code.
func refactorRun(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	return hostileRun(t, dir, nil, cqgenBin, args...)
}

var refusalLine = regexp.MustCompile(`(?m)^\t\S+:\d+:\d+: shop\.(\w+): `)

// refactorRefusedTypes are the type names the summary lists as refused.
func refactorRefusedTypes(out string) []string {
	var names []string
	for _, m := range refusalLine.FindAllStringSubmatch(out, -1) {
		names = append(names, m[1])
	}
	sort.Strings(names)
	return names
}

// refactorResultFields are the struct types of the package in dir that
// still have a Result field.
func refactorResultFields(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			if st, ok := ts.Type.(*ast.StructType); ok {
				for _, fld := range st.Fields.List {
					for _, id := range fld.Names {
						if id.Name == "Result" {
							names = append(names, ts.Name.Name)
						}
					}
				}
			}
			return false
		})
	}
	sort.Strings(names)
	return names
}

var assertion = regexp.MustCompile(`\b(t\.(Fatal|Fatalf|Error|Errorf)|\.Assert\w+)\(`)

// refactorAssertions counts the assertions of each test file.
func refactorAssertions(files map[string]string) map[string]int {
	out := map[string]int{}
	for name, src := range files {
		if strings.HasSuffix(name, "_test.go") {
			out[name] += len(assertion.FindAllString(src, -1))
		}
	}
	return out
}

func refactorSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		out[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
