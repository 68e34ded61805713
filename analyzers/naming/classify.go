package naming

import (
	"go/token"
	"slices"
	"strings"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/lexicon"
)

// A Checker judges names. It is the whole rule without the analysis
// plumbing, so that the corpus test can drive it name by name.
type Checker struct {
	Lex *lexicon.Lexicon
	// Predicates are first words that make a query a boolean predicate
	// (IsStarredByUserQuery), accepted without a verb in the imperative.
	Predicates []string
}

// A Verdict is what a Checker says about one name.
type Verdict struct {
	OK bool
	// Problem says what is wrong, to follow the name in a message: "starts
	// with the noun Folder, not a verb".
	Problem string
	// Suggestion is the corrected name, suffix included, or "" when none
	// can be derived.
	Suggestion string
	// NoVerb: a command or query with no verb anywhere in its name.
	NoVerb bool
}

// Judge judges the name of a message of kind k, its suffix cut as cfg
// says.
func (c *Checker) Judge(cfg *cqmodel.Config, name string, k cqmodel.Kind) Verdict {
	stem, suffix := cfg.CutSuffix(name, k)
	if k == cqmodel.Event {
		return c.Event(stem, suffix)
	}
	return c.Request(stem, suffix, k == cqmodel.Query)
}

// Request judges the name of a command or query: stem is the name without
// its suffix (GetDashboard), suffix the suffix (Query). Commands and queries
// are named in the imperative: the first word is a verb in its base form.
func (c *Checker) Request(stem, suffix string, isQuery bool) Verdict {
	exported := isExported(stem + suffix)
	words := Split(stem)
	if len(words) == 0 {
		return Verdict{Problem: "has no words before its suffix " + suffix}
	}
	w0 := strings.ToLower(words[0])
	if slices.ContainsFunc(c.Predicates, func(p string) bool { return strings.EqualFold(p, w0) }) {
		return Verdict{OK: true}
	}
	compound := len(words) > 1 && compoundNouns[w0+" "+singular(strings.ToLower(words[1]))]
	if !compound && c.imperative(w0) && !endsInCRUD(words) && !(c.Lex.Verb(w0).Has(lexicon.AlsoPast) && len(c.Lex.BasesOfPast(w0)) > 0) {
		return Verdict{OK: true}
	}
	rest := words[1:]
	suggest := func(verb string, rest []string) string {
		return identifier(append([]string{upperFirst(verb)}, rest...), exported, suffix)
	}
	if bases := c.Lex.BaseOf(w0); len(bases) > 0 {
		return Verdict{Problem: "starts with the past form " + words[0] + ", not the imperative", Suggestion: suggest(bases[0], rest)}
	}
	if base := c.ingBase(w0); base != "" {
		return Verdict{Problem: "starts with the -ing form " + words[0] + ", not the imperative", Suggestion: suggest(base, rest)}
	}
	// A lone plural is a noun in a query's name (CommitsQuery: the
	// commits), a verb with its object only (CreatesUser).
	if base := c.sBase(w0); base != "" && !compound && (len(rest) > 0 || !isQuery && !c.Lex.Verb(base).Has(lexicon.Noun)) {
		return Verdict{Problem: "starts with " + words[0] + ", not the imperative " + upperFirst(base), Suggestion: suggest(base, rest)}
	}
	if j, k, verb := c.trailingVerb(words); j > 0 && !compound {
		// the verb (and its particle: SignUp) first, the other words in order
		others := append(append(slices.Clone(words[j+1:k]), words[:j]...), words[k:]...)
		problem := "starts with " + words[0] + ", not a verb"
		if c.imperative(w0) {
			problem = "puts its verb " + words[j] + " last, after its object " + strings.Join(words[:j], "")
		}
		return Verdict{Problem: problem, Suggestion: suggest(verb, others)}
	}
	why := words[0] + " is not one"
	switch {
	case compound:
		why = words[0] + words[1] + " is a noun"
	case isQuery && len(words) == 1 && c.sBase(w0) != "":
		why = words[0] + " is a noun here"
	}
	v := Verdict{Problem: "has no verb in the imperative (" + why + ")", NoVerb: true}
	if isQuery {
		v.Suggestion = suggest("Get", words)
	}
	return v
}

// Event judges the name of an event: stem is the name without its suffix
// (UserCreated), suffix the suffix ("" or Event). Events are named in the
// past tense: the name ends in a past tense or past participle, phrasal
// verbs included (UserLoggedIn).
func (c *Checker) Event(stem, suffix string) Verdict {
	exported := isExported(stem + suffix)
	words := Split(stem)
	n := len(words)
	if n == 0 {
		return Verdict{Problem: "has no words before its suffix " + suffix}
	}
	last := strings.ToLower(words[n-1])
	if c.pastForm(last) || (n > 1 && particles[last] && c.pastForm(strings.ToLower(words[n-2]))) {
		return Verdict{OK: true}
	}
	suggest := func(object []string, base string, particle string) string {
		form := c.Lex.Participle(base) // FileWritten: the object of the verb names the event
		if intransitive[base] {
			form = c.Lex.Past(base) // MigrationBegan: the subject does
		}
		out := append(slices.Clone(object), camel(form)...)
		if particle != "" && !strings.Contains(form, " ") {
			out = append(out, upperFirst(particle))
		}
		return identifier(out, exported, suffix)
	}
	w0 := strings.ToLower(words[0])
	tail := c.tailReading(words)
	// CreateUser, SignUpUser, Publish: an imperative; but OrderApproval and
	// AlertStateChange end in the verb their noun-or-verb first word is
	// the object of.
	if c.imperative(w0) {
		// An irregular verb is rarely a noun, whatever WordNet lists
		// (Begin is a surname).
		v := c.Lex.Verb(w0)
		nounToo := v.Has(lexicon.Noun) && !v.Has(lexicon.Irregular)
		if n == 1 && nounToo {
			return Verdict{Problem: "has no verb in the past tense (" + words[0] + " reads as a noun)"}
		}
		// A tail reading at the first word is this verb itself (SignUp).
		if !nounToo || tail == nil || tail.at == 0 || !(tail.strong || c.nounBetween(words[1:tail.at])) {
			object, particle := words[1:], ""
			if len(object) > 0 && particles[strings.ToLower(object[0])] {
				particle, object = strings.ToLower(object[0]), object[1:]
			}
			what := "is in the imperative"
			if len(object) == 0 {
				what = "is the verb's base form"
			}
			return Verdict{Problem: what + ", not the past tense", Suggestion: suggest(object, w0, particle)}
		}
	}
	// CreatedUser: the past tense first.
	if bases := c.Lex.BaseOf(w0); len(bases) > 0 && n > 1 && (tail == nil || !tail.strong) {
		return Verdict{Problem: "starts with " + words[0] + " instead of ending with it", Suggestion: suggest(words[1:], bases[0], "")}
	}
	if tail != nil {
		return Verdict{Problem: tail.problem + ", not the past tense", Suggestion: suggest(words[:tail.at], tail.base, tail.particle)}
	}
	return Verdict{Problem: "has no verb in the past tense"}
}

// A reading is the verb an event name ends in, in a form other than the
// past tense.
type reading struct {
	at       int    // index of the verb's word
	base     string // the verb
	particle string // of a phrasal verb: up in UserSignUp
	problem  string
	strong   bool // a nominalisation or -ing form: no noun reads like it
}

// tailReading finds a verb in the wrong form at the end of an event name:
// UserCreate, UserSignUp, UserCreation, DashboardSaving, DashboardChanges.
func (c *Checker) tailReading(words []string) *reading {
	n := len(words)
	last := strings.ToLower(words[n-1])
	if n > 1 && particles[last] {
		if w := strings.ToLower(words[n-2]); c.Lex.IsBase(w) {
			return &reading{at: n - 2, base: w, particle: last, problem: "ends in the base form " + words[n-2] + words[n-1]}
		}
	}
	if n > 1 && c.imperative(last) {
		return &reading{at: n - 1, base: last, problem: "ends in the base form " + words[n-1]}
	}
	if base := c.nominalBase(last); base != "" {
		return &reading{at: n - 1, base: base, problem: "ends in the noun " + words[n-1], strong: true}
	}
	if base := c.ingBase(last); base != "" {
		return &reading{at: n - 1, base: base, problem: "ends in the -ing form " + words[n-1], strong: true}
	}
	if base := c.sBase(last); base != "" && c.imperative(base) && n > 1 {
		return &reading{at: n - 1, base: base, problem: "ends in " + words[n-1]}
	}
	return nil
}

// nounBetween reports whether some word cannot be a verb: then the words
// before the final verb are a noun phrase (AlertStateChange), not a verb
// and its object.
func (c *Checker) nounBetween(words []string) bool {
	for _, w := range words {
		if !c.imperative(strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// imperative reports whether w can open an imperative: a verb's base form
// that is not mostly a noun (team, state, rule) nor a noun that only XTAG
// lists as a verb (token, item), unless it is a verb software uses as one
// (star, patch, log).
func (c *Checker) imperative(w string) bool {
	v := c.Lex.Verb(w)
	if v == nil {
		return false
	}
	if softwareVerbs[w] || v.Has(lexicon.Jargon) {
		return true
	}
	return !v.Has(lexicon.NounDominant) && (v.Has(lexicon.WordNet) || !v.Has(lexicon.Noun))
}

// softwareVerbs are verbs that are mostly nouns in English prose and
// mostly verbs at the start of a program's names.
// A linter errs towards silence here: BookListQuery passes unreported so
// that BookRoomCommand is not reported.
var softwareVerbs = map[string]bool{
	"star": true, "patch": true, "log": true, "flag": true, "view": true,
	"access": true, "tally": true, "setup": true, "index": true,
	"process": true, "track": true, "block": true, "ship": true,
	"refund": true, "book": true, "bill": true, "fork": true, "sort": true,
	"poll": true, "stream": true,
}

func (c *Checker) pastForm(w string) bool { return len(c.Lex.BaseOf(w)) > 0 }

// ingBase returns the verb of an -ing form (creating, stopping), or "".
func (c *Checker) ingBase(w string) string {
	stem, ok := strings.CutSuffix(w, "ing")
	if !ok || len(stem) < 2 {
		return ""
	}
	cands := []string{stem, stem + "e"}
	if n := len(stem); n > 2 && stem[n-1] == stem[n-2] {
		cands = append(cands, stem[:n-1])
	}
	for _, b := range cands {
		if v := c.Lex.Verb(b); v != nil && !v.Has(lexicon.Rare) {
			return b
		}
	}
	return ""
}

// sBase returns the verb of a third-person or plural -s form (creates,
// copies, changes), or "".
func (c *Checker) sBase(w string) string {
	var cands []string
	switch {
	case strings.HasSuffix(w, "ss"), len(w) < 4:
		return ""
	case strings.HasSuffix(w, "ies"):
		cands = []string{w[:len(w)-3] + "y"}
	case strings.HasSuffix(w, "es"):
		cands = []string{w[:len(w)-1], w[:len(w)-2]}
	case strings.HasSuffix(w, "s"):
		cands = []string{w[:len(w)-1]}
	}
	for _, b := range cands {
		if v := c.Lex.Verb(b); v != nil && !v.Has(lexicon.Rare) {
			return b
		}
	}
	return ""
}

// nominalBase returns the verb a nominalisation names (creation: create,
// revocation: revoke, removal: remove, failure: fail), or "".
func (c *Checker) nominalBase(w string) string {
	if notNominal[w] {
		return ""
	}
	var cands []string
	try := func(suffix string, repl ...string) {
		if stem, ok := strings.CutSuffix(w, suffix); ok && len(stem) > 1 {
			for _, r := range repl {
				cands = append(cands, stem+r)
			}
		}
	}
	try("ification", "ify")
	try("ication", "y", "icate")
	try("ocation", "oke", "ocate")
	try("olution", "olve")
	try("ription", "ribe")
	try("ception", "ceive")
	try("uction", "uce")
	try("ation", "ate", "e", "")
	try("ration", "er")
	try("ition", "", "e", "ite")
	try("ssion", "ss", "t")
	try("nsion", "nd")
	try("rsion", "rt")
	try("sion", "de", "d", "se")
	try("ion", "e", "")
	try("ment", "")
	try("ure", "", "e")
	if nominalAl[w] {
		try("al", "", "e", "y")
		try("ial", "y")
	}
	for _, b := range cands {
		if v := c.Lex.Verb(b); v != nil && !v.Has(lexicon.Rare) {
			return b
		}
		// cancellation: cancel
		if n := len(b); n > 3 && b[n-1] == b[n-2] {
			if v := c.Lex.Verb(b[:n-1]); v != nil && !v.Has(lexicon.Rare) {
				return b[:n-1]
			}
		}
	}
	return ""
}

// notNominal are nouns that look like a verb's nominalisation but do not
// name its action in a program's names.
var notNominal = map[string]bool{
	"permission": true, "version": true, "session": true, "mission": true,
	"position": true, "condition": true, "function": true, "option": true,
	"question": true, "section": true, "region": true, "department": true,
	"signature": true, "nature": true, "feature": true, "future": true,
	"structure": true, "picture": true, "texture": true, "measure": true,
	"statement": true, "environment": true, "element": true, "document": true,
	"fixture": true, "mixture": true, "posture": true, "lecture": true,
	"extension": true, "dimension": true, "station": true, "relation": true,
	"nation": true, "ration": true, "edition": true, "tradition": true,
}

// nominalAl are the -al nouns that name their verb's action; -al is too
// common an ending (signal, portal, total) to strip from any word.
var nominalAl = map[string]bool{
	"removal": true, "approval": true, "renewal": true, "retrieval": true,
	"arrival": true, "dismissal": true, "disposal": true, "refusal": true,
	"withdrawal": true, "denial": true, "proposal": true, "reversal": true,
	"referral": true, "deferral": true, "revival": true, "upheaval": true,
}

// trailingVerb finds the verb of a noun-first name (FolderCreate,
// ChannelRuleDeleteByUID, UserSignUp): a verb, or the noun of one, that is
// the last word or is followed by a preposition, and its particle if any.
// It returns the verb's index, the index after it and its particle, and
// its base form; or 0.
func (c *Checker) trailingVerb(words []string) (int, int, string) {
	for j := len(words) - 1; j > 0; j-- {
		w := strings.ToLower(words[j])
		k := j + 1
		if k < len(words) && particles[strings.ToLower(words[k])] && c.Lex.IsBase(w) {
			k++ // UserSignUp, UserSignUpWithEmail
		}
		if k < len(words) && !prepositions[strings.ToLower(words[k])] {
			continue
		}
		if prepositions[w] || particles[w] {
			continue
		}
		if c.imperative(w) || (k > j+1 && c.Lex.IsBase(w)) {
			return j, k, w
		}
		if b := c.nominalBase(w); b != "" {
			return j, k, b
		}
	}
	return 0, 0, ""
}

// endsInCRUD reports whether a name ends in a verb that, last, can only
// be the action of a noun-first name (WriteConfigCreate, LivePublish): as
// nouns, unlike update or delete, these do not end imperatives.
func endsInCRUD(words []string) bool {
	if len(words) < 2 || !trailingCRUD[strings.ToLower(words[len(words)-1])] {
		return false
	}
	for _, w := range words {
		if w == "Or" || w == "And" {
			return false // GetOrCreate
		}
	}
	return true
}

var trailingCRUD = map[string]bool{"create": true, "get": true, "fetch": true, "upsert": true, "insert": true, "publish": true}

// intransitive are irregular verbs whose subject, not object, names the
// event, so that the event takes the simple past (MigrationBegan, not
// MigrationBegun); other events take the participle (FileWritten, not
// FileWrote). The two differ only for irregular verbs.
var intransitive = map[string]bool{
	"begin": true, "go": true, "come": true, "become": true, "fall": true,
	"rise": true, "arise": true, "sink": true, "swim": true, "flee": true,
	"spring": true, "lie": true,
}

// particles end phrasal verbs: LoggedIn, SignedUp.
var particles = map[string]bool{
	"in": true, "out": true, "up": true, "down": true, "off": true,
	"on": true, "over": true, "back": true, "away": true,
}

var prepositions = map[string]bool{
	"by": true, "for": true, "with": true, "in": true, "from": true, "to": true,
	"of": true, "on": true, "at": true, "into": true, "without": true, "as": true,
}

// isExported is go/token's rule: the first rune is an upper-case letter
// (Ä as well as A).
func isExported(name string) bool { return token.IsExported(name) }

// compoundNouns are nouns of two words whose first is a verb, read as the
// noun where a name starts with them (PullRequestsQuery: the pull
// requests, not "pull the requests"): the vocabulary of code hosts and
// CI systems, where such names are common.
var compoundNouns = map[string]bool{
	"pull request": true, "merge request": true, "check run": true, "check suite": true,
	"access token": true, "access key": true, "build step": true, "deploy key": true,
}

// singular is a plural noun's singular, as far as compoundNouns needs.
func singular(w string) string {
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return strings.TrimSuffix(w, "s")
	}
	return w
}
