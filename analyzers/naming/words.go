package naming

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Split splits a Go identifier into its words: GetUserByIDQuery into Get,
// User, By, ID, Query. An upper-case run is one word (ACL, DB, JSON), its
// last letter starting the next word when a lower-case letter follows
// (JSONQuery: JSON, Query); a plural acronym keeps its s (IDs); digits stay
// with the word before them (V2, Base64); underscores separate words.
func Split(name string) []string {
	rs := []rune(name)
	var words []string
	start := 0
	flush := func(end int) {
		if end > start {
			words = append(words, string(rs[start:end]))
		}
		start = end
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '_' || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			flush(i)
			start = i + 1
			continue
		}
		if i == start {
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush(i) // userID, V2Query
		case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			// ACLCommand: C starts Command, unless the lower-case letter is
			// the s of a plural acronym (IDsQuery).
			if !(rs[i+1] == 's' && (i+2 == len(rs) || !unicode.IsLower(rs[i+2]))) {
				flush(i)
			}
		}
	}
	flush(len(rs))
	return words
}

// join writes words as an identifier, exported or not as the name it
// replaces was.
func join(words []string, exported bool) string {
	var b strings.Builder
	for i, w := range words {
		if i == 0 && !exported {
			if isAcronym(w) {
				w = strings.ToLower(w)
			} else {
				w = lowerFirst(w)
			}
		} else {
			w = upperFirst(w)
		}
		b.WriteString(w)
	}
	return b.String()
}

// isAcronym reports whether w is upper-case letters and digits (ACL, IDs,
// S3): a word that starts with a letter without case (ބ, グ) is none.
// identifier joins words and suffix into a suggested name, or returns ""
// when they make no identifier exported as the name it replaces was: a
// word that starts with a digit cannot come first (Create_1Event), nor can
// a letter without case in an exported name.
func identifier(words []string, exported bool, suffix string) string {
	id := join(words, exported) + suffix
	if !token.IsIdentifier(id) || token.IsExported(id) != exported {
		return ""
	}
	return id
}

func isAcronym(w string) bool {
	w = strings.TrimSuffix(w, "s")
	r, _ := utf8.DecodeRuneInString(w)
	return len(w) > 1 && unicode.IsUpper(r) && strings.ToUpper(w) == w
}

func upperFirst(w string) string {
	if w == "" {
		return w
	}
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// lowerFirst lowers an upper-case first letter; a title-case one (ǅ)
// already makes an unexported name.
func lowerFirst(w string) string {
	r := []rune(w)
	if len(r) == 0 || !unicode.IsUpper(r[0]) {
		return w
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// camel writes a verb form as words of an identifier: "logged in" as
// LoggedIn.
func camel(form string) []string {
	var out []string
	for _, f := range strings.Fields(form) {
		out = append(out, upperFirst(f))
	}
	return out
}
