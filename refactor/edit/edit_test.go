package edit

import (
	"strings"
	"testing"
)

// Two statements of one list each declare err alone: the first in the
// source says :=, the later one =, whichever group wrote which; with the
// first group gone, the later one declares it.
func TestComposeShare(t *testing.T) {
	src := []byte("package m\n\nfunc f() {\n\ta()\n\tb()\n}\n")
	at := func(s string) int { return strings.Index(string(src), s) }
	list := at("{")
	first := Edit{File: "m.go", Start: at("a()"), End: at("a()"), New: "_, err " + Share(list, at("a()"), "err") + " x()\n\t"}
	second := Edit{File: "m.go", Start: at("b()"), End: at("b()"), New: "_, err " + Share(list, at("b()"), "err") + " y()\n\t"}
	text := func(groups ...[]Edit) []string {
		var out []string
		for _, o := range Compose(func(string) []byte { return src }, groups)["m.go"] {
			out = append(out, o.New)
		}
		return out
	}
	// The later statement's group first: the order of groups does not matter.
	got := text([]Edit{second}, []Edit{first})
	want := []string{"_, err = y()\n\t", "_, err := x()\n\t"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("both: %q, want %q", got, want)
	}
	if got := text([]Edit{second}); len(got) != 1 || got[0] != "_, err := y()\n\t" {
		t.Errorf("the later alone: %q", got)
	}
	// A statement that declares err beside another variable counts too.
	decl := Edit{File: "m.go", Start: at("a()"), End: at("a()"), New: "v, err :=" + Declared(list, at("a()"), "err") + " x()\n\t"}
	if got := text([]Edit{decl}, []Edit{second}); got[0] != "v, err := x()\n\t" || got[1] != "_, err = y()\n\t" {
		t.Errorf("after a declaration with another variable: %q", got)
	}
}

// A moved range carries the edits inside it, which leave their place.
func TestComposeMove(t *testing.T) {
	src := []byte("package m\n\nvar x = f(q.Result)\n")
	at := func(s string) int { return strings.Index(string(src), s) }
	inner := Edit{File: "m.go", Start: at("q.Result"), End: at("q.Result") + len("q.Result"), New: "r"}
	moved := Edit{File: "m.go", Start: at("f("), End: at(")") + 1, New: "v"}
	copyText := Edit{File: "m.go", Start: at("var"), End: at("var"), New: "r2 := " + Move(at("f("), at(")")+1) + "\n"}
	out := Compose(func(string) []byte { return src }, [][]Edit{{inner}, {moved, copyText}})["m.go"]
	var texts []string
	for _, o := range out {
		texts = append(texts, o.New)
	}
	if got := strings.Join(texts, "|"); !strings.Contains(got, "r2 := f(r)\n") || strings.Count(got, "|")+1 != 2 {
		t.Errorf("composed: %q, want the copy to carry r and the inner edit to leave its place", texts)
	}
}

func TestApply(t *testing.T) {
	src := []byte("package m\r\n\r\nvar a, b = 1, 2\r\n")
	at := strings.Index(string(src), "1")
	out, err := Apply(src, []Edit{
		{Start: at, End: at + 1, New: "3"},
		{Start: at, End: at, New: "10 + "}, // an insertion goes before a replacement at the same place
	}, nil)
	if err != nil || string(out) != "package m\r\n\r\nvar a, b = 10 + 3, 2\r\n" {
		t.Errorf("Apply = %q, %v", out, err)
	}
	if _, err := Apply(src, []Edit{{Start: at, End: at + 4, New: "x"}, {Start: at + 1, End: at + 2, New: "y"}}, nil); err == nil || !strings.Contains(err.Error(), "overlapping") {
		t.Errorf("overlapping edits: %v", err)
	}
}

// TestFormatSourceDropsSeveralImports: a rewrite can leave more than one
// import unused in a file; every one goes (deleting them while ranging
// over the file's imports used to panic).
func TestFormatSourceDropsSeveralImports(t *testing.T) {
	src := "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n)\n\nvar _ = strings.ToUpper\n"
	got, err := formatSource([]byte(src), map[string]string{"fmt": "fmt", "os": "os", "strings": "strings"})
	if err != nil {
		t.Fatal(err)
	}
	want := "package p\n\nimport (\n\t\"strings\"\n)\n\nvar _ = strings.ToUpper\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
