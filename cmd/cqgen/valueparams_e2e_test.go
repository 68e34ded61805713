package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cqtools/cq/internal/e2e"

	"github.com/google/go-cmp/cmp"
)

// valueKept are the types of testdata/refactormod that --value-params
// converts keeping the query's pointer, and why: a fake appends it to
// its record, a home-grown mock hands it to its recorder as an interface
// value.
var valueKept = map[string]string{
	"AddWishCommand":        "FakeWishlistStore.AddWish passes it to append",
	"GetLoyaltyPointsQuery": "MockLoyaltyService.GetLoyaltyPoints passes it to m.Called as an interface value",
	"GetTagsQuery":          "Store.GetTags writes its field Prefix",
}

// TestRefactorValueParams runs cqgen refactor --value-params on a copy of
// testdata/refactormod: the same types convert and are refused as
// without it, all but valueKept take the query by value (interfaces,
// implementations, fakes, mockery mocks and their expectations, callers),
// and the module builds, vets and passes its tests, which assert what
// they asserted before.
func TestRefactorValueParams(t *testing.T) {
	e2e.Require(t, "converts a module with --value-params and runs its tests before and after")
	dir := refactorModCopy(t)
	before := refactorSnapshot(t, dir)
	// --dry-run says it per type, and writes nothing.
	out, _ := refactorRun(t, dir, "refactor", "-q", "--dry-run", "--value-params")
	for _, want := range []string{"\tshop.GetProductQuery: query taken by value\n", "\tshop.AddWishCommand: query kept as a pointer: pkg/services/shop/shoptest/wishlist.go:"} {
		if !strings.Contains(out, want) {
			t.Errorf("--dry-run --value-params lacks %q:\n%s", want, out)
		}
	}
	if diff := cmp.Diff(before, refactorSnapshot(t, dir)); diff != "" {
		t.Fatalf("--dry-run changed the tree:\n%s", diff)
	}
	out, code := refactorRun(t, dir, "refactor", "-q", "--value-params", "./...")
	if code != 1 {
		t.Fatalf("cqgen refactor --value-params: exit %d, want 1 (some types refused); output:\n%s", code, out)
	}
	// The refusals follow the by-value lines, which name types the same way.
	refused := out
	if i := strings.Index(out, "\nrefused "); i >= 0 {
		refused = out[i:]
	}
	if got := refactorRefusedTypes(refused); !cmp.Equal(got, refactorRefused) {
		t.Errorf("refused %v, want %v; output:\n%s", got, refactorRefused, out)
	}
	m := regexp.MustCompile(`(?m)^taken by value (\d+) types: (.*)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no by-value line in the summary:\n%s", out)
	}
	converted := regexp.MustCompile(`(?m)^converted (\d+) types: (.*)$`).FindStringSubmatch(out)
	if converted == nil {
		t.Fatalf("no converted line in the summary:\n%s", out)
	}
	byValue := strings.Split(m[2], ", ")
	for _, name := range strings.Split(converted[2], ", ") {
		short := strings.TrimPrefix(name, "shop.")
		_, kept := valueKept[short]
		if byVal := slices.Contains(byValue, name); kept == byVal {
			t.Errorf("%s: taken by value %v, want %v; output:\n%s", name, byVal, !kept, out)
		}
	}
	for name, why := range valueKept {
		if !regexp.MustCompile(`(?m)^\t\S+:\d+:\d+: shop\.` + name + `: ` + regexp.QuoteMeta(why)).MatchString(out) {
			t.Errorf("summary does not say why %s keeps its pointer (%q):\n%s", name, why, out)
		}
	}
	refactorBuilds(t, dir)
	after := refactorSnapshot(t, dir)
	if b, a := refactorAssertions(before), refactorAssertions(after); !cmp.Equal(b, a) {
		t.Errorf("assertions in the tests changed (-before +after):\n%s", cmp.Diff(b, a))
	}
	// The seed's form where it applies, the pointer where it does not.
	var all strings.Builder
	for _, src := range after {
		all.WriteString(src)
	}
	for _, want := range []string{
		"GetProduct(ctx context.Context, query GetProductQuery) (*Product, error)",
		"GetLoyaltyPoints(ctx context.Context, query *GetLoyaltyPointsQuery) (int64, error)",
		`mock.AnythingOfType("shop.CountWishesQuery")`,
		"mock.MatchedBy(func(q shop.IsWishedQuery) bool",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the rewritten module has no %q", want)
		}
	}
}
