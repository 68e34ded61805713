package report

import (
	"bytes"
	"html"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cqtools/cq/internal/planfile"
)

func TestWrap(t *testing.T) {
	for in, want := range map[string]string{
		"GetDashboardAclInfoListQuery": "Get<wbr>Dashboard<wbr>Acl<wbr>Info<wbr>List<wbr>Query",
		"github.com/grafana/grafana/pkg/services/sqlstore.GetDashboardAclInfoListQuery": "github.com/<wbr>grafana/<wbr>grafana/<wbr>pkg/<wbr>services/<wbr>sqlstore<wbr>.Get<wbr>Dashboard<wbr>Acl<wbr>Info<wbr>List<wbr>Query",
		"HTTPServer":                    "HTTP<wbr>Server",
		"GetUserIDs":                    "Get<wbr>User<wbr>IDs",
		"IDsByOrg":                      "IDs<wbr>By<wbr>Org",
		"Base64Encode":                  "Base64<wbr>Encode",
		"pkg/api/dashboard_acl.go:31:3": "pkg/<wbr>api/<wbr>dashboard_<wbr>acl.go:31:3",
		"cqgen refactor --types=GetQuery,ListQuery": "cqgen refactor --types=<wbr>Get<wbr>Query,<wbr>List<wbr>Query",
		"[]*models.Dashboard":                       "[]*models<wbr>.Dashboard",
		"../x/y.go":                                 "../<wbr>x/<wbr>y.go",
		"version 1.5 ... ok":                        "version 1.5 ... ok",
		"plain words stay as they are":              "plain words stay as they are",
		"ID":                                        "ID",
		`a<b>&"c"`:                                  "a&lt;b&gt;&amp;&#34;c&#34;",
		"ÉtéÀPlage":                                 "Été<wbr>À<wbr>Plage",
	} {
		if got := string(wrap(in)); got != want {
			t.Errorf("wrap(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}

// Text copied from the page is the identifier exactly: without its
// <wbr>s, the HTML is the escaped input.
func FuzzWrap(f *testing.F) {
	for _, s := range []string{"GetDashboardAclInfoListQuery", "a/b.C_d,e=F", "HTTPServer", "x\xffY", "<A>.&B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, 0) {
			return // HTMLEscapeString writes U+FFFD for NUL
		}
		got := string(wrap(s))
		if plain := strings.ReplaceAll(got, "<wbr>", ""); plain != template.HTMLEscapeString(s) {
			t.Errorf("wrap(%q) = %q: without <wbr>s %q", s, got, plain)
		}
		if strings.Contains(got, "<wbr><wbr>") || strings.HasPrefix(got, "<wbr>") || strings.HasSuffix(got, "<wbr>") {
			t.Errorf("wrap(%q) = %q: an empty word", s, got)
		}
	})
}

func TestLinkTemplate(t *testing.T) {
	lt, err := ParseLinkTemplate("https://github.com/org/repo/blob/main/{path}#L{line}C{col}")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := lt.URL("backend/pkg/a b/c#d?.go", 3, 7), "https://github.com/org/repo/blob/main/backend/pkg/a%20b/c%23d%3F.go#L3C7"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, bad := range []struct{ template, err string }{
		{"javascript:alert(1)//{path}", "want an http or https URL"},
		{"JavaScript:alert(1)//{path}", "want an http or https URL"},
		{"data:text/html,{path}", "want an http or https URL"},
		{"https://x/{file}#L{line}", "unknown placeholder {file}"},
		{"https://x/blob/main#L{line}", "has no {path}"},
		{"https://x/\x7f{path}", "not a URL"},
	} {
		if _, err := ParseLinkTemplate(bad.template); err == nil || !strings.Contains(err.Error(), bad.err) {
			t.Errorf("ParseLinkTemplate(%q): %v, want %q", bad.template, err, bad.err)
		}
	}
	for _, ok := range []string{"http://x/{path}", "../src/{path}.html#L{line}", "/browse/{path}?line={line}"} {
		if _, err := ParseLinkTemplate(ok); err != nil {
			t.Errorf("ParseLinkTemplate(%q): %v", ok, err)
		}
	}
}

// testSummary is a Summary of a module in backend/ of a repository, with
// a long Grafana-like name, a plan, and links to the code.
func testSummary(t *testing.T, link string) *Summary {
	t.Helper()
	const pkg = "github.com/grafana/grafana/pkg/services/sqlstore"
	fs := []Finding{
		{Rule: "resultfield", Package: pkg, File: "/repo/backend/pkg/services/sqlstore/dashboard_acl.go", Line: 12, Col: 2,
			Decl: "GetDashboardAclInfoListQuery", Ident: "Result",
			Message: "resultfield: GetDashboardAclInfoListQuery.Result ([]*DashboardAclInfoDTO) is filled in by the query's handler; `cqgen refactor --types=GetDashboardAclInfoListQuery` converts every producer and caller in the module"},
		{Rule: "signature", Package: "github.com/grafana/grafana/pkg/services/teapot", File: "/repo/backend/pkg/services/teapot/teapot.go", Line: 47, Col: 2,
			Decl: "Service.Count", Ident: "Count", Message: "signature: Service.Count is not shaped func(ctx context.Context, args T) (U, error)"},
		{Rule: "naming", Package: "github.com/grafana/grafana/pkg/services/teapot", File: `/repo/backend/pkg/services/teapot/"><script>alert(1)</script>.go`, Line: 3, Col: 6,
			Decl: "TeapotGetQuery", Ident: "TeapotGetQuery", Message: "naming: <b>TeapotGetQuery</b> is not named in the imperative"},
	}
	plan := &planfile.Plan{Version: 1, Module: "github.com/grafana/grafana", Types: []planfile.Type{{
		Name: "GetDashboardAclInfoListQuery", Package: pkg, Result: "[]*DashboardAclInfoDTO", Status: planfile.Refused,
		Reasons: []planfile.Reason{{Pos: "pkg/api/dashboard_acl.go:31:3", Message: "query.Result is read after the query is passed to a second handler"}},
	}}}
	rules := []Rule{
		{ID: "resultfield", Title: "Result fields", HelpURI: "https://example.com/rules/resultfield"},
		{ID: "signature", Title: "signatures", HelpURI: "https://example.com/rules/signature"},
		{ID: "naming", Title: "names", HelpURI: "https://example.com/rules/naming"},
	}
	s := Summarize(fs, rules, plan, "/repo/backend")
	s.Modules = []string{"github.com/grafana/grafana"}
	s.Version = "v1.2.3"
	s.Date = time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600))
	if link != "" {
		lt, err := ParseLinkTemplate(link)
		if err != nil {
			t.Fatal(err)
		}
		s.Link, s.Root, s.PlanDir = lt, "/repo", "/repo/backend"
	}
	return s
}

func render(t *testing.T, s *Summary) string {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHTMLWrapsIdentifiers(t *testing.T) {
	page := render(t, testSummary(t, ""))
	for _, want := range []string{
		`<tr data-resultfield="github.com/grafana/grafana/pkg/services/sqlstore.GetDashboardAclInfoListQuery"><td data-key="resultfield github.com/grafana/grafana/pkg/services/sqlstore GetDashboardAclInfoListQuery pkg/services/sqlstore/dashboard_acl.go">Get<wbr>Dashboard<wbr>Acl<wbr>Info<wbr>List<wbr>Query</td>`,
		`<h3>github.com/<wbr>grafana/<wbr>grafana/<wbr>pkg/<wbr>services/<wbr>sqlstore (1)</h3>`,
		`<td>pkg/<wbr>services/<wbr>sqlstore/<wbr>dashboard_<wbr>acl.go:12:2</td>`,
		`<code>cqgen refactor --types=<wbr>Get<wbr>Dashboard<wbr>Acl<wbr>Info<wbr>List<wbr>Query</code>`,
		`<td><code>[]*Dashboard<wbr>Acl<wbr>Info<wbr>DTO</code></td>`,
		// A hostile message is text.
		`naming: &lt;b&gt;Teapot<wbr>Get<wbr>Query&lt;/`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// The reasons in a row of Result fields read as the plan prints them.
	if want := "<br>pkg/api/dashboard_acl.go:31:3: query.Result is read after the query is passed to a second handler"; !strings.Contains(html.UnescapeString(page), want) {
		t.Errorf("page lacks %s", want)
	}
	if strings.Contains(page, "<a href=\"https://github.com") || strings.Contains(page, "file://") {
		t.Errorf("without a template, positions link nowhere")
	}
	if strings.Contains(page, "<script>alert") {
		t.Errorf("a file's name is not escaped")
	}
}

func TestHTMLLinks(t *testing.T) {
	page := render(t, testSummary(t, "https://github.com/grafana/grafana/blob/main/{path}?plain=1&x=\"><script>#L{line}"))
	for _, want := range []string{
		// A finding's file, relative to the repository's root, not the module's.
		`<a href="https://github.com/grafana/grafana/blob/main/backend/pkg/services/sqlstore/dashboard_acl.go?plain=1&amp;x=%22%3e%3cscript%3e#L12">pkg/<wbr>services/<wbr>sqlstore/<wbr>dashboard_<wbr>acl.go:12:2</a>`,
		// A plan's position, relative to its module.
		`<a href="https://github.com/grafana/grafana/blob/main/backend/pkg/api/dashboard_acl.go?plain=1&amp;x=%22%3e%3cscript%3e#L31">pkg/<wbr>api/<wbr>dashboard_<wbr>acl.go:31:3</a>: query<wbr>.Result is read`,
		`<br><a href="https://github.com/grafana/grafana/blob/main/backend/pkg/api/dashboard_acl.go?plain=1&amp;x=%22%3e%3cscript%3e#L31">pkg/api/dashboard_acl.go:31:3</a>: query.Result is read`,
		// A hostile file name stays inside its path.
		`href="https://github.com/grafana/grafana/blob/main/backend/pkg/services/teapot/%22%3E%3Cscript%3Ealert%281%29%3C/script%3E.go?plain=1&amp;x=%22%3e%3cscript%3e#L3"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "<script>alert") || strings.Contains(page, `x="><script>`) {
		t.Errorf("hostile input reached the page unescaped")
	}

	// Outside the root, or with the plan's module unknown: no link.
	s := testSummary(t, "https://x/{path}")
	s.Root, s.PlanDir = "/elsewhere", ""
	if page := render(t, s); strings.Contains(page, `href="https://x/`) {
		t.Errorf("a file outside the root is linked")
	}
	// The page's template refuses a scheme ParseLinkTemplate lets through.
	s = testSummary(t, "")
	s.Link, s.Root = &LinkTemplate{"javascript:alert(1)//{path}"}, "/repo"
	if page := render(t, s); strings.Contains(page, "javascript:") {
		t.Errorf("a javascript: link reached the page")
	}
}

func TestHTMLHeader(t *testing.T) {
	page := render(t, testSummary(t, ""))
	for _, want := range []string{
		"<title>cq migration report: github.com/grafana/grafana</title>",
		`<span id="module">module <code>github.com/<wbr>grafana/<wbr>grafana</code></span>`,
		`<span id="date"><time datetime="2026-03-04T04:06:07Z">2026-03-04 04:06 UTC</time></span>`,
		`<span id="version">cqlint version v1.2.3</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	s := testSummary(t, "")
	s.Modules, s.Date, s.Version = []string{"example.com/a", "example.com/b"}, time.Time{}, ""
	page = render(t, s)
	if !strings.Contains(page, `modules <code>example.com/<wbr>a</code>, <code>example.com/<wbr>b</code>`) || strings.Contains(page, `id="date"`) || strings.Contains(page, `id="version"`) {
		t.Errorf("two modules, no date, no version: header %s", regexp.MustCompile(`(?s)<header>.*</header>`).FindString(page))
	}
}

// Without script every row shows and the filter is hidden; each row the
// filter looks at has a key, and the rows it derives from them their
// rule or package.
func TestHTMLFilter(t *testing.T) {
	page := render(t, testSummary(t, ""))
	for _, want := range []string{
		`<div class="filter" id="filterbar" hidden><label for="filter">Filter</label> <input type="search" id="filter"`,
		`<tr data-rule="naming">`,
		`<tr data-package="github.com/grafana/grafana/pkg/services/teapot">`,
		`<tr data-finding="signature" data-finding-package="github.com/grafana/grafana/pkg/services/teapot"><td data-key="signature github.com/grafana/grafana/pkg/services/teapot Service.Count pkg/services/teapot/teapot.go">`,
		`<tr data-plan="refused"><td data-key="resultfield github.com/grafana/grafana/pkg/services/sqlstore GetDashboardAclInfoListQuery pkg/api/dashboard_acl.go">`,
		`<section class="resultpackage">`,
		`filter.addEventListener("input", applyFilter);`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if regexp.MustCompile(`<(tr|section)[^>]* hidden`).MatchString(page) {
		t.Errorf("a row or section is hidden without script")
	}
	if regexp.MustCompile(`<script[^>]+src=|<link|url\(|@import`).MatchString(page) {
		t.Errorf("the page loads an outside asset")
	}
}

// The same Summary gives the same bytes; two dates, pages that differ in
// the date only.
func TestHTMLDeterministic(t *testing.T) {
	s := testSummary(t, "https://x/{path}#L{line}")
	first := render(t, s)
	if again := render(t, testSummary(t, "https://x/{path}#L{line}")); again != first {
		t.Errorf("two renderings of one summary differ")
	}
	s.Date = time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	later := render(t, s)
	later = strings.ReplaceAll(later, "2027-01-02T03:04:05Z", "2026-03-04T04:06:07Z")
	later = strings.ReplaceAll(later, "2027-01-02 03:04 UTC", "2026-03-04 04:06 UTC")
	if later != first {
		t.Errorf("pages of two dates differ in more than the date")
	}
}
