package main_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// jsonCounts counts the findings of cqlint -json: in all, by rule and by
// package.
func jsonCounts(t *testing.T, dir string) (total int, byRule, byPkg map[string]int) {
	t.Helper()
	r := cqlint(t, dir, "-json", "./...")
	var tree map[string]map[string][]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("cqlint -json: %v\n%s", err, r)
	}
	byRule, byPkg = map[string]int{}, map[string]int{}
	for pkg, rules := range tree {
		pkg, _, _ = strings.Cut(pkg, " ") // p [p.test] is p
		for rule, diags := range rules {
			total += len(diags)
			byRule[rule] += len(diags)
			byPkg[pkg] += len(diags)
		}
	}
	return total, byRule, byPkg
}

// TestHTMLReport checks the migration report's counts against the JSON
// output, its plan section against the hand-written plan, that it needs
// nothing from outside the page, and that headless Chromium loads it
// without an error (skipped without Chromium, unless CQ_REQUIRE_CHROMIUM=1,
// as .ci/run sets).
func TestHTMLReport(t *testing.T) {
	dir := copyModule(t, "example")
	plan, err := filepath.Abs(filepath.Join("testdata", "example-plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := cqlint(t, dir, "-format=html", "-refactor-plan="+plan, "./...")
	if r.code != 1 {
		t.Fatalf("want exit 1 with findings, got %s", r)
	}
	page := r.stdout
	total, byRule, byPkg := jsonCounts(t, dir)

	number := func(id string) int {
		m := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `">(\d+)<`).FindStringSubmatch(page)
		if m == nil {
			t.Errorf("the page has no count %s", id)
			return -1
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	if got := number("n-total"); got != total {
		t.Errorf("page total %d, JSON %d", got, total)
	}
	for _, rule := range ruleIDs {
		if got := number("n-rule-" + rule); got != byRule[rule] {
			t.Errorf("page: %d %s findings, JSON %d", got, rule, byRule[rule])
		}
	}
	rows := regexp.MustCompile(`<tr data-package="([^"]+)"><td>[^<]*</td><td class="n">(\d+)</td>`).FindAllStringSubmatch(page, -1)
	if len(rows) != len(byPkg) {
		t.Errorf("page lists %d packages, JSON %d", len(rows), len(byPkg))
	}
	for _, m := range rows {
		if n, _ := strconv.Atoi(m[2]); n != byPkg[m[1]] {
			t.Errorf("page: %d findings in %s, JSON %d", n, m[1], byPkg[m[1]])
		}
	}
	if got := strings.Count(page, "<tr data-finding="); got != total {
		t.Errorf("page lists %d findings, JSON %d", got, total)
	}
	if got := strings.Count(page, `<a href="https://github.com/cqtools/cq/blob/main/docs/rules/`); got != total+len(ruleIDs) {
		t.Errorf("%d links to rule pages, want one per finding and per rule (%d)", got, total+len(ruleIDs))
	}
	for _, want := range []string{
		`<tr data-resultfield="example.com/example/pkg/models.GetDashboardQuery">`,
		`<code>cqgen refactor --types=GetDashboardQuery,SearchDashboardsQuery</code>`,
		`<span class="refused">refused</span><br>pkg/api/api.go:31:3: query.Result is read after the query is passed to a second handler`,
		`id="n-plan-converted">1<`, `id="n-plan-refused">1<`, `<svg class="chart"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// Self-contained: no script, style sheet, image or font from a URL.
	for _, rx := range []string{`<script[^>]+src=`, `<link`, `<img`, `url\(`, `@import`, `src="http`} {
		if regexp.MustCompile(rx).MatchString(page) {
			t.Errorf("page loads an outside asset (%s)", rx)
		}
	}

	if r := cqlint(t, dir, "-format=html", "-refactor-plan="+filepath.Join(dir, "go.mod"), "./..."); r.code != 2 || !strings.Contains(r.stderr, "not a refactor plan") {
		t.Errorf("a plan that is no plan: want exit 2 and the reason, got %s", r)
	}

	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	chromium(t, file)
}

// chromium loads the page in headless Chromium and checks that its script
// ran to the end without an error, and its sort self-test passed.
func chromium(t *testing.T, file string) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CQ_REQUIRE_CHROMIUM") == "1" {
			t.Fatalf("CQ_REQUIRE_CHROMIUM=1 but no chromium: %v", err)
		}
		t.Skip("no chromium on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
		"--dump-dom", "file://"+file+"#selftest")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	body := regexp.MustCompile(`<body[^>]*>`).FindString(string(dom))
	if !strings.Contains(body, `data-ready="yes"`) || !strings.Contains(body, `data-selftest="pass"`) || strings.Contains(body, "data-errors") {
		t.Errorf("the page's script did not run cleanly: %s\n%s", body, stderr.String())
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "CONSOLE") {
			t.Errorf("console message: %s", l)
		}
	}
}

// TestStatsAndMarkdown checks the terminal table and the checklist
// against the JSON output.
func TestStatsAndMarkdown(t *testing.T) {
	dir := copyModule(t, "example")
	total, byRule, byPkg := jsonCounts(t, dir)

	r := cqlint(t, dir, "-format=stats", "./...")
	if r.code != 1 {
		t.Fatalf("-format=stats: want exit 1, got %s", r)
	}
	cells := map[string]string{}
	for _, l := range strings.Split(r.stdout, "\n") {
		if f := strings.Fields(l); len(f) >= 2 {
			cells[f[0]] = f[1]
		}
	}
	if cells["total"] != strconv.Itoa(total) {
		t.Errorf("stats total %q, JSON %d\n%s", cells["total"], total, r.stdout)
	}
	for _, rule := range ruleIDs {
		if cells[rule] != strconv.Itoa(byRule[rule]) {
			t.Errorf("stats: %s %q, JSON %d", rule, cells[rule], byRule[rule])
		}
	}
	for pkg, n := range byPkg {
		if cells[pkg] != strconv.Itoa(n) {
			t.Errorf("stats: %s %q, JSON %d", pkg, cells[pkg], n)
		}
	}

	r = cqlint(t, dir, "-format=markdown", "./...")
	if r.code != 1 {
		t.Fatalf("-format=markdown: want exit 1, got %s", r)
	}
	items := strings.Count(r.stdout, "\n- [ ] ")
	// One item per Result field (its handlers go with it), one per other
	// finding.
	if want := total - byRule["resultfield"] + 2; items != want {
		t.Errorf("%d checklist items, want %d:\n%s", items, want, r.stdout)
	}
	for _, want := range []string{
		"# cq migration: " + strconv.Itoa(total) + " findings",
		"- [ ] `GetDashboardQuery` (pkg/models/dashboards.go:20:2; 1 handlers): `cqgen refactor --types=GetDashboardQuery`",
		"- [ ] pkg/services/teapot/teapot.go:47:2: Service.Count is not shaped",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("checklist lacks %q:\n%s", want, r.stdout)
		}
	}
}
