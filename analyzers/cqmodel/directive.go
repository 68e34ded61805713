package cqmodel

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// Kind is what a message type is.
type Kind int

const (
	NotMessage Kind = iota
	Command
	Query
	Event
)

func (k Kind) String() string {
	switch k {
	case Command:
		return "command"
	case Query:
		return "query"
	case Event:
		return "event"
	}
	return "not a message"
}

// IsRequest reports whether k is a command or a query: something a service
// method takes.
func (k Kind) IsRequest() bool { return k == Command || k == Query }

// A Directive is a parsed //cq:command, //cq:query or //cq:event line.
type Directive struct {
	Kind    Kind
	Pos     token.Pos // the start of the comment
	Service string    // interface to add the method to; "Service" when omitted
	Method  string    // method name; "" when omitted (see Message.MethodName)
	Result  string    // the U of (U, error) as written; "" when omitted
	OK      bool      // (U, bool) instead of (U, error)
	// KeyPos holds the position of each key=value pair, for errors about
	// the value (an unresolvable result type, a colliding method).
	KeyPos map[string]token.Pos
}

// A DirectiveError is malformed directive text at a position.
type DirectiveError struct {
	Pos token.Pos
	Msg string
}

func (e *DirectiveError) Error() string { return e.Msg }

const directivePrefix = "//cq:"

var directiveKinds = map[string]Kind{"command": Command, "query": Query, "event": Event}

// IsDirectiveComment reports whether c is a //cq: directive line.
func IsDirectiveComment(c *ast.Comment) bool { return strings.HasPrefix(c.Text, directivePrefix) }

// ParseDirective parses one //cq: comment.
func ParseDirective(c *ast.Comment) (*Directive, error) {
	text := strings.TrimPrefix(c.Text, directivePrefix)
	name, rest, _ := strings.Cut(text, " ")
	kind, ok := directiveKinds[name]
	if !ok {
		return nil, &DirectiveError{c.Pos(), fmt.Sprintf("unknown directive //cq:%s (want //cq:command, //cq:query or //cq:event)", name)}
	}
	d := &Directive{Kind: kind, Pos: c.Pos(), Service: "Service", KeyPos: map[string]token.Pos{}}
	offset := len(directivePrefix) + len(name) + 1
	fields, err := splitFields(rest)
	if err != nil {
		return nil, &DirectiveError{c.Pos() + token.Pos(offset), err.Error()}
	}
	for _, f := range fields {
		pos := c.Pos() + token.Pos(offset+f.offset)
		key, value, ok := strings.Cut(f.text, "=")
		if !ok || key == "" || value == "" {
			return nil, &DirectiveError{pos, fmt.Sprintf("malformed %q: want key=value", f.text)}
		}
		if _, dup := d.KeyPos[key]; dup {
			return nil, &DirectiveError{pos, fmt.Sprintf("key %q given twice", key)}
		}
		if strings.HasPrefix(value, `"`) {
			uq, err := strconv.Unquote(value)
			if err != nil {
				return nil, &DirectiveError{pos, fmt.Sprintf("bad quoted value for %s: %v", key, err)}
			}
			value = uq
		}
		d.KeyPos[key] = pos
		if kind == Event {
			return nil, &DirectiveError{pos, fmt.Sprintf("unknown key %q (//cq:event takes no keys)", key)}
		}
		switch key {
		case "service":
			if !token.IsIdentifier(value) || !token.IsExported(value) {
				return nil, &DirectiveError{pos, fmt.Sprintf("service=%s: want an exported Go identifier", value)}
			}
			d.Service = value
		case "method":
			if !token.IsIdentifier(value) || !token.IsExported(value) {
				return nil, &DirectiveError{pos, fmt.Sprintf("method=%s: want an exported Go identifier", value)}
			}
			d.Method = value
		case "result":
			if _, err := parser.ParseExpr(value); err != nil || !isTypeSyntax(value) {
				return nil, &DirectiveError{pos, fmt.Sprintf("result=%s: not a Go type", value)}
			}
			d.Result = value
		case "ok":
			b, err := strconv.ParseBool(value)
			if err != nil {
				return nil, &DirectiveError{pos, fmt.Sprintf("ok=%s: want true or false", value)}
			}
			d.OK = b
		default:
			return nil, &DirectiveError{pos, fmt.Sprintf("unknown key %q (want service, method, result or ok)", key)}
		}
	}
	if d.OK && d.Result == "" {
		return nil, &DirectiveError{d.KeyPos["ok"], "ok=true needs result=: (U, bool) has a U"}
	}
	return d, nil
}

// isTypeSyntax reports whether s parses as an expression that can denote a
// type: identifiers, selectors, pointers, slices, arrays, maps, channels,
// funcs, generic instantiations.
func isTypeSyntax(s string) bool {
	e, err := parser.ParseExpr(s)
	if err != nil {
		return false
	}
	var ok func(ast.Expr) bool
	ok = func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.Ident:
			return true
		case *ast.SelectorExpr:
			_, isIdent := e.X.(*ast.Ident)
			return isIdent
		case *ast.StarExpr:
			return ok(e.X)
		case *ast.ArrayType:
			return ok(e.Elt)
		case *ast.MapType:
			return ok(e.Key) && ok(e.Value)
		case *ast.ChanType:
			return ok(e.Value)
		case *ast.FuncType, *ast.InterfaceType, *ast.StructType:
			return true
		case *ast.IndexExpr:
			return ok(e.X) && ok(e.Index)
		case *ast.IndexListExpr:
			for _, i := range e.Indices {
				if !ok(i) {
					return false
				}
			}
			return ok(e.X)
		case *ast.ParenExpr:
			return ok(e.X)
		}
		return false
	}
	return ok(e)
}

type field struct {
	text   string
	offset int // byte offset in the string given to splitFields
}

// splitFields splits on spaces outside quotes and brackets, so that
// result=map[string]func(a, b int) stays one field.
func splitFields(s string) ([]field, error) {
	var out []field
	depth, start, inQuote := 0, -1, false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if start < 0 {
			if ch == ' ' || ch == '\t' {
				continue
			}
			start = i
		}
		switch {
		case inQuote:
			if ch == '\\' {
				i++
			} else if ch == '"' {
				inQuote = false
			}
		case ch == '"':
			inQuote = true
		case ch == '(' || ch == '[' || ch == '{':
			depth++
		case ch == ')' || ch == ']' || ch == '}':
			depth--
		case (ch == ' ' || ch == '\t') && depth == 0:
			out = append(out, field{s[start:i], start})
			start = -1
		}
	}
	if inQuote || depth != 0 {
		return nil, fmt.Errorf("unbalanced quotes or brackets in %q", s)
	}
	if start >= 0 {
		out = append(out, field{s[start:], start})
	}
	return out, nil
}

// FileDirectives finds every //cq: line in a file and attaches it to the
// struct type it documents. A line that documents no type, a directive on a
// non-struct type and a second directive on one type are errors.
func FileDirectives(f *ast.File) (map[*ast.TypeSpec]*Directive, []*DirectiveError) {
	out := map[*ast.TypeSpec]*Directive{}
	var errs []*DirectiveError
	attached := map[*ast.Comment]bool{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			for _, doc := range typeDocs(gd, ts) {
				if doc == nil {
					continue
				}
				for _, c := range doc.List {
					if !IsDirectiveComment(c) {
						continue
					}
					attached[c] = true
					d, err := ParseDirective(c)
					if err != nil {
						errs = append(errs, err.(*DirectiveError))
						continue
					}
					if _, isStruct := ts.Type.(*ast.StructType); !isStruct {
						errs = append(errs, &DirectiveError{c.Pos(), fmt.Sprintf("//cq:%s on %s, which is not a struct type", d.Kind, ts.Name.Name)})
						continue
					}
					if prev, dup := out[ts]; dup {
						errs = append(errs, &DirectiveError{c.Pos(), fmt.Sprintf("second directive on %s (the first is //cq:%s)", ts.Name.Name, prev.Kind)})
						continue
					}
					out[ts] = d
				}
			}
		}
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if IsDirectiveComment(c) && !attached[c] {
				errs = append(errs, &DirectiveError{c.Pos(), "//cq: directive is not in the doc comment of a type declaration"})
			}
		}
	}
	return out, errs
}

// typeDocs are the comment groups that document ts: its own, and that of
// its declaration when ts is alone in it (type X struct{...}).
func typeDocs(gd *ast.GenDecl, ts *ast.TypeSpec) []*ast.CommentGroup {
	docs := []*ast.CommentGroup{ts.Doc}
	if len(gd.Specs) == 1 || !gd.Lparen.IsValid() {
		docs = append(docs, gd.Doc)
	}
	return docs
}

// TestFileDirectives reports every //cq: line of f, a _test.go file, as an
// error. Decision: directives there are not read, since cqgen's output (an
// interface in the root package, doubles in <root>test) cannot name a type
// that only the package's tests declare; silently ignoring them would let
// a typo pass. cqgen generate and cqlint both call it.
func TestFileDirectives(f *ast.File) []*DirectiveError {
	documents := map[*ast.CommentGroup]string{}
	for _, decl := range f.Decls {
		if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				for _, doc := range typeDocs(gd, ts) {
					if doc != nil {
						documents[doc] = ts.Name.Name
					}
				}
			}
		}
	}
	var errs []*DirectiveError
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if !IsDirectiveComment(c) {
				continue
			}
			what := "the type it documents"
			if name := documents[cg]; name != "" {
				what = name
			}
			errs = append(errs, &DirectiveError{c.Pos(), "//cq: directives in _test.go files are not read: move " + what + " to a non-test file"})
		}
	}
	return errs
}
