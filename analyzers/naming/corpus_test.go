package naming

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/lexicon"
)

// minAgreement is the share of corpus names on which the checker must
// agree with the labels (verdict and suggestion both).
const minAgreement = 0.98

// TestCorpus runs the checker over testdata/corpus.tsv, a labelled corpus of
// real command, query and event names (Grafana v8.3.0 and other public Go
// code bases) and hard cases. Each line is
//
//	kind  name  ok|bad  suggestion|-  source
//
// A bad name with a suggestion agrees only if the checker suggests exactly
// that; "-" means no suggestion is expected.
func TestCorpus(t *testing.T) {
	f, err := os.Open("testdata/corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg := cqmodel.DefaultConfig()
	chk := &Checker{Lex: lexicon.Default(), Predicates: predicatesFlag.words}
	var total, agree int
	bySource := map[string][2]int{} // source -> agreed, total
	var sources []string
	var misses []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fs := strings.Split(text, "\t")
		if len(fs) < 4 {
			t.Fatalf("corpus.tsv:%d: want kind, name, label, suggestion[, source]: %q", line, text)
		}
		kind, name, label, want := fs[0], fs[1], fs[2], fs[3]
		source := "?"
		if len(fs) > 4 {
			source = fs[4]
		}
		if _, ok := bySource[source]; !ok {
			sources = append(sources, source)
		}
		st := bySource[source]
		st[1]++
		bySource[source] = st
		if seen[kind+" "+name] {
			t.Errorf("corpus.tsv:%d: %s %s listed twice", line, kind, name)
		}
		seen[kind+" "+name] = true
		k, ok := kinds[kind]
		if !ok {
			t.Fatalf("corpus.tsv:%d: unknown kind %q", line, kind)
		}
		v := chk.Judge(cfg, name, k)
		if label != "ok" && label != "bad" {
			t.Fatalf("corpus.tsv:%d: label %q: want ok or bad", line, label)
		}
		if want == "-" {
			want = ""
		}
		total++
		got := "ok"
		if !v.OK {
			got = "bad"
		}
		if got == label && (label == "ok" || v.Suggestion == want) {
			agree++
			st[0]++
			bySource[source] = st
			continue
		}
		misses = append(misses, fmt.Sprintf("corpus.tsv:%d: %s %s: labelled %s %s, got %s %q (%s)", line, kind, name, label, want, got, v.Suggestion, v.Problem))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if total < 400 {
		t.Errorf("corpus has %d names, want at least 400", total)
	}
	rate := float64(agree) / float64(total)
	t.Logf("corpus agreement: %d/%d = %.1f%% (target %.0f%%)", agree, total, 100*rate, 100*minAgreement)
	for _, src := range sources {
		st := bySource[src]
		t.Logf("  %-22s %3d/%3d", src, st[0], st[1])
	}
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	if rate < minAgreement {
		t.Errorf("agreement %.1f%% is below the target %.0f%%", 100*rate, 100*minAgreement)
	}
}

var kinds = map[string]cqmodel.Kind{"command": cqmodel.Command, "query": cqmodel.Query, "event": cqmodel.Event}

// BenchmarkChecker judges every corpus name once per iteration; the
// lexicon is parsed before the timer starts.
func BenchmarkChecker(b *testing.B) {
	data, err := os.ReadFile("testdata/corpus.tsv")
	if err != nil {
		b.Fatal(err)
	}
	chk := &Checker{Lex: lexicon.Default(), Predicates: predicatesFlag.words}
	cfg := cqmodel.DefaultConfig()
	type name struct {
		kind cqmodel.Kind
		name string
	}
	var names []name
	for _, l := range strings.Split(string(data), "\n") {
		if fs := strings.Split(l, "\t"); len(fs) > 1 && !strings.HasPrefix(l, "#") {
			names = append(names, name{kinds[fs[0]], fs[1]})
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, n := range names {
			chk.Judge(cfg, n.name, n.kind)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(names)), "ns/name")
}
