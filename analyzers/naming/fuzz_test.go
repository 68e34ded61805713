package naming

import (
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/cqtools/cq/analyzers/lexicon"
)

// FuzzNames feeds identifiers to the word splitter and the checker, and
// checks that splitting loses nothing (the words are the name without its
// underscores, and joining them gives the name back), and that a
// suggestion is an identifier, exported exactly when the name is. The
// seeds, every name of testdata/corpus.tsv and a few odd ones, run as an
// ordinary test; fuzz with
//
//	go test ./analyzers/naming -run '^$' -fuzz FuzzNames -fuzztime 5m
func FuzzNames(f *testing.F) {
	data, err := os.ReadFile("testdata/corpus.tsv")
	if err != nil {
		f.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if fs := strings.Split(l, "\t"); len(fs) > 1 && !strings.HasPrefix(l, "#") {
			f.Add(fs[1])
		}
	}
	for _, s := range []string{"ÄpfelHolenQuery", "äpfelQuery", "ID", "IDs", "x", "_", "get_user_query", "V2", "HTTPServer"} {
		f.Add(s)
	}
	chk := &Checker{Lex: lexicon.Default(), Predicates: predicatesFlag.words}
	f.Fuzz(func(t *testing.T, name string) {
		if !token.IsIdentifier(name) {
			return
		}
		words := Split(name)
		if got, want := strings.Join(words, ""), strings.ReplaceAll(name, "_", ""); got != want {
			t.Errorf("Split(%q) = %q: the words do not make up the name", name, words)
		}
		for _, w := range words {
			if w == "" {
				t.Errorf("Split(%q) = %q: an empty word", name, words)
			}
		}
		if !strings.Contains(name, "_") {
			if got := join(words, isExported(name)); got != name {
				t.Errorf("join(Split(%q)) = %q", name, got)
			}
		}
		for _, suffix := range []string{"Query", "Command", "Event", ""} {
			var v Verdict
			if suffix == "Event" || suffix == "" {
				v = chk.Event(name, suffix)
			} else {
				v = chk.Request(name, suffix, suffix == "Query")
			}
			if v.OK || v.Suggestion == "" {
				continue
			}
			if !token.IsIdentifier(v.Suggestion) || token.IsExported(v.Suggestion) != token.IsExported(name+suffix) {
				t.Errorf("%s%s: suggestion %q is no identifier exported as the name is (%s)", name, suffix, v.Suggestion, v.Problem)
			}
			if !strings.HasSuffix(v.Suggestion, suffix) {
				t.Errorf("%s%s: suggestion %q lost the suffix", name, suffix, v.Suggestion)
			}
		}
	})
}
