package cqmodel

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// FuzzDirective feeds arbitrary text after //cq: to the directive parser,
// in the doc comment of a struct type, and checks that it never panics,
// that every error has a position inside a comment of the file, and that
// a directive it accepts says the same when written out again. The seeds
// run as an ordinary test; fuzz with
//
//	go test ./analyzers/cqmodel -run '^$' -fuzz FuzzDirective -fuzztime 5m
func FuzzDirective(f *testing.F) {
	for _, s := range []string{
		"query", "command", "event", "thing", "query colour=red", "query result",
		"query method=", "query method=A method=B", "query result=*3", "query result=a+b",
		"query method=get", "command service=my-svc", "query result=int ok=maybe",
		"query ok=true", "event method=X", "query result=map[string", `query result="a\q"`,
		`query service=Dashboards method=GetByUID result="map[string]func(a, b int) error" ok=false`,
		"query result=[]*models.Team ok=true", "query result=Page[*Teapot]", "query result=map[K]V[int, string]",
		"query  result=int\tok=true ", "query result=func(a, b int) (x, y string)", "query result=chan<- int",
		`query result="int" result=""`, "query result=interface{ M() }", "query result=struct{ X int }",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.ContainsAny(text, "\n\r") {
			return // a // comment ends at the line
		}
		src := "package p\n\n//cq:" + text + "\ntype T struct{}\n"
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
		if err != nil {
			return // the text ended the comment (*/ is fine, but not every byte is)
		}
		dirs, errs := FileDirectives(file)
		for _, e := range errs {
			if e.Msg == "" {
				t.Errorf("empty error message for %q", text)
			}
			if !insideComment(file, e.Pos) {
				t.Errorf("error %q at %s, outside every comment of\n%s", e.Msg, fset.Position(e.Pos), src)
			}
		}
		for ts, d := range dirs {
			if len(errs) > 0 {
				t.Errorf("%q: both a directive on %s and errors %v", text, ts.Name.Name, errs)
			}
			checkDirective(t, file, d)
			again, err := ParseDirective(&ast.Comment{Slash: 1, Text: format(d)})
			if err != nil {
				t.Fatalf("%q parsed, but written out as %q it does not: %v", text, format(d), err)
			}
			if a, b := format(d), format(again); a != b {
				t.Errorf("%q: written out as %q, which parses as %q", text, a, b)
			}
		}
	})
}

func insideComment(f *ast.File, pos token.Pos) bool {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if c.Pos() <= pos && pos < c.End() {
				return true
			}
		}
	}
	return false
}

// checkDirective checks what a parsed directive promises: known kind,
// exported identifiers, a result that parses as a type, ok only with a
// result, key positions inside the comment.
func checkDirective(t *testing.T, f *ast.File, d *Directive) {
	t.Helper()
	if d.Kind != Command && d.Kind != Query && d.Kind != Event {
		t.Errorf("kind %v", d.Kind)
	}
	if !token.IsIdentifier(d.Service) || !token.IsExported(d.Service) {
		t.Errorf("service %q", d.Service)
	}
	if d.Method != "" && (!token.IsIdentifier(d.Method) || !token.IsExported(d.Method)) {
		t.Errorf("method %q", d.Method)
	}
	if d.Result != "" && !isTypeSyntax(d.Result) {
		t.Errorf("result %q is no type", d.Result)
	}
	if d.OK && d.Result == "" {
		t.Error("ok=true without a result")
	}
	for k, p := range d.KeyPos {
		if !insideComment(f, p) {
			t.Errorf("key %s at %d, outside the comment", k, p)
		}
	}
}

// format writes a directive as a //cq: line, quoting a value with spaces.
func format(d *Directive) string {
	var b strings.Builder
	b.WriteString(directivePrefix + d.Kind.String())
	add := func(key, value string) {
		if strings.ContainsAny(value, " \t\"") {
			value = strconv.Quote(value)
		}
		b.WriteString(" " + key + "=" + value)
	}
	if d.Service != "Service" {
		add("service", d.Service)
	}
	if d.Method != "" {
		add("method", d.Method)
	}
	if d.Result != "" {
		add("result", d.Result)
	}
	if d.OK {
		add("ok", "true")
	}
	return b.String()
}
