package emit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/cqtools/cq/refactor/edit"
	"github.com/cqtools/cq/refactor/flow"
)

// An emitter turns one type's analysis into edits. It reads the analysis
// and the index and writes only its own emission; names is the run's
// name reservation, shared by every emitter so that two types converted
// in one function never pick the same new name.
type emitter struct {
	*flow.Analyzer
	a     *flow.Analysis
	names Names
	out   *Emission
	// byValue: the type's producers take the query by value
	// (--value-params, valueparams.go).
	byValue bool
	// pointer: the types that keep their pointer, by Target.Name, with
	// why (Feedback.Pointer).
	pointer map[string]string
}

// An emission is an emitter's output: edits, the functions rewritten, and
// the refusals found while writing the edits (a call of a shape the
// rewrite cannot split, say).
type Emission struct {
	Edits    []edit.Edit
	Refusals []*flow.Refusal
	Funcs    []string
	// finish are the steps that need every other edit of the emission
	// first (a producer's returns, which depend on every edit that
	// assigns its result variable); emit runs them last.
	finish []func()
	// With --value-params: byValue, or why the query stays a pointer.
	ByValue bool
	Pointer *flow.Refusal
	// reserved are the keys this emission set in the Names.
	reserved []reservation
	// Links are types this emission counts on converting too (a call of
	// theirs it orders itself after): converted or refused with it.
	Links []*flow.Target
}

// Names holds, per function, the names its identifiers use and the
// names the rewrite reserved there.
type Names map[*ast.FuncDecl]map[string]bool

// fresh returns a name based on base that no identifier of fd uses and
// the rewrite gave nothing else in fd, and reserves it in all of fd.
func (e *emitter) fresh(fd *ast.FuncDecl, base string) string {
	return e.freshIn(fd, base, nil, [2]token.Pos{fd.Pos(), fd.End()})
}

// freshIn returns a name based on base for a variable the rewrite
// declares in the statement list whose scope is scope, and that is seen in
// region (from its statement to the end of the list), and reserves it
// there: no identifier in region has the name, scope declares nothing by
// it, and nothing the rewrite named in an overlapping region of fd has it.
// So a numbered name (result2) appears only where the plain one is taken
// in that scope. With a nil scope, region is all of fd and no identifier
// of fd may have the name.
// freshAt is a fresh name for a variable the rewrite declares at the
// statement stack[k] of a list that ends at end: free from there to the
// end of the list, whatever other scopes of fd declare.
func (e *emitter) freshAt(fd *ast.FuncDecl, base string, info *types.Info, stack []ast.Node, k int, end token.Pos) string {
	return e.freshIn(fd, base, listScope(info, stack, k), [2]token.Pos{stack[k].Pos(), end})
}

func (e *emitter) freshIn(fd *ast.FuncDecl, base string, scope *types.Scope, region [2]token.Pos) string {
	name := base
	for i := 2; !e.nameFree(fd, name, scope, region); i++ {
		name = base + strconv.Itoa(i)
	}
	if scope == nil {
		e.reserve(fd, name)
	}
	e.reserve(fd, "\x00new:"+name)
	e.reserve(fd, "\x00in:"+name+":"+strconv.Itoa(int(region[0]))+":"+strconv.Itoa(int(region[1])))
	return name
}

// nameFree reports whether freshIn may give name to a variable of scope
// seen in region (see freshIn).
func (e *emitter) nameFree(fd *ast.FuncDecl, name string, scope *types.Scope, region [2]token.Pos) bool {
	used := e.names.used(fd)
	switch {
	case scope == nil:
		if used[name] {
			return false
		}
	case used[name] && !used["\x00orig:"+name]:
		return false // reserved in all of fd
	case used["\x00orig:"+name] && identIn(fd, name, region), scope.Lookup(name) != nil:
		return false
	}
	prefix := "\x00in:" + name + ":"
	for k := range used {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			from, to, _ := strings.Cut(rest, ":")
			f, _ := strconv.Atoi(from)
			t, _ := strconv.Atoi(to)
			if f < int(region[1]) && int(region[0]) < t {
				return false
			}
		}
	}
	return true
}

// identIn reports whether an identifier of fd in region is name.
func identIn(fd *ast.FuncDecl, name string, region [2]token.Pos) bool {
	found := false
	ast.Inspect(fd, func(n ast.Node) bool {
		if found || n == nil || n.End() <= region[0] || n.Pos() >= region[1] {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// reserve sets key in fd's names, noting it in the emission so that a
// refusal, or a trial that fails, gives it back (release).
func (e *emitter) reserve(fd *ast.FuncDecl, key string) {
	used := e.names.used(fd)
	if !used[key] {
		used[key] = true
		e.out.reserved = append(e.out.reserved, reservation{fd, key})
	}
}

// A reservation is a key an emission set in the shared Names.
type reservation struct {
	fd  *ast.FuncDecl
	key string
}

// release gives back every name and note the emission reserved: a type
// refused while it was emitted must not push the names of the types
// emitted after it (result2 where result is free).
func (e *emitter) release() {
	for _, r := range e.out.reserved {
		delete(e.names.used(r.fd), r.key)
	}
	e.out.reserved = nil
}

// trial is an emitter writing into a copy of the emission, for an attempt
// whose edits are kept (keep) only if it succeeds, else released; the
// copy lets render carry the edits made so far.
func (e *emitter) trial() *emitter {
	return &emitter{Analyzer: e.Analyzer, a: e.a, names: e.names, out: &Emission{Edits: append([]edit.Edit(nil), e.out.Edits...)}, byValue: e.byValue}
}

// keep makes a successful trial's edits, reservations and links the
// emission's.
func (e *emitter) keep(t *emitter) {
	e.out.Edits = t.out.Edits
	e.out.reserved = append(e.out.reserved, t.out.reserved...)
	e.out.Links = append(e.out.Links, t.out.Links...)
}

func (e *emitter) refuse(pos token.Pos, format string, args ...any) {
	e.out.Refusals = append(e.out.Refusals, &flow.Refusal{Type: e.a.Target.Short, Reason: fmt.Sprintf(format, args...), Pos: e.Prog.Position(pos)})
}

func (e *emitter) edit(start, end token.Pos, text string) {
	s, en := e.Prog.At(start), e.Prog.At(end)
	e.out.Edits = append(e.out.Edits, edit.Edit{File: s.Filename, Start: s.Offset, End: en.Offset, New: text})
}

// render returns the source of [start, end) with the emission's edits
// inside it applied, and removes those edits from the emission (they move
// with the text).
func (e *emitter) render(start, end token.Pos) string {
	s, en := e.Prog.At(start), e.Prog.At(end)
	src := e.Prog.Source(s.Filename)
	var inner, rest []edit.Edit
	for _, ed := range e.out.Edits {
		if ed.File == s.Filename && ed.Start >= s.Offset && ed.End <= en.Offset && !(ed.Start == ed.End && (ed.Start == s.Offset || ed.Start == en.Offset)) {
			inner = append(inner, ed)
		} else {
			rest = append(rest, ed)
		}
	}
	e.out.Edits = rest
	sort.SliceStable(inner, func(i, j int) bool { return inner[i].Start < inner[j].Start })
	var b strings.Builder
	at := s.Offset
	for _, ed := range inner {
		b.Write(src[at:ed.Start])
		b.WriteString(ed.New)
		at = ed.End
	}
	b.Write(src[at:en.Offset])
	return b.String()
}

// moved is the text of [start, end) for an edit that moves it elsewhere:
// a mark compose resolves once every type's edits are known, so that the
// edits inside it, this emission's and other types', move with it.
func (e *emitter) moved(start, end token.Pos) string {
	return edit.Move(e.Prog.At(start).Offset, e.Prog.At(end).Offset)
}

// typeText writes t as seen from a file of package pkgPath, adding an
// import edit when the file lacks one the type needs.
func (e *emitter) typeText(pkgPath string, f *ast.File, t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p.Path() == pkgPath {
			return ""
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if path != p.Path() {
				continue
			}
			if imp.Name == nil {
				return p.Name()
			}
			if imp.Name.Name == "." {
				return ""
			}
			return imp.Name.Name
		}
		e.addImport(f, p.Path(), p.Name())
		return p.Name()
	})
}

// addImport adds an import of path (package name) to f: into its last
// import declaration, or as a new one after the package clause. mockgen
// names every import it writes, so a file it wrote gets a named one.
func (e *emitter) addImport(f *ast.File, path, name string) {
	var last *ast.GenDecl
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			last = gd
		}
	}
	spec := strconv.Quote(path)
	if flow.MockgenFile(f) {
		spec = name + " " + spec
	}
	switch {
	case last != nil && last.Rparen.IsValid() && isStd(path) && len(last.Specs) > 0 && isStd(importPath(last.Specs[0])):
		// Into the standard library's group, which goimports sorts.
		first := last.Specs[0]
		e.edit(first.Pos(), first.Pos(), spec+"\n\t")
	case last != nil && last.Rparen.IsValid():
		e.edit(last.Rparen, last.Rparen, "\t"+spec+"\n")
	case last != nil:
		e.edit(last.End(), last.End(), "\nimport "+spec)
	default:
		e.edit(f.Name.End(), f.Name.End(), "\n\nimport "+spec)
	}
}

// isStd reports whether an import path is the standard library's: its
// first element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func importPath(spec ast.Spec) string {
	path, _ := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value)
	return path
}

// resultsEdit changes a signature's results from error to (U, error), or
// from nothing to U.
func (e *emitter) resultsEdit(ft *ast.FuncType, typ string, hasErr bool) {
	if hasErr {
		r := ft.Results.List[0].Type
		e.edit(r.Pos(), r.End(), "("+typ+", error)")
		if ft.Results.Opening.IsValid() {
			// (error) -> ((U, error)): drop the old parentheses.
			e.edit(ft.Results.Opening, ft.Results.Opening+1, "")
			e.edit(ft.Results.Closing, ft.Results.Closing+1, "")
		}
		return
	}
	e.edit(ft.Params.End(), ft.Params.End(), " "+typ)
}

// deleteField removes the Result field's line (with its doc comment).
func (e *emitter) deleteField() {
	prog, t := e.Prog, e.a.Target
	fld := t.Node
	if st, ok := t.StructType(); ok && len(st.Fields.List) == 1 {
		// The only field: leave struct{}.
		e.edit(st.Fields.Opening+1, st.Fields.Closing, "")
		return
	}
	start := fld.Pos()
	if fld.Doc != nil {
		start = fld.Doc.Pos()
	}
	end := fld.End()
	if fld.Comment != nil {
		end = fld.Comment.End()
	}
	s, en := prog.At(start), prog.At(end)
	src := prog.Source(s.Filename)
	so, eo := s.Offset, en.Offset
	ls := so
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	le := eo
	for le < len(src) && (src[le] == ' ' || src[le] == '\t' || src[le] == ';' || src[le] == '\r') {
		le++
	}
	if (ls == 0 || src[ls-1] == '\n') && le < len(src) && src[le] == '\n' {
		so, eo = ls, le+1 // the whole line
	} else if le < len(src) && src[le] != '}' {
		eo = le
	}
	e.out.Edits = append(e.out.Edits, edit.Edit{File: s.Filename, Start: so, End: eo})
}

// deleteStmt removes a statement and its line.
func (e *emitter) deleteStmt(s ast.Stmt) {
	prog := e.Prog
	p, en := prog.At(s.Pos()), prog.At(s.End())
	src := prog.Source(p.Filename)
	so, eo := p.Offset, en.Offset
	for so > 0 && (src[so-1] == ' ' || src[so-1] == '\t') {
		so--
	}
	if eo < len(src) && src[eo] == '\n' && (so == 0 || src[so-1] == '\n') {
		eo++
	} else {
		so = p.Offset
	}
	e.out.Edits = append(e.out.Edits, edit.Edit{File: p.Filename, Start: so, End: eo})
}

// deleteLines deletes [start, end), and the whole of its lines when
// nothing else is on them.
func (e *emitter) deleteLines(start, end token.Pos) {
	prog := e.Prog
	tf := prog.Fset.File(start)
	src := prog.Source(tf.Name())
	s, en := tf.Offset(start), tf.Offset(end)
	ls, le := s, en
	for ls > 0 && (src[ls-1] == ' ' || src[ls-1] == '\t') {
		ls--
	}
	for le < len(src) && (src[le] == ' ' || src[le] == '\t') {
		le++
	}
	if (ls == 0 || src[ls-1] == '\n') && le < len(src) && src[le] == '\n' {
		s, en = ls, le+1
	}
	e.edit(tf.Pos(s), tf.Pos(en), "")
}

// zeroText is the zero value of t, written typ.
func zeroText(t types.Type, typ string) string {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false"
		case u.Info()&types.IsString != 0:
			return `""`
		case u.Info()&types.IsNumeric != 0:
			return "0"
		}
		return "nil"
	case *types.Struct, *types.Array:
		if _, ok := types.Unalias(t).(*types.Named); ok {
			return typ + "{}"
		}
		return "*new(" + typ + ")"
	default:
		return "nil"
	}
}

// Emit turns an analysis that refuses nothing into edits.
func Emit(pl *flow.Analyzer, a *flow.Analysis, names Names, pointer map[string]string) (out *Emission) {
	out = &Emission{}
	if len(a.Refusals) > 0 {
		return out
	}
	e := &emitter{Analyzer: pl, a: a, names: names, out: out, pointer: pointer}
	defer func() {
		// A shape the planner mishandles refuses its type, not the run.
		if r := recover(); r != nil {
			out.Edits = nil
			out.Refusals = []*flow.Refusal{{Type: a.Target.Short, Reason: fmt.Sprintf("internal error while planning (please report): %v", r), Pos: pl.Prog.Position(a.Target.Obj.Pos())}}
		}
	}()
	if pl.Opts.ValueParams {
		// First, so that the conversion's edits that move a call or a
		// literal carry these with them (render).
		e.emitValueParams()
	}
	for _, use := range a.Adapters {
		e.emitAdapter(use)
	}
	switch a.Form {
	case flow.FormDelete:
		e.emitDelete()
	case flow.FormSameValue:
		e.emitSameValue()
	default:
		e.emitConversion()
	}
	for i := 0; i < len(out.finish) && len(out.Refusals) == 0; i++ {
		out.finish[i]()
	}
	if len(out.Refusals) > 0 {
		e.release() // its names are free for the types emitted after it
	}
	if len(out.Refusals) == 0 {
		e.directiveResult()
	}
	return out
}
