// Command idioms counts, in a cqgen refactor --diff of a tree, what a
// reviewer would have written otherwise: the variables the rewrite
// introduces (declared in a function's new text and not in its old),
// how many of them have a generic name (result, result2, queryResult),
// the returns of a variable nothing can have assigned yet (return result,
// err where result is still the zero value), and the error variables
// renamed err2, err3... It applies the diff to the files of the tree in
// memory (the tree is the one the diff was made in, unchanged) and
// compares each function before and after; it fetches nothing.
//
//	idioms TREE DIFF
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: idioms TREE DIFF")
		os.Exit(2)
	}
	files, err := readDiff(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "idioms:", err)
		os.Exit(1)
	}
	var c counts
	for _, f := range files {
		if !strings.HasSuffix(f.name, ".go") {
			continue
		}
		old, err := os.ReadFile(filepath.Join(os.Args[1], f.name))
		if err != nil {
			fmt.Fprintln(os.Stderr, "idioms:", err)
			os.Exit(1)
		}
		updated, err := f.apply(string(old))
		if err != nil {
			fmt.Fprintf(os.Stderr, "idioms: %s: %v\n", f.name, err)
			os.Exit(1)
		}
		if err := c.file(f.name, old, []byte(updated)); err != nil {
			fmt.Fprintf(os.Stderr, "idioms: %s: %v\n", f.name, err)
			os.Exit(1)
		}
	}
	c.print()
}

type counts struct {
	files, funcs         int
	introduced, decls    int // variables introduced; of them, var declarations
	generic              int // of them, named result, result2, qResult...
	returns, unassigned  int // returns of an introduced var; of them, provably unassigned
	errRenames           int // err2-style variables introduced
	unassignedAt, errsAt []string
}

func (c *counts) print() {
	fmt.Printf("files changed: %d\nfunctions changed: %d\n", c.files, c.funcs)
	fmt.Printf("variables introduced: %d (var declarations: %d, other: %d)\n", c.introduced, c.decls, c.introduced-c.decls)
	fmt.Printf("  with a generic name (result, result2, queryResult): %d\n", c.generic)
	fmt.Printf("returns of an introduced var variable: %d\n", c.returns)
	fmt.Printf("returns of a provably unassigned variable: %d\n", c.unassigned)
	fmt.Printf("err2-style renames: %d\n", c.errRenames)
	for _, s := range c.unassignedAt {
		fmt.Println("  unassigned:", s)
	}
	for _, s := range c.errsAt {
		fmt.Println("  renamed err:", s)
	}
}

var (
	errN        = regexp.MustCompile(`^err[0-9]+$`)
	genericName = regexp.MustCompile(`^(result[0-9]*|[a-z][A-Za-z0-9]*Result[0-9]*)$`)
)

func (c *counts) file(name string, old, updated []byte) error {
	fset := token.NewFileSet()
	of, err := parser.ParseFile(fset, name, old, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	nf, err := parser.ParseFile(fset, name, updated, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	c.files++
	before := map[string]*ast.FuncDecl{}
	for _, d := range of.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			before[funcKey(fd)] = fd
		}
	}
	for _, d := range nf.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		ofd := before[funcKey(fd)]
		oldNames := map[string]int{}
		if ofd != nil {
			for _, n := range declared(ofd) {
				oldNames[n.Name]++
			}
		}
		changed := ofd == nil || text(old, fset, ofd) != text(updated, fset, fd)
		if !changed {
			continue
		}
		c.funcs++
		newVars := map[string]bool{}
		for _, id := range declared(fd) {
			if oldNames[id.Name] > 0 {
				oldNames[id.Name]--
				continue
			}
			if errN.MatchString(id.Name) {
				c.errRenames++
				c.errsAt = append(c.errsAt, fset.Position(id.Pos()).String())
				continue
			}
			if id.Name == "err" {
				continue
			}
			c.introduced++
			if genericName.MatchString(id.Name) {
				c.generic++
			}
			if isVarDecl(fd, id) {
				c.decls++
				newVars[id.Name] = true
			}
		}
		for v := range newVars {
			for _, ret := range returnsOf(fd, v) {
				c.returns++
				if unassigned(fd, v, ret) {
					c.unassigned++
					c.unassignedAt = append(c.unassignedAt, fset.Position(ret.Pos()).String())
				}
			}
		}
	}
	sort.Strings(c.unassignedAt)
	return nil
}

func funcKey(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return "?." + fd.Name.Name
}

func text(src []byte, fset *token.FileSet, n ast.Node) string {
	return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
}

// declared lists the identifiers fd's body declares as variables (var
// and :=; a := that only reuses a name still lists it, as the old text
// does the same).
func declared(fd *ast.FuncDecl) []*ast.Ident {
	var out []*ast.Ident
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			for _, id := range n.Names {
				if id.Name != "_" {
					out = append(out, id)
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name != "_" {
						out = append(out, id)
					}
				}
			}
		}
		return true
	})
	return out
}

// isVarDecl reports whether id is declared by a var statement without a
// value at the top of fd's body (the rewrite's result variable).
func isVarDecl(fd *ast.FuncDecl, id *ast.Ident) bool {
	for _, s := range fd.Body.List {
		ds, ok := s.(*ast.DeclStmt)
		if !ok {
			continue
		}
		for _, sp := range ds.Decl.(*ast.GenDecl).Specs {
			if vs, ok := sp.(*ast.ValueSpec); ok && len(vs.Values) == 0 {
				for _, n := range vs.Names {
					if n == id {
						return true
					}
				}
			}
		}
	}
	return false
}

// returnsOf lists fd's own return statements whose first result is v.
func returnsOf(fd *ast.FuncDecl, v string) []*ast.ReturnStmt {
	var out []*ast.ReturnStmt
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) > 0 {
				if id, ok := n.Results[0].(*ast.Ident); ok && id.Name == v {
					out = append(out, n)
				}
			}
		}
		return true
	})
	return out
}

// unassigned reports whether no mention of v but its declaration and
// other returns' first results can have run before ret: none comes before
// it in the source, none shares a loop with it, and fd has no goto.
func unassigned(fd *ast.FuncDecl, v string, ret *ast.ReturnStmt) bool {
	skip := map[*ast.Ident]bool{}
	var mentions []*ast.Ident
	var loops []ast.Node
	gotos := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			for _, id := range n.Names {
				skip[id] = true
			}
		case *ast.ReturnStmt:
			if len(n.Results) > 0 {
				if id, ok := n.Results[0].(*ast.Ident); ok {
					skip[id] = true
				}
			}
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
		case *ast.BranchStmt:
			gotos = gotos || n.Tok == token.GOTO
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && id.Name == v {
					mentions = append(mentions, id)
				}
				return true
			})
			return false // x.v is a field
		case *ast.Ident:
			if n.Name == v && !skip[n] {
				mentions = append(mentions, n)
			}
		}
		return true
	})
	if gotos {
		return false
	}
	for _, m := range mentions {
		if skip[m] {
			continue
		}
		if m.Pos() < ret.End() {
			return false
		}
		for _, l := range loops {
			if l.Pos() <= ret.Pos() && ret.End() <= l.End() && l.Pos() <= m.Pos() && m.Pos() < l.End() {
				return false
			}
		}
	}
	return true
}

// A fileDiff is one file's hunks of a unified diff.
type fileDiff struct {
	name  string
	hunks []hunk
}

type hunk struct {
	oldStart int      // 1-based line of the old file where the hunk starts
	lines    []string // with their ' ', '-' or '+' prefix
	// oldLeft and newLeft are the lines still to come, by the header:
	// what follows the last hunk (cqgen's summary) is no part of it.
	oldLeft, newLeft int
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

func readDiff(path string) ([]*fileDiff, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []*fileDiff
	var cur *fileDiff
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "--- "):
			continue
		case strings.HasPrefix(line, "+++ "):
			name := strings.TrimPrefix(strings.TrimPrefix(line, "+++ "), "b/")
			if i := strings.IndexByte(name, '\t'); i >= 0 {
				name = name[:i]
			}
			cur = &fileDiff{name: name}
			out = append(out, cur)
		case strings.HasPrefix(line, "@@"):
			m := hunkHeader.FindStringSubmatch(line)
			if m == nil || cur == nil {
				return nil, fmt.Errorf("bad hunk header %q", line)
			}
			start, _ := strconv.Atoi(m[1])
			cur.hunks = append(cur.hunks, hunk{oldStart: start, oldLeft: count(m[2]), newLeft: count(m[4])})
		case cur != nil && len(cur.hunks) > 0 && (cur.hunks[len(cur.hunks)-1].oldLeft > 0 || cur.hunks[len(cur.hunks)-1].newLeft > 0):
			if line == "" {
				line = " "
			}
			h := &cur.hunks[len(cur.hunks)-1]
			switch line[0] {
			case ' ':
				h.oldLeft--
				h.newLeft--
			case '-':
				h.oldLeft--
			case '+':
				h.newLeft--
			case '\\':
				continue // \ No newline at end of file
			default:
				return nil, fmt.Errorf("bad hunk line %q", line)
			}
			h.lines = append(h.lines, line)
		}
	}
	return out, sc.Err()
}

func count(s string) int {
	if s == "" {
		return 1
	}
	n, _ := strconv.Atoi(s)
	return n
}

// apply applies the hunks to old, checking every context and removed
// line.
func (fd *fileDiff) apply(old string) (string, error) {
	lines := strings.SplitAfter(old, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var b strings.Builder
	at := 0 // next old line, 0-based
	for _, h := range fd.hunks {
		start := h.oldStart - 1
		if h.oldStart == 0 {
			start = 0
		}
		if start < at || start > len(lines) {
			return "", fmt.Errorf("hunk at line %d out of order", h.oldStart)
		}
		for ; at < start; at++ {
			b.WriteString(lines[at])
		}
		for _, l := range h.lines {
			body := l[1:]
			switch l[0] {
			case ' ', '-':
				if at >= len(lines) || strings.TrimRight(lines[at], "\r\n") != strings.TrimRight(body, "\r\n") {
					return "", fmt.Errorf("hunk at line %d does not match line %d", h.oldStart, at+1)
				}
				if l[0] == ' ' {
					b.WriteString(lines[at])
				}
				at++
			case '+':
				b.WriteString(body + "\n")
			}
		}
	}
	for ; at < len(lines); at++ {
		b.WriteString(lines[at])
	}
	return b.String(), nil
}
