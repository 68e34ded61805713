// Package lexicon knows the English verbs: their base, past and past
// participle forms and whether they are also nouns. The naming analyzer asks
// it whether a word of an identifier is an imperative, a past tense or
// neither.
//
// The data is verbs.tsv (10,000 verbs from WordNet 3.0 and the XTAG
// morphology database, ranked by SCOWL; see NOTICES/) and supplement.tsv
// (software jargon such as upsert, login, reindex, and overrides), both
// embedded. Parsing them costs a few milliseconds, so it happens on the
// first question asked, once per process: a package with no command, query
// or event never pays for it.
package lexicon

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed verbs.tsv
var verbsTSV string

//go:embed supplement.tsv
var supplementTSV string

// Flags say more about a verb.
type Flags uint16

const (
	Irregular    Flags = 1 << iota // some form is not a regular -ed spelling (sent, built)
	Noun                           // the base is also a noun (test, update)
	NounDominant                   // the base is mostly a noun in running text (team, state)
	Rare                           // the base is not a common English word
	Phrasal                        // the forms are two words: login, logged in
	Jargon                         // from supplement.tsv or a team's own list
	AlsoPast                       // the base is also the irregular past of another verb (found, left)
	WordNet                        // WordNet lists the base as a verb (XTAG alone lists token, item)
)

// A Verb is one verb and its forms. Past and Participle hold the accepted
// spellings, preferred first; a phrasal verb's forms hold a space
// ("logged in").
type Verb struct {
	Base       string
	Past       []string
	Participle []string
	Flags      Flags
}

// Has reports whether v has all of f.
func (v *Verb) Has(f Flags) bool { return v.Flags&f == f }

// A Lexicon answers questions about words. The zero value knows no words;
// use Default, or Default().With(...) for a team's own words.
type Lexicon struct {
	verbs    map[string]*Verb    // by base
	forms    map[string][]string // past or participle -> bases
	past     map[string][]string // past -> bases
	nonVerbs map[string]bool     // words never taken as verbs
	parent   *Lexicon
}

// Default is the embedded lexicon, parsed on first use.
var Default = sync.OnceValue(func() *Lexicon {
	l, err := Parse(verbsTSV, supplementTSV)
	if err != nil {
		panic(err) // the embedded data is tested; this is a build defect
	}
	return l
})

// Parse reads lexicon files in the verbs.tsv format, later files
// overriding earlier ones: base<TAB>past<TAB>participle<TAB>flags, with
// '|' between alternative spellings, '-' for "derive by the regular -ed
// rules", and '#' comments.
func Parse(files ...string) (*Lexicon, error) {
	// Every package with a message parses the embedded data under go vet
	// (a process per package): cut fields in place, and size the maps
	// for all the lines at once.
	lines := 0
	for _, data := range files {
		lines += strings.Count(data, "\n") + 1
	}
	l := newLexicon(nil, lines)
	for i, data := range files {
		n := 0
		for line := range strings.Lines(data) {
			n++
			line = strings.TrimRight(line, "\r\n")
			if line == "" || line[0] == '#' {
				continue
			}
			base, rest, ok1 := strings.Cut(line, "\t")
			past, rest, ok2 := strings.Cut(rest, "\t")
			part, flags, ok3 := strings.Cut(rest, "\t")
			if !ok1 || !ok2 || !ok3 || base == "" || strings.Contains(flags, "\t") {
				return nil, fmt.Errorf("lexicon file %d, line %d: want base, past, participle and flags separated by tabs: %q", i+1, n, line)
			}
			v := &Verb{Base: base, Flags: parseFlags(flags)}
			v.Past = forms(past, base)
			if part == past {
				v.Participle = v.Past // read only: share the spellings
			} else {
				v.Participle = forms(part, base)
			}
			l.add(v)
		}
	}
	return l, nil
}

func newLexicon(parent *Lexicon, size int) *Lexicon {
	return &Lexicon{
		verbs:    make(map[string]*Verb, size),
		forms:    make(map[string][]string, size),
		past:     make(map[string][]string, size),
		nonVerbs: map[string]bool{},
		parent:   parent,
	}
}

func forms(field, base string) []string {
	if field == "-" {
		return []string{RegularPast(base)}
	}
	return strings.Split(field, "|")
}

func parseFlags(s string) Flags {
	var f Flags
	for _, c := range s {
		switch c {
		case 'i':
			f |= Irregular
		case 'n':
			f |= Noun
		case 'N':
			f |= NounDominant | Noun
		case 'r':
			f |= Rare
		case 'P':
			f |= Phrasal
		case 'S':
			f |= Jargon
		case 'f':
			f |= AlsoPast
		case 'W':
			f |= WordNet
		}
	}
	return f
}

func (l *Lexicon) add(v *Verb) {
	if old := l.verbs[v.Base]; old != nil {
		l.remove(old)
	}
	l.verbs[v.Base] = v
	for _, p := range v.Past {
		l.past[p] = appendNew(l.past[p], v.Base)
		l.forms[p] = appendNew(l.forms[p], v.Base)
	}
	for _, p := range v.Participle {
		l.forms[p] = appendNew(l.forms[p], v.Base)
	}
}

// remove forgets an overridden verb's forms.
func (l *Lexicon) remove(v *Verb) {
	drop := func(m map[string][]string, form string) {
		var keep []string
		for _, b := range m[form] {
			if b != v.Base {
				keep = append(keep, b)
			}
		}
		if keep == nil {
			delete(m, form)
		} else {
			m[form] = keep
		}
	}
	for _, p := range v.Past {
		drop(l.past, p)
		drop(l.forms, p)
	}
	for _, p := range v.Participle {
		drop(l.forms, p)
	}
}

func appendNew(s []string, x string) []string {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

// With returns a lexicon that also knows verbs and never takes nonVerbs as
// verbs (nor as their forms). A verb is written "reindex" (regular forms
// derived) or "spin:spun:spun" (base:past:participle).
func (l *Lexicon) With(verbs, nonVerbs []string) (*Lexicon, error) {
	if len(verbs) == 0 && len(nonVerbs) == 0 {
		return l, nil
	}
	o := newLexicon(l, len(verbs))
	for _, s := range verbs {
		s = strings.ToLower(strings.TrimSpace(s))
		parts := strings.Split(s, ":")
		switch {
		case len(parts) == 1 && isWord(s):
			p := RegularPast(s)
			o.add(&Verb{Base: s, Past: []string{p}, Participle: []string{p}, Flags: Jargon})
		case len(parts) == 3 && isWord(parts[0]) && isWord(parts[1]) && isWord(parts[2]):
			o.add(&Verb{Base: parts[0], Past: []string{parts[1]}, Participle: []string{parts[2]}, Flags: Jargon | Irregular})
		default:
			return nil, fmt.Errorf("bad verb %q: want a lower-case word, or base:past:participle", s)
		}
	}
	for _, s := range nonVerbs {
		s = strings.ToLower(strings.TrimSpace(s))
		if !isWord(s) {
			return nil, fmt.Errorf("bad non-verb %q: want a word", s)
		}
		o.nonVerbs[s] = true
	}
	return o, nil
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// prefixes make a verb from a verb (unstar, reassign, deprovision) when
// the data lacks the compound.
var prefixes = []string{"un", "re", "de", "dis", "pre", "mis", "over", "auto", "co"}

// Verb returns the verb whose base form is w (lower case), or nil. A
// prefixed word the data lacks (unstar, reupload) is taken as the prefix
// and the verb.
func (l *Lexicon) Verb(w string) *Verb {
	if v := l.exact(w); v != nil {
		return v
	}
	for _, p := range prefixes {
		rest, ok := strings.CutPrefix(w, p)
		if !ok || len(rest) < minStem(p) {
			continue
		}
		if v := l.exact(rest); v != nil && !v.Has(Phrasal) {
			return &Verb{Base: w, Past: prefixAll(p, v.Past), Participle: prefixAll(p, v.Participle), Flags: v.Flags &^ (Noun | NounDominant)}
		}
	}
	return nil
}

// minStem is the shortest verb a prefix attaches to: un and re take
// three-letter verbs (unpin, rerun), the others longer ones, so that
// delet is not de+let.
func minStem(prefix string) int {
	if prefix == "un" || prefix == "re" {
		return 3
	}
	return 4
}

func prefixAll(p string, s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = p + x
	}
	return out
}

func (l *Lexicon) exact(w string) *Verb {
	for x := l; x != nil; x = x.parent {
		if x.nonVerbs[w] {
			return nil
		}
		if v := x.verbs[w]; v != nil {
			return v
		}
	}
	return nil
}

// IsBase reports whether w is the base form of a verb.
func (l *Lexicon) IsBase(w string) bool { return l.Verb(w) != nil }

// BasesOfPast returns the verbs w is a past tense of: [leave] for left.
func (l *Lexicon) BasesOfPast(w string) []string { return l.basesOf(w, true) }

// BaseOf returns the verbs w is a past tense or past participle of: [find]
// for found, [begin] for begun.
func (l *Lexicon) BaseOf(w string) []string { return l.basesOf(w, false) }

func (l *Lexicon) basesOf(w string, pastOnly bool) []string {
	var out []string
	for x := l; x != nil; x = x.parent {
		if x.nonVerbs[w] {
			return nil
		}
		m := x.forms
		if pastOnly {
			m = x.past
		}
		for _, b := range m[w] {
			if l.exact(b) != nil {
				out = appendNew(out, b)
			}
		}
	}
	if out != nil {
		return out
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= minStem(p) {
			for _, b := range l.basesOf(rest, pastOnly) {
				out = appendNew(out, p+b)
			}
		}
	}
	return out
}

// IsPast reports whether w is the past tense of a verb.
func (l *Lexicon) IsPast(w string) bool { return len(l.BasesOfPast(w)) > 0 }

// IsParticiple reports whether w is the past participle of a verb.
func (l *Lexicon) IsParticiple(w string) bool {
	for _, b := range l.BaseOf(w) {
		if v := l.Verb(b); v != nil && contains(v.Participle, w) {
			return true
		}
	}
	return false
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// Past returns the preferred past tense of base ("began" for begin), or ""
// if base is not a verb.
func (l *Lexicon) Past(base string) string {
	if v := l.Verb(base); v != nil && len(v.Past) > 0 {
		return v.Past[0]
	}
	return ""
}

// Participle returns the preferred past participle of base ("begun" for
// begin), or "" if base is not a verb.
func (l *Lexicon) Participle(base string) string {
	if v := l.Verb(base); v != nil && len(v.Participle) > 0 {
		return v.Participle[0]
	}
	return ""
}

// RegularPast spells the regular -ed form of a verb: created, copied,
// stopped, upserted.
func RegularPast(base string) string {
	n := len(base)
	switch {
	case n == 0:
		return ""
	case strings.HasSuffix(base, "e"):
		return base + "d"
	case n > 1 && base[n-1] == 'y' && !isVowel(base[n-2]):
		return base[:n-1] + "ied"
	case doublesFinal(base):
		return base + string(base[n-1]) + "ed"
	}
	return base + "ed"
}

// doublesFinal reports whether a one-syllable verb ends consonant, vowel,
// consonant (stop, plan): its final consonant doubles before -ed. Longer
// verbs depend on stress, which spelling does not show; the data lists
// those.
func doublesFinal(w string) bool {
	n := len(w)
	if n < 3 || isVowel(w[n-1]) || strings.ContainsRune("wxy", rune(w[n-1])) || !isVowel(w[n-2]) || isVowel(w[n-3]) {
		return false
	}
	vowelGroups := 0
	for i := 0; i < n; i++ {
		if isVowel(w[i]) && (i == 0 || !isVowel(w[i-1])) {
			vowelGroups++
		}
	}
	return vowelGroups == 1
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
