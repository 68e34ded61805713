package report

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wrap escapes s for HTML with a <wbr> wherever a long identifier may
// wrap: after a slash, comma, equals sign or underscore, before the dot
// of a selector (github.com/org/repo/pkg/sqlstore.GetQuery), and between
// the words of a CamelCase name (Get|Dashboard|Acl|Info, HTTP|Server, User|IDs). A
// <wbr> is no character: text copied from the page is s exactly, as a
// soft hyphen or zero-width space would not leave it.
func wrap(s string) template.HTML {
	var b strings.Builder
	start := 0
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if prev >= 0 && wrapsBefore(prev, r, s[i+size:]) {
			b.WriteString(template.HTMLEscapeString(s[start:i]))
			b.WriteString("<wbr>")
			start = i
		}
		prev = r
		i += size
	}
	b.WriteString(template.HTMLEscapeString(s[start:]))
	return template.HTML(b.String()) // escaped above, but for the <wbr>s
}

// wrapsBefore says whether a line may break between prev and r, given
// the text after r.
func wrapsBefore(prev, r rune, rest string) bool {
	next, size := utf8.DecodeRuneInString(rest)
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	switch {
	case strings.ContainsRune("/,=_", prev):
		return word(r)
	case r == '.':
		// Before a selector (sqlstore.GetQuery, query.Result), not in a
		// number (1.5), a leading ./ or ../, an ellipsis, or before a
		// file's extension or a domain (api.go, github.com), which read
		// badly cut off.
		if !word(prev) && prev != ')' && prev != ']' {
			return false
		}
		if unicode.IsUpper(next) {
			return true
		}
		n := 0
		for _, c := range rest {
			if !unicode.IsLetter(c) {
				break
			}
			n++
		}
		return n > 4
	case unicode.IsUpper(r):
		if unicode.IsLower(prev) || unicode.IsDigit(prev) {
			return true
		}
		// The last capital of an acronym starts the next word (HTTP|Server),
		// unless one small letter makes a plural (IDs).
		if unicode.IsUpper(prev) && unicode.IsLower(next) {
			after, _ := utf8.DecodeRuneInString(rest[size:])
			return unicode.IsLower(after)
		}
	}
	return false
}
