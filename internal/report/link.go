package report

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// A LinkTemplate makes the URL of a position in the code, such as
// https://github.com/org/repo/blob/main/{path}#L{line}: {path} is the
// file relative to the repository's root, slash-separated, {line} and
// {col} the position's line and column.
type LinkTemplate struct {
	template string
}

var placeholderRx = regexp.MustCompile(`\{[^{}]*\}`)

// ParseLinkTemplate checks a template given on the command line: it names
// {path}, no other placeholder than {path}, {line} and {col}, and makes an
// http or https URL, or a relative one. The page's html/template would
// turn a javascript: URL into a harmless one anyway; refusing it here says
// why there are no links.
func ParseLinkTemplate(s string) (*LinkTemplate, error) {
	for _, p := range placeholderRx.FindAllString(s, -1) {
		switch p {
		case "{path}", "{line}", "{col}":
		default:
			return nil, fmt.Errorf("unknown placeholder %s (want {path}, {line} or {col})", p)
		}
	}
	if !strings.Contains(s, "{path}") {
		return nil, fmt.Errorf("%q has no {path}", s)
	}
	t := &LinkTemplate{s}
	u, err := url.Parse(t.URL("a/b.go", 1, 1))
	if err != nil {
		return nil, fmt.Errorf("not a URL: %v", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "":
	default:
		return nil, fmt.Errorf("%q makes a %s URL: want an http or https URL, or a relative one", s, u.Scheme)
	}
	return t, nil
}

// URL is the template with path, line and col in place. path is escaped
// so that no character of a file's name can end the path, start a query
// or fragment, or break out of the attribute the URL is written in.
func (t *LinkTemplate) URL(path string, line, col int) string {
	return strings.NewReplacer(
		"{path}", escapePath(path),
		"{line}", strconv.Itoa(line),
		"{col}", strconv.Itoa(col),
	).Replace(t.template)
}

// escapePath percent-encodes every byte of path but unreserved characters
// (RFC 3986) and slashes: stricter than url.PathEscape, which leaves & =
// ; and the like, harmless in a path but not in a query, where a template
// may put {path}.
func escapePath(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// link is the URL of file (absolute) at line and col, or "" when the page
// links nothing or the file lies outside the root.
func (s *Summary) link(file string, line, col int) string {
	if s.Link == nil || s.Root == "" || file == "" {
		return ""
	}
	rel, err := filepath.Rel(s.Root, file)
	if err != nil || !filepath.IsLocal(rel) {
		return ""
	}
	return s.Link.URL(filepath.ToSlash(rel), line, col)
}

// planLink is the URL of a plan's position, file:line:col with the file
// relative to the plan's module (PlanDir), or "" when it cannot be placed.
func (s *Summary) planLink(pos string) string {
	if s.PlanDir == "" {
		return ""
	}
	rest, col, ok := cutNumber(pos)
	if !ok {
		return ""
	}
	file, line, ok := cutNumber(rest)
	if !ok || file == "" {
		return ""
	}
	return s.link(filepath.Join(s.PlanDir, filepath.FromSlash(file)), line, col)
}

// cutNumber splits "x:12" into "x" and 12.
func cutNumber(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	return s[:i], n, err == nil && n > 0
}
