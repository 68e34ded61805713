package report

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/cqtools/cq/internal/planfile"
)

// HTML writes the migration report: one self-contained page (styles,
// script and charts inline; the only links are to the rule reference and,
// given s.Link, to the code) with a header naming the modules, the date
// and cqlint's version, findings by rule and by package as sortable
// tables and inline-SVG bar charts, the Result fields left by package
// with the cqgen refactor command for each, every finding linked to its
// rule's page, and, given a refactor plan, which types it converts and
// why it refuses the others. A filter narrows the tables; long
// identifiers wrap between their words. The page is the same bytes for
// the same Summary.
func HTML(w io.Writer, s *Summary) error {
	return page.Execute(w, s)
}

// bar is one bar of a chart.
type bar struct {
	Label string
	N     int
}

const (
	chartWidth = 720
	labelWidth = 320
	barHeight  = 22
)

// barChart draws bars as an inline SVG, longest bar the full width.
func barChart(title string, bars []bar) template.HTML {
	top := 0
	for _, b := range bars {
		top = max(top, b.N)
	}
	var sb strings.Builder
	h := len(bars)*barHeight + 4
	fmt.Fprintf(&sb, `<svg class="chart" role="img" width="%d" height="%d" viewBox="0 0 %d %d"><title>%s</title>`,
		chartWidth, h, chartWidth, h, template.HTMLEscapeString(title))
	for i, b := range bars {
		y := i*barHeight + 2
		width := 0
		if top > 0 {
			width = (chartWidth - labelWidth - 60) * b.N / top
		}
		label := b.Label
		if len(label) > 48 {
			label = "…" + label[len(label)-47:]
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end">%s</text><rect x="%d" y="%d" width="%d" height="%d"></rect><text x="%d" y="%d">%d</text>`,
			labelWidth-6, y+15, template.HTMLEscapeString(label),
			labelWidth, y+3, max(width, 1), barHeight-6,
			labelWidth+max(width, 1)+6, y+15, b.N)
	}
	sb.WriteString("</svg>")
	return template.HTML(sb.String()) // every text in it is escaped above
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"ruleChart": func(s *Summary) template.HTML {
		var bars []bar
		for _, r := range s.Rules {
			bars = append(bars, bar{r.ID, r.N})
		}
		return barChart("findings by rule", bars)
	},
	"packageChart": func(s *Summary) template.HTML {
		var bars []bar
		for _, p := range s.Packages {
			bars = append(bars, bar{p.Package, p.N})
		}
		return barChart("findings by package (the 25 with most)", bars[:min(len(bars), 25)])
	},
	"resultChart": func(s *Summary) template.HTML {
		var bars []bar
		for _, p := range s.ResultFields {
			bars = append(bars, bar{p.Package, len(p.Types)})
		}
		return barChart("Result fields left by package (the 25 with most)", bars[:min(len(bars), 25)])
	},
	"planChart": func(s *Summary) template.HTML {
		conv, ref := planCounts(s)
		return barChart("refactor plan", []bar{{"converted", conv}, {"refused", ref}})
	},
	"planCounts": func(s *Summary) []int {
		conv, ref := planCounts(s)
		return []int{conv, ref}
	},
	"ruleURL": ruleURL,
	"count":   func(p PackageCount, rule string) int { return p.ByRule[rule] },
	"wrap":    wrap,
	"date":    func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
	"datetime": func(t time.Time) string {
		return t.UTC().Format(time.RFC3339)
	},
	"findingPos": func(s *Summary, f Finding) position {
		return position{f.Pos(s.Dir), s.link(f.File, f.Line, f.Col)}
	},
	"typePos": func(s *Summary, t ResultType) position {
		return position{t.Pos, s.link(t.File, t.Line, t.Col)}
	},
	"planPos": func(s *Summary, pos string) position {
		return position{pos, s.planLink(pos)}
	},
	"findingKey": func(s *Summary, f Finding) string {
		// A handler's finding names the type it converts, so that the
		// type's name finds its handlers too.
		var typ string
		if m := commandRx.FindStringSubmatch(f.Message); m != nil {
			typ = m[2]
		}
		return filterKey(f.Rule, f.Package, f.Decl, typ, Rel(s.Dir, f.File))
	},
	"typeKey": func(s *Summary, t ResultType) string {
		return filterKey("resultfield", t.Package, t.Name, Rel(s.Dir, t.File))
	},
	"planKey": planKey,
}).Parse(pageTemplate))

// A position is a place in the code as the page shows it, and the URL of
// that place in a code browser ("" for none).
type position struct {
	Text string
	URL  string
}

// filterKey is what the page's filter matches a row against: the words
// of its rule, package, type name and file. A filter word never holds a
// space, so no word matches across two of them.
func filterKey(words ...string) string {
	return strings.Join(slices.DeleteFunc(words, func(w string) bool { return w == "" }), " ")
}

// planKey is the filter key of a type of the plan: its package, its name
// and every file its row names.
func planKey(t planfile.Type) string {
	words := []string{"resultfield", t.Package, t.Name}
	words = append(words, t.Files...)
	for _, r := range t.Reasons {
		words = append(words, fileOf(r.Pos))
	}
	for _, f := range t.Functions {
		words = append(words, fileOf(f.Pos))
	}
	return filterKey(words...)
}

// fileOf is the file of file:line:col.
func fileOf(pos string) string {
	if rest, _, ok := cutNumber(pos); ok {
		if file, _, ok := cutNumber(rest); ok {
			return file
		}
	}
	return pos
}

func planCounts(s *Summary) (converted, refused int) {
	if s.Plan == nil {
		return 0, 0
	}
	for _, t := range s.Plan.Types {
		if t.Status == "converted" {
			converted++
		} else {
			refused++
		}
	}
	return converted, refused
}

func ruleURL(s *Summary, rule string) string {
	for _, r := range s.Rules {
		if r.ID == rule {
			return r.HelpURI
		}
	}
	return ""
}

const pageTemplate = `{{define "pos"}}{{if .URL}}<a href="{{.URL}}">{{wrap .Text}}</a>{{else}}{{wrap .Text}}{{end}}{{end}}
{{- /* A reason in a row of Result fields reads as the plan prints it,
unwrapped (cmd/cqgen's plan test finds "<br>pos: message" in the row);
the plan's own table wraps it. */ -}}
{{define "reason"}}{{if .URL}}<a href="{{.URL}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cq migration report{{range $i, $m := .Modules}}{{if $i}},{{else}}:{{end}} {{$m}}{{end}}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1d1d1f; overflow-wrap: break-word; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
.meta { color: #555; margin-top: 0; } .meta span { display: inline-block; margin-right: 1.5em; }
table { border-collapse: collapse; margin: .5em 0 1em; }
.scroll { overflow-x: auto; } /* a table too wide for a narrow window scrolls, not the page */
th, td { padding: .25em .7em; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { cursor: pointer; user-select: none; background: #f4f4f6; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, monospace; background: #f4f4f6; padding: 0 .25em; }
.chart { max-width: 100%; height: auto; } .chart rect { fill: #3d6fd9; } .chart text { font-size: 12px; fill: #333; }
.refused { color: #a12; } .converted { color: #171; }
.totals span { display: inline-block; margin-right: 2em; font-size: 1.2em; }
.filter { position: sticky; top: 0; z-index: 1; background: #fff; padding: .5em 0; border-bottom: 1px solid #ddd; }
.filter input { font: inherit; width: 24em; max-width: 60%; } .filter output { margin-left: 1em; color: #555; }
</style>
</head>
<body>
<header>
<h1>cq migration report</h1>
<p class="meta">{{with .Modules}}<span id="module">module{{if gt (len .) 1}}s{{end}} {{range $i, $m := .}}{{if $i}}, {{end}}<code>{{wrap $m}}</code>{{end}}</span>{{end}}{{if not .Date.IsZero}}<span id="date"><time datetime="{{datetime .Date}}">{{date .Date}}</time></span>{{end}}{{with .Version}}<span id="version">cqlint version {{.}}</span>{{end}}</p>
</header>
<p class="totals"><span>findings: <b id="n-total">{{.Total}}</b></span><span>Result fields left: <b id="n-resultfields">{{.ResultFieldCount}}</b></span>{{if .Plan}}{{$pc := planCounts .}}<span>plan: <b id="n-plan-converted">{{index $pc 0}}</b> converted, <b id="n-plan-refused">{{index $pc 1}}</b> refused</span>{{end}}</p>
<div class="filter" id="filterbar" hidden><label for="filter">Filter</label> <input type="search" id="filter" placeholder="rule, package, type or file" autocomplete="off" spellcheck="false"><output id="filter-count" for="filter"></output></div>

<h2 id="rules">Findings by rule</h2>
{{ruleChart .}}
<div class="scroll"><table class="sortable">
<thead><tr><th>rule</th><th data-num>findings</th><th>reports</th></tr></thead>
<tbody>
{{range .Rules}}<tr data-rule="{{.ID}}"><td><a href="{{.HelpURI}}">{{.ID}}</a></td><td class="n" id="n-rule-{{.ID}}">{{.N}}</td><td>{{.Title}}</td></tr>
{{end}}</tbody>
</table></div>

<h2 id="packages">Findings by package</h2>
{{packageChart .}}
<div class="scroll"><table class="sortable">
<thead><tr><th>package</th><th data-num>findings</th>{{range .Rules}}<th data-num>{{.ID}}</th>{{end}}</tr></thead>
<tbody>
{{$s := .}}{{range .Packages}}{{$p := .}}<tr data-package="{{.Package}}"><td>{{wrap .Package}}</td><td class="n">{{.N}}</td>{{range $s.Rules}}<td class="n">{{count $p .ID}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>

<h2 id="resultfields">Result fields left</h2>
<p>Each command or query with a Result field, by package, with the <code>cqgen refactor</code> command that converts it{{if .Plan}} and what the refactor plan says of it{{end}}.</p>
{{if .ResultFields}}{{resultChart .}}{{end}}
{{range .ResultFields}}<section class="resultpackage">
<h3>{{wrap .Package}} ({{len .Types}})</h3>
<p><code>{{wrap .Command}}</code></p>
<div class="scroll"><table class="sortable">
<thead><tr><th>type</th><th>position</th><th data-num>handlers</th><th>command</th>{{if $s.Plan}}<th>plan</th>{{end}}</tr></thead>
<tbody>
{{range .Types}}<tr data-resultfield="{{.Package}}.{{.Name}}"><td data-key="{{typeKey $s .}}">{{wrap .Name}}</td><td>{{template "pos" typePos $s .}}</td><td class="n">{{.Handlers}}</td><td><code>{{wrap .Command}}</code></td>{{if $s.Plan}}<td>{{with .Plan}}<span class="{{.Status}}">{{.Status}}</span>{{range .Reasons}}<br>{{template "reason" planPos $s .Pos}}: {{.Message}}{{end}}{{else}}not in the plan{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>
</section>
{{end}}
{{with .Plan}}<h2 id="plan">Refactor plan</h2>
<p>From <code>cqgen refactor --dry-run --json</code> of module <code>{{wrap .Module}}</code>: the types it would convert, and why it refuses the others.</p>
{{planChart $s}}
<div class="scroll"><table class="sortable">
<thead><tr><th>type</th><th>package</th><th>result</th><th>status</th><th data-num>functions</th><th data-num>call sites</th><th data-num>files</th><th>reasons</th></tr></thead>
<tbody>
{{range .Types}}<tr data-plan="{{.Status}}"><td data-key="{{planKey .}}">{{wrap .Name}}</td><td>{{wrap .Package}}</td><td><code>{{wrap .Result}}</code></td><td class="{{.Status}}">{{.Status}}</td><td class="n">{{len .Functions}}</td><td class="n">{{.CallSites}}</td><td class="n">{{len .Files}}</td><td>{{range .Reasons}}{{template "pos" planPos $s .Pos}}: {{wrap .Message}}<br>{{end}}</td></tr>
{{end}}</tbody>
</table></div>
{{end}}
<h2 id="findings">All findings</h2>
<div class="scroll"><table class="sortable">
<thead><tr><th>rule</th><th>package</th><th>position</th><th>message</th></tr></thead>
<tbody>
{{range .Findings}}<tr data-finding="{{.Rule}}" data-finding-package="{{.Package}}"><td data-key="{{findingKey $s .}}"><a href="{{ruleURL $s .Rule}}">{{.Rule}}</a></td><td>{{wrap .Package}}</td><td>{{template "pos" findingPos $s .}}</td><td>{{wrap .Message}}</td></tr>
{{end}}</tbody>
</table></div>
<script>
"use strict";
window.addEventListener("error", function (e) {
	document.body.dataset.errors = (document.body.dataset.errors || "") + e.message + ";";
});
// Sort a table by a column when its header is clicked; numbers as numbers.
function sortBy(th) {
	var table = th.closest("table"), col = th.cellIndex, num = th.hasAttribute("data-num");
	var asc = th.getAttribute("aria-sort") !== "ascending";
	table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
	th.setAttribute("aria-sort", asc ? "ascending" : "descending");
	var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
	rows.sort(function (a, b) {
		var x = a.cells[col].textContent, y = b.cells[col].textContent;
		var c = num ? Number(x) - Number(y) : x.localeCompare(y);
		return asc ? c : -c;
	});
	rows.forEach(function (r) { body.appendChild(r); });
}
document.querySelectorAll("table.sortable th").forEach(function (th) {
	th.addEventListener("click", function () { sortBy(th); });
});

// The filter shows the rows of whose rule, package, type name or file
// each word typed is a part (the data-key of the row's first cell). The
// tables by rule and by package keep the rows of the findings shown.
// Without script the filter stays hidden and every row shown.
var filter = document.getElementById("filter");
function applyFilter() {
	var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
	var matches = function (tr) {
		var key = (tr.cells[0].getAttribute("data-key") || "").toLowerCase();
		return words.every(function (w) { return key.indexOf(w) >= 0; });
	};
	var rules = new Set(), pkgs = new Set(), shown = 0, all = 0;
	document.querySelectorAll("tr[data-finding]").forEach(function (tr) {
		tr.hidden = !matches(tr);
		all++;
		if (!tr.hidden) {
			shown++;
			rules.add(tr.getAttribute("data-finding"));
			pkgs.add(tr.getAttribute("data-finding-package"));
		}
	});
	document.querySelectorAll("tr[data-rule]").forEach(function (tr) {
		tr.hidden = words.length > 0 && !rules.has(tr.getAttribute("data-rule"));
	});
	document.querySelectorAll("tr[data-package]").forEach(function (tr) {
		tr.hidden = words.length > 0 && !pkgs.has(tr.getAttribute("data-package"));
	});
	document.querySelectorAll("tr[data-resultfield], tr[data-plan]").forEach(function (tr) {
		tr.hidden = !matches(tr);
	});
	document.querySelectorAll("section.resultpackage").forEach(function (sec) {
		sec.hidden = !sec.querySelector("tr[data-resultfield]:not([hidden])");
	});
	document.getElementById("filter-count").textContent = words.length ? shown + " of " + all + " findings" : "";
}
filter.addEventListener("input", applyFilter);
document.getElementById("filterbar").hidden = false;

// lines is the number of lines that rects lie on.
function lines(rects) {
	var tops = new Set();
	Array.prototype.forEach.call(rects, function (r) { if (r.width > 0) tops.add(Math.round(r.top)); });
	return tops.size;
}

// #selftest checks what a headless browser can without clicking: it sorts
// the package table by findings, twice, and checks the order; and it
// checks the layout: nothing wider than the window or than its cell, no
// word broken but at a <wbr>. Each element holding a <wbr> gets the
// number of lines it takes as data-lines.
function selftest() {
	var th = document.querySelectorAll("#packages ~ .scroll th")[1];
	sortBy(th); sortBy(th);
	var ns = Array.prototype.map.call(th.closest("table").tBodies[0].rows, function (r) { return Number(r.cells[1].textContent); });
	var ok = ns.every(function (n, i) { return i === 0 || ns[i - 1] >= n; });
	document.body.dataset.selftest = ok ? "pass" : "fail";

	var problems = [], root = document.documentElement, range = document.createRange();
	if (root.scrollWidth > root.clientWidth + 1) {
		problems.push("the page is " + root.scrollWidth + "px wide, the window " + root.clientWidth + "px");
	}
	document.querySelectorAll("td, th, h3, p").forEach(function (el) {
		if (el.scrollWidth > el.clientWidth + 1) problems.push("wider than its box: " + el.textContent);
	});
	var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node;
	while ((node = walk.nextNode())) {
		if (/\s/.test(node.data)) continue; // prose breaks at its spaces
		range.selectNodeContents(node);
		if (lines(range.getClientRects()) < 2) continue;
		// A word may break after a hyphen, as any text does.
		for (var i = 1, line = null; i <= node.data.length; i++) {
			range.setStart(node, i - 1); range.setEnd(node, i);
			var y = Math.round(range.getBoundingClientRect().top);
			if (line !== null && y !== line && node.data[i - 2] !== "-") {
				problems.push("broken inside a word: " + node.data.slice(0, i - 1) + "|" + node.data.slice(i - 1));
				break;
			}
			line = y;
		}
	}
	document.querySelectorAll("wbr").forEach(function (w) {
		range.selectNodeContents(w.parentNode);
		w.parentNode.dataset.lines = lines(range.getClientRects());
	});
	document.body.dataset.layout = problems.length ? problems.join("; ") : "pass";
}
var params = new URLSearchParams(location.hash.slice(1));
if (params.has("selftest")) {
	selftest();
}
// #filter=words opens the page filtered.
if (params.has("filter")) {
	filter.value = params.get("filter");
	applyFilter();
}
document.body.dataset.ready = "yes";
</script>
</body>
</html>
`
