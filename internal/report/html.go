package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// HTML writes the migration report: one self-contained page (styles,
// script and charts inline; the only links are to the rule reference)
// with findings by rule and by package as sortable tables and inline-SVG
// bar charts, the Result fields left by package with the cqgen refactor
// command for each, every finding linked to its rule's page, and, given a
// refactor plan, which types it converts and why it refuses the others.
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
	"rel":     func(s *Summary, f Finding) string { return f.Pos(s.Dir) },
	"ruleURL": ruleURL,
	"count":   func(p PackageCount, rule string) int { return p.ByRule[rule] },
}).Parse(pageTemplate))

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

const pageTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cq migration report</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1d1d1f; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5em 0 1em; max-width: 100%; }
td { overflow-wrap: anywhere; }
th, td { padding: .25em .7em; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { cursor: pointer; user-select: none; background: #f4f4f6; }
th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, monospace; background: #f4f4f6; padding: 0 .25em; }
.chart rect { fill: #3d6fd9; } .chart text { font-size: 12px; fill: #333; }
.refused { color: #a12; } .converted { color: #171; }
.totals span { display: inline-block; margin-right: 2em; font-size: 1.2em; }
</style>
</head>
<body>
<h1>cq migration report</h1>
<p class="totals"><span>findings: <b id="n-total">{{.Total}}</b></span><span>Result fields left: <b id="n-resultfields">{{.ResultFieldCount}}</b></span>{{if .Plan}}{{$pc := planCounts .}}<span>plan: <b id="n-plan-converted">{{index $pc 0}}</b> converted, <b id="n-plan-refused">{{index $pc 1}}</b> refused</span>{{end}}</p>

<h2 id="rules">Findings by rule</h2>
{{ruleChart .}}
<table class="sortable">
<thead><tr><th>rule</th><th data-num>findings</th><th>reports</th></tr></thead>
<tbody>
{{range .Rules}}<tr><td><a href="{{.HelpURI}}">{{.ID}}</a></td><td class="n" id="n-rule-{{.ID}}">{{.N}}</td><td>{{.Title}}</td></tr>
{{end}}</tbody>
</table>

<h2 id="packages">Findings by package</h2>
{{packageChart .}}
<table class="sortable">
<thead><tr><th>package</th><th data-num>findings</th>{{range .Rules}}<th data-num>{{.ID}}</th>{{end}}</tr></thead>
<tbody>
{{$s := .}}{{range .Packages}}{{$p := .}}<tr data-package="{{.Package}}"><td>{{.Package}}</td><td class="n">{{.N}}</td>{{range $s.Rules}}<td class="n">{{count $p .ID}}</td>{{end}}</tr>
{{end}}</tbody>
</table>

<h2 id="resultfields">Result fields left</h2>
<p>Each command or query with a Result field, by package, with the <code>cqgen refactor</code> command that converts it{{if .Plan}} and what the refactor plan says of it{{end}}.</p>
{{if .ResultFields}}{{resultChart .}}{{end}}
{{range .ResultFields}}<h3>{{.Package}} ({{len .Types}})</h3>
<p><code>{{.Command}}</code></p>
<table class="sortable">
<thead><tr><th>type</th><th>position</th><th data-num>handlers</th><th>command</th>{{if $s.Plan}}<th>plan</th>{{end}}</tr></thead>
<tbody>
{{range .Types}}<tr data-resultfield="{{.Package}}.{{.Name}}"><td>{{.Name}}</td><td>{{.Pos}}</td><td class="n">{{.Handlers}}</td><td><code>{{.Command}}</code></td>{{if $s.Plan}}<td>{{with .Plan}}<span class="{{.Status}}">{{.Status}}</span>{{range .Reasons}}<br>{{.Pos}}: {{.Message}}{{end}}{{else}}not in the plan{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}
{{with .Plan}}<h2 id="plan">Refactor plan</h2>
<p>From <code>cqgen refactor --dry-run --json</code> of module <code>{{.Module}}</code>: the types it would convert, and why it refuses the others.</p>
{{planChart $s}}
<table class="sortable">
<thead><tr><th>type</th><th>package</th><th>result</th><th>status</th><th data-num>functions</th><th data-num>call sites</th><th data-num>files</th><th>reasons</th></tr></thead>
<tbody>
{{range .Types}}<tr data-plan="{{.Status}}"><td>{{.Name}}</td><td>{{.Package}}</td><td><code>{{.Result}}</code></td><td class="{{.Status}}">{{.Status}}</td><td class="n">{{len .Functions}}</td><td class="n">{{.CallSites}}</td><td class="n">{{len .Files}}</td><td>{{range .Reasons}}{{.Pos}}: {{.Message}}<br>{{end}}</td></tr>
{{end}}</tbody>
</table>
{{end}}
<h2 id="findings">All findings</h2>
<table class="sortable">
<thead><tr><th>rule</th><th>package</th><th>position</th><th>message</th></tr></thead>
<tbody>
{{range .Findings}}<tr data-finding="{{.Rule}}"><td><a href="{{ruleURL $s .Rule}}">{{.Rule}}</a></td><td>{{.Package}}</td><td>{{rel $s .}}</td><td>{{.Message}}</td></tr>
{{end}}</tbody>
</table>
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
// #selftest sorts the package table by findings, twice, and checks the
// order: what a headless browser can verify without clicking.
if (location.hash === "#selftest") {
	var th = document.querySelectorAll("#packages ~ table th")[1];
	sortBy(th); sortBy(th);
	var ns = Array.prototype.map.call(th.closest("table").tBodies[0].rows, function (r) { return Number(r.cells[1].textContent); });
	var ok = ns.every(function (n, i) { return i === 0 || ns[i - 1] >= n; });
	document.body.dataset.selftest = ok ? "pass" : "fail";
}
document.body.dataset.ready = "yes";
</script>
</body>
</html>
`
