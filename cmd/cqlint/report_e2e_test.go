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
// output, its plan section against the hand-written plan, its header,
// its links to the code (for a module in backend/ of a repository),
// that it needs nothing from outside the page, and that headless
// Chromium loads it without an error, lays it out without overflow and
// filters it (skipped without Chromium, unless CQ_REQUIRE_CHROMIUM=1, as
// .ci/run sets).
func TestHTMLReport(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(repo, "backend")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot(t), "testdata", "example"))); err != nil {
		t.Fatal(err)
	}
	plan, err := filepath.Abs(filepath.Join("testdata", "example-plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().UTC().Truncate(time.Minute)
	r := cqlint(t, dir, "-format=html", "-refactor-plan="+plan, "-link-template=https://example.com/r/blob/main/{path}#L{line}", "./...")
	after := time.Now()
	if r.code != 1 {
		t.Fatalf("want exit 1 with findings, got %s", r)
	}
	page := r.stdout
	// What the page reads as, and copies as: <wbr>s are no characters.
	plain := strings.ReplaceAll(page, "<wbr>", "")
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
	rows := regexp.MustCompile(`<tr data-package="([^"]+)"><td>([^<]*)</td><td class="n">(\d+)</td>`).FindAllStringSubmatch(plain, -1)
	if len(rows) != len(byPkg) {
		t.Errorf("page lists %d packages, JSON %d", len(rows), len(byPkg))
	}
	for _, m := range rows {
		if n, _ := strconv.Atoi(m[3]); n != byPkg[m[1]] || m[2] != m[1] {
			t.Errorf("page: %d findings in %s (%s), JSON %d", n, m[1], m[2], byPkg[m[1]])
		}
	}
	if got := strings.Count(page, "<tr data-finding="); got != total {
		t.Errorf("page lists %d findings, JSON %d", got, total)
	}
	if got := strings.Count(page, `<a href="https://github.com/cqtools/cq/blob/main/docs/rules/`); got != total+len(ruleIDs) {
		t.Errorf("%d links to rule pages, want one per finding and per rule (%d)", got, total+len(ruleIDs))
	}
	// Every finding's position, a Result field's and a plan's reason link
	// to the code, relative to the repository's root.
	fields := strings.Count(page, "<tr data-resultfield=")
	if got, want := strings.Count(page, `<a href="https://example.com/r/blob/main/backend/pkg/`), total+fields+2; fields != 2 || got != want {
		t.Errorf("%d links to the code, want one per finding, per Result field (%d) and two for the plan's reason (%d)", got, fields, want)
	}
	for _, want := range []string{
		`<tr data-resultfield="example.com/example/pkg/models.GetDashboardQuery"><td data-key="resultfield example.com/example/pkg/models GetDashboardQuery pkg/models/dashboards.go">GetDashboardQuery</td><td><a href="https://example.com/r/blob/main/backend/pkg/models/dashboards.go#L20">pkg/models/dashboards.go:20:2</a></td>`,
		`<code>cqgen refactor --types=GetDashboardQuery,SearchDashboardsQuery</code>`,
		`<span class="refused">refused</span><br><a href="https://example.com/r/blob/main/backend/pkg/api/api.go#L31">pkg/api/api.go:31:3</a>: query.Result is read after the query is passed to a second handler`,
		`id="n-plan-converted">1<`, `id="n-plan-refused">1<`, `<svg class="chart"`,
		`<span id="module">module <code>example.com/example</code></span>`,
		`<input type="search" id="filter"`,
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if !strings.Contains(page, `<td data-key="resultfield example.com/example/pkg/models GetDashboardQuery pkg/models/dashboards.go">Get<wbr>Dashboard<wbr>Query</td>`) {
		t.Errorf("a type's name does not wrap between its words")
	}
	v := cqlint(t, dir, "-V")
	if want := `<span id="version">` + strings.TrimSpace(v.stdout) + `</span>`; !strings.Contains(page, want) {
		t.Errorf("page lacks %s", want)
	}
	if m := regexp.MustCompile(`<span id="date"><time datetime="([^"]+)">`).FindStringSubmatch(page); m == nil {
		t.Errorf("page has no date")
	} else if date, err := time.Parse(time.RFC3339, m[1]); err != nil || date.Before(before) || date.After(after) || date.Location() != time.UTC {
		t.Errorf("page's date %s (%v), want the run's, in UTC", m[1], err)
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
	// Filtered by a package's name: its findings and the rows that count
	// them stay, every other row is hidden.
	dom := chromium(t, file, "filter=teapot")
	shown := map[string]int{}
	for _, m := range regexp.MustCompile(`<tr (data-[a-z]+)="([^"]*)"( data-finding-package="([^"]*)")?( hidden="")?>`).FindAllStringSubmatch(dom, -1) {
		kind, hidden := m[1], m[5] != ""
		inTeapot := strings.Contains(m[2]+m[4], "teapot") ||
			kind == "data-rule" && m[2] == "signature" // teapot's findings are all signature's
		if hidden == inTeapot {
			t.Errorf("filtered by teapot, %s (hidden %v)", m[0], hidden)
		}
		if !hidden {
			shown[kind]++
		}
	}
	if shown["data-finding"] != 3 || shown["data-package"] != 2 || shown["data-rule"] != 1 {
		t.Errorf("filtered by teapot, shown: %v; want 3 findings, 2 packages, 1 rule", shown)
	}
	if !strings.Contains(dom, `<section class="resultpackage" hidden="">`) || !strings.Contains(dom, `<output id="filter-count" for="filter">3 of 9 findings</output>`) {
		t.Errorf("filtered by teapot, the Result fields of models are not hidden, or the count is not 3 of 9")
	}
}

// TestHTMLReportLongNames checks that Grafana's long names wrap between
// their words, in a window as wide as a laptop's half screen: nothing
// wider than the window or its cell, and GetDashboardAclInfoListQuery on
// two lines or more somewhere.
func TestHTMLReportLongNames(t *testing.T) {
	dir := copyDir(t, filepath.Join("testdata", "longnames"))
	r := cqlint(t, dir, "-format=html", "./...")
	if r.code != 1 {
		t.Fatalf("want exit 1 with findings, got %s", r)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := chromium(t, file, "")
	lines := 0
	for _, m := range regexp.MustCompile(`data-lines="(\d+)">Get<wbr>Dashboard<wbr>Acl<wbr>Info<wbr>List<wbr>Query<`).FindAllStringSubmatch(dom, -1) {
		n, _ := strconv.Atoi(m[1])
		lines = max(lines, n)
	}
	if lines < 2 {
		t.Errorf("GetDashboardAclInfoListQuery takes at most %d lines in its cells, want it to wrap in one", lines)
	}
}

// chromium loads the page in headless Chromium, in a window 800 pixels
// wide, with #selftest and the fragment given, and returns the DOM its
// script left. It checks that the script ran to the end without an
// error, and that its self-tests passed: the sort, and the layout (no
// overflow, no word broken but at a <wbr>).
func chromium(t *testing.T, file, fragment string) string {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CQ_REQUIRE_CHROMIUM") == "1" {
			t.Fatalf("CQ_REQUIRE_CHROMIUM=1 but no chromium: %v", err)
		}
		t.Skip("no chromium on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url := "file://" + file + "#selftest"
	if fragment != "" {
		url += "&" + fragment
	}
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0", "--window-size=800,600",
		"--dump-dom", url)
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
	if !strings.Contains(body, `data-layout="pass"`) {
		t.Errorf("the page's layout: %s", body)
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "CONSOLE") {
			t.Errorf("console message: %s", l)
		}
	}
	return string(dom)
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
