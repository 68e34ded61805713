package cqmodel

import (
	"fmt"
	"go/parser"
	"go/token"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// directiveErrors parses src and returns its directive errors as
// "line:col: message".
func directiveErrors(t *testing.T, src string) ([]string, map[string]*Directive) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	dirs, errs := FileDirectives(f)
	var got []string
	for _, e := range errs {
		p := fset.Position(e.Pos)
		got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Column, e.Msg))
	}
	byName := map[string]*Directive{}
	for ts, d := range dirs {
		byName[ts.Name.Name] = d
	}
	return got, byName
}

func TestDirectiveErrors(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       string // "col: message"; the directive is on line 3
	}{
		{"unknown directive", "//cq:thing", "1: unknown directive //cq:thing (want //cq:command, //cq:query or //cq:event)"},
		{"unknown key", "//cq:query colour=red", "12: unknown key \"colour\" (want service, method, result or ok)"},
		{"not key=value", "//cq:query result", "12: malformed \"result\": want key=value"},
		{"empty value", "//cq:query method=", "12: malformed \"method=\": want key=value"},
		{"key twice", "//cq:query method=A method=B", "21: key \"method\" given twice"},
		{"bad type", "//cq:query result=*3", "12: result=*3: not a Go type"},
		{"not a type", "//cq:query result=a+b", "12: result=a+b: not a Go type"},
		{"unexported method", "//cq:query method=get", "12: method=get: want an exported Go identifier"},
		{"bad service", "//cq:command service=my-svc", "14: service=my-svc: want an exported Go identifier"},
		{"bad ok", "//cq:query result=int ok=maybe", "23: ok=maybe: want true or false"},
		{"ok without result", "//cq:query ok=true", "12: ok=true needs result=: (U, bool) has a U"},
		{"event with keys", "//cq:event method=X", "12: unknown key \"method\" (//cq:event takes no keys)"},
		{"unbalanced", "//cq:query result=map[string", "12: unbalanced quotes or brackets in \"result=map[string\""},
		{"bad quoting", `//cq:query result="a\q"`, "12: bad quoted value for result: invalid syntax"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := directiveErrors(t, "package p\n\n"+tc.line+"\ntype T struct{}\n")
			if diff := cmp.Diff([]string{"3:" + tc.want}, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDirectivePlacement(t *testing.T) {
	src := `package p

//cq:query
type A int

//cq:query
//cq:command
type B struct{}

func f() {
	//cq:query
}

type (
	//cq:event
	C struct{}
	D struct{}
)
`
	got, dirs := directiveErrors(t, src)
	want := []string{
		"3:1: //cq:query on A, which is not a struct type",
		"7:1: second directive on B (the first is //cq:query)",
		"11:2: //cq: directive is not in the doc comment of a type declaration",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if dirs["C"] == nil || dirs["C"].Kind != Event {
		t.Errorf("C: got %+v, want an event directive", dirs["C"])
	}
	if dirs["D"] != nil {
		t.Errorf("D got C's directive")
	}
}

func TestParseDirective(t *testing.T) {
	_, dirs := directiveErrors(t, `package p

//cq:query service=Dashboards method=GetByUID result="map[string]func(a, b int) error" ok=false
type GetDashboardQuery struct{}

//cq:query result=[]*models.Team ok=true
type SearchTeamsQuery struct{}

//cq:command
type SaveCmd struct{}
`)
	d := dirs["GetDashboardQuery"]
	if d == nil || d.Kind != Query || d.Service != "Dashboards" || d.Method != "GetByUID" || d.Result != "map[string]func(a, b int) error" || d.OK {
		t.Errorf("GetDashboardQuery: %+v", d)
	}
	if d := dirs["SearchTeamsQuery"]; d == nil || d.Result != "[]*models.Team" || !d.OK {
		t.Errorf("SearchTeamsQuery: %+v", d)
	}
	if d := dirs["SaveCmd"]; d == nil || d.Kind != Command || d.Service != "Service" || d.Method != "" || len(d.KeyPos) != 0 {
		t.Errorf("SaveCmd: %+v", d)
	}
}
