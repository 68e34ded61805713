package refactor

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/generator"
)

// rewrite plans the edits of a type whose members all qualify, refusing it
// when a producer or caller has a shape the planner cannot follow.
func (pl *planner) rewrite(tp *targetPlan, members map[key]*member, keys []key) {
	prog, ix, t := pl.prog, pl.ix, tp.t
	pl.members = members
	claimed := map[*site]bool{}
	producerVar := map[*ast.FuncDecl]string{}
	field := cqmodel.ResultField(t.obj.Type())
	// Links: one type's Result copied into another's.
	for _, s := range ix.results {
		if ix.byField[pl.fieldKey(s)] != t {
			continue
		}
		if as, ok := s.parent(1).(*ast.AssignStmt); ok && !isWrite(s) {
			for _, l := range as.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
					if selection := s.pkg.TypesInfo.Selections[sel]; selection != nil {
						if o := ix.byField[prog.key(selection.Obj())]; o != nil && o != t {
							tp.linked = append(tp.linked, o)
						}
					}
				}
			}
		}
	}

	// Signatures, and the producers' bodies.
	for _, k := range keys {
		m := members[k]
		sig := m.fn.Type().(*types.Signature)
		hasErr := sig.Results().Len() == 1
		if m.iface {
			pl.rewriteIfaceMethod(tp, m, field.Type(), hasErr)
			continue
		}
		fd := m.decl.decl
		name := pl.fresh(fd, "result")
		producerVar[fd] = name
		typ := pl.typeText(tp, m.decl.pkg.PkgPath, m.decl.file, field.Type())
		pl.resultsEdit(tp, fd.Type, typ, hasErr)
		tp.funcs = append(tp.funcs, prog.position(fd.Name.Pos())+" "+funcLabel(m.fn))
		pl.rewriteProducerBody(tp, m, fd, name, typ, hasErr, claimed)
	}
	if len(tp.refusals) > 0 {
		return
	}

	// Calls, grouped by function and query variable.
	type varKey struct {
		fd  *ast.FuncDecl
		obj types.Object
	}
	byVar := map[varKey][]*callSite{}
	var order []varKey
	for _, c := range ix.calls {
		if members[c.callee] == nil {
			continue
		}
		tp.calls++
		fd := c.outerFunc()
		if fd == nil {
			tp.refuse(prog, c.call.Pos(), "%s is called outside a function", c.fn.Name())
			return
		}
		arg := pl.queryArg(c)
		if arg == nil {
			tp.refuse(prog, c.call.Pos(), "the call of %s has no query argument", c.fn.Name())
			return
		}
		var obj types.Object
		if lit := compositeLit(arg); lit == nil {
			v := rootIdent(arg)
			if v == nil {
				tp.refuse(prog, arg.Pos(), "the query passed to %s is not a variable, so its Result reads cannot be followed", c.fn.Name())
				return
			}
			obj = c.pkg.TypesInfo.Uses[v]
		}
		vk := varKey{fd, obj}
		if byVar[vk] == nil {
			order = append(order, vk)
		}
		byVar[vk] = append(byVar[vk], c)
	}
	var inputFree map[key]bool
	for _, vk := range order {
		calls := byVar[vk]
		fd := vk.fd
		fwd := ""
		if name, ok := producerVar[fd]; ok && vk.obj != nil && pl.isProducerParam(members, fd, vk.obj) {
			fwd = name
		}
		var reads []*site
		if vk.obj != nil && fwd == "" {
			if v, ok := vk.obj.(*types.Var); !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
				tp.refuse(prog, calls[0].call.Pos(), "the query passed to %s is not a local variable", calls[0].fn.Name())
				return
			}
			reads = pl.readsOf(t, fd, vk.obj)
			written := false
			for _, r := range reads {
				claimed[r] = true
				if isWrite(r) {
					written = true
					if inputFree == nil {
						inputFree = pl.inputFree(members, keys)
					}
					if m := firstNot(inputFree, members, keys); m != nil {
						tp.refuse(prog, r.node().Pos(), "Result is an input: a caller writes it here and %s may read it before writing it", funcLabel(m.fn))
						return
					}
				}
			}
			if len(reads) > 0 {
				resets, bad := pl.otherUses(calls, fd, vk.obj)
				if bad.IsValid() {
					tp.refuse(prog, bad, "the query variable %s is used here other than as a producer's argument or a field access (after a call, or before one that a read precedes): its Result could be read or set behind the rewrite's back", vk.obj.Name())
					return
				}
				// One variable per call reads best; when the reads do not
				// fit that (a read under a later call, in a loop or a
				// closure, or out of the call's scope), one variable
				// shadows the Result field itself.
				trial := &targetPlan{t: t}
				if len(resets) == 0 && !written && pl.planCalls(trial, fd, calls, reads, "", false) {
					tp.edits = append(tp.edits, trial.edits...)
					continue
				}
				if !pl.sharedVariable(tp, fd, calls, reads, resets, vk.obj, field.Type()) {
					return
				}
				continue
			}
		}
		pl.fwdScope = nil
		if fwd != "" {
			pl.fwdScope = calls[0].pkg.TypesInfo.Scopes[fd.Type]
		}
		ok := pl.planCalls(tp, fd, calls, reads, fwd, fwd != "")
		pl.fwdScope = nil
		if !ok {
			return
		}
	}

	// Every Result access must have been followed, but for those in
	// cqgen's generated files, which regenerate writes again.
	for _, s := range ix.results {
		if ix.byField[pl.fieldKey(s)] == t && !claimed[s] && !generator.IsGenerated(prog.source(prog.at(s.node().Pos()).Filename)) {
			tp.refuse(prog, s.node().Pos(), "Result is used through %s, which is not a producer's parameter nor a local query variable (a helper reading a working Result?)", prog.text(s.node().(*ast.SelectorExpr).X))
			return
		}
	}
	// Delete the field, with its comments and line.
	pl.deleteField(tp)
	if len(tp.refusals) > 0 {
		tp.edits = nil
	}
}

func funcLabel(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := types.Unalias(derefT(recv.Type())).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

func compositeLit(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

func (pl *planner) isProducerParam(members map[key]*member, fd *ast.FuncDecl, obj types.Object) bool {
	for _, m := range members {
		if m.decl != nil && m.decl.decl == fd {
			return m.param == obj
		}
	}
	return false
}

// readsOf returns the Result selectors of the variable obj in fd.
func (pl *planner) readsOf(t *Target, fd *ast.FuncDecl, obj types.Object) []*site {
	var out []*site
	for _, s := range pl.ix.results {
		if s.outerFunc() != fd || pl.ix.byField[pl.fieldKey(s)] != t {
			continue
		}
		if id, ok := ast.Unparen(s.node().(*ast.SelectorExpr).X).(*ast.Ident); ok && s.pkg.TypesInfo.Uses[id] == obj {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].node().Pos() < out[j].node().Pos() })
	return out
}

// otherUses looks at the uses of obj in fd that are neither a field
// selection nor the query argument of one of calls. Those before the first
// call (outside a loop holding a call), such as decoding a request into the
// query, are fine; whole assignments after it are returned as resets; any
// other use after it is returned as bad.
func (pl *planner) otherUses(calls []*callSite, fd *ast.FuncDecl, obj types.Object) (resets []token.Pos, bad token.Pos) {
	info := calls[0].pkg.TypesInfo
	args := map[*ast.Ident]bool{}
	first := calls[0].call.Pos()
	for _, c := range calls {
		if v := rootIdent(pl.queryArg(c)); v != nil {
			args[v] = true
		}
		if c.call.Pos() < first {
			first = c.call.Pos()
		}
	}
	var stack []ast.Node
	var early []token.Pos
	defer func() {
		// A read before the first call would see what an early use (a
		// decoder, a bus) put there; the rewrite cannot follow that.
		if len(early) > 0 && !bad.IsValid() {
			for _, r := range pl.readsOf(pl.ix.targetOf(pl.prog, obj.Type()), fd, obj) {
				if r.node().Pos() < first && !isWrite(r) {
					bad = early[0]
				}
			}
		}
	}()
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || info.Uses[id] != obj || args[id] || bad.IsValid() {
			return true
		}
		parent := stack[len(stack)-2]
		if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == id {
			return true
		}
		late := id.Pos() > first
		for _, a := range stack {
			switch a.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				for _, c := range calls {
					if contains(a, c.call) {
						late = true
					}
				}
			}
		}
		if !late {
			early = append(early, id.Pos())
			return true
		}
		if as, ok := parent.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for _, l := range as.Lhs {
				if l == ast.Expr(id) {
					resets = append(resets, id.Pos())
					return true
				}
			}
		}
		bad = id.Pos()
		return true
	})
	return resets, bad
}

// sharedVariable gives the query variable obj one result variable,
// declared right after it, that every call assigns and every read reads:
// it follows the Result field exactly, in loops and closures too.
//
// A reset (q = Query{...}) zeroes the Result field, so it zeroes the
// variable too; the literal cannot set Result (such types are refused).
func (pl *planner) sharedVariable(tp *targetPlan, fd *ast.FuncDecl, calls []*callSite, reads []*site, resets []token.Pos, obj types.Object, u types.Type) bool {
	prog := pl.prog
	c0 := calls[0]
	var declStack []ast.Node
	var stack []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if id, ok := n.(*ast.Ident); ok && c0.pkg.TypesInfo.Defs[id] == obj {
			declStack = append([]ast.Node(nil), stack...)
		}
		return declStack == nil
	})
	if declStack == nil {
		tp.refuse(prog, reads[0].node().Pos(), "cannot find where %s is declared", obj.Name())
		return false
	}
	r := pl.fresh(fd, resultName(reads[0]))
	typ := pl.typeText(tp, c0.pkg.PkgPath, c0.file, u)
	k, _ := listStmt(declStack)
	switch st := declStack[len(declStack)-2].(type) {
	case *ast.RangeStmt:
		tp.edit(prog, st.Body.Lbrace+1, st.Body.Lbrace+1, "\nvar "+r+" "+typ)
	default:
		if k < 0 {
			tp.refuse(prog, obj.Pos(), "%s is not declared by a statement of its own", obj.Name())
			return false
		}
		switch declStack[k].(type) {
		case *ast.DeclStmt, *ast.AssignStmt:
		default:
			tp.refuse(prog, obj.Pos(), "%s is not declared by a statement of its own", obj.Name())
			return false
		}
		end := declStack[k].End()
		tp.edit(prog, end, end, "\n"+prog.indent(declStack[k].Pos())+"var "+r+" "+typ)
	}
	for _, s := range reads {
		tp.edit(prog, s.node().Pos(), s.node().End(), r)
	}
	for _, pos := range resets {
		rs := pathTo(c0.file, pos)
		var as *ast.AssignStmt
		if len(rs) >= 2 {
			as, _ = rs[len(rs)-2].(*ast.AssignStmt)
		}
		k, _ := listStmt(rs)
		if as == nil || k != len(rs)-2 || len(as.Rhs) != 1 || compositeLit(as.Rhs[0]) == nil {
			tp.refuse(prog, pos, "the query variable %s is assigned here from something other than a composite literal, while its Result is read", obj.Name())
			return false
		}
		tp.edit(prog, as.End(), as.End(), "\n"+prog.indent(as.Pos())+r+" = "+zeroText(u, typ))
	}
	pl.fwdScope = obj.Parent()
	defer func() { pl.fwdScope = nil }()
	return pl.planCalls(tp, fd, calls, nil, r, false)
}

// fresh returns a name based on base that no identifier of fd uses, and
// reserves it.
func (pl *planner) fresh(fd *ast.FuncDecl, base string) string {
	used := pl.names[fd]
	if used == nil {
		used = map[string]bool{}
		ast.Inspect(fd, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
			}
			return true
		})
		pl.names[fd] = used
	}
	name := base
	for i := 2; used[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	used[name] = true
	return name
}

// typeText writes t as seen from a file of package pkgPath, adding an
// import edit when the file lacks one the type needs.
func (pl *planner) typeText(tp *targetPlan, pkgPath string, f *ast.File, t types.Type) string {
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
		pl.addImport(tp, f, p.Path())
		return p.Name()
	})
}

// resultsEdit changes a signature's results from error to (U, error), or
// from nothing to U.
func (pl *planner) resultsEdit(tp *targetPlan, ft *ast.FuncType, typ string, hasErr bool) {
	if hasErr {
		r := ft.Results.List[0].Type
		tp.edit(pl.prog, r.Pos(), r.End(), "("+typ+", error)")
		if ft.Results.Opening.IsValid() {
			// (error) -> ((U, error)): drop the old parentheses.
			tp.edit(pl.prog, ft.Results.Opening, ft.Results.Opening+1, "")
			tp.edit(pl.prog, ft.Results.Closing, ft.Results.Closing+1, "")
		}
		return
	}
	tp.edit(pl.prog, ft.Params.End(), ft.Params.End(), " "+typ)
}

func (pl *planner) rewriteIfaceMethod(tp *targetPlan, m *member, u types.Type, hasErr bool) {
	prog := pl.prog
	pos := prog.at(m.fn.Pos())
	f := prog.Files[pos.Filename]
	if f == nil {
		tp.refuse(prog, m.fn.Pos(), "the interface method %s has no syntax", m.fn.Name())
		return
	}
	tf := prog.Fset.File(f.Pos())
	at := tf.Pos(pos.Offset)
	var ft *ast.FuncType
	ast.Inspect(f, func(n ast.Node) bool {
		if fld, ok := n.(*ast.Field); ok && len(fld.Names) == 1 && fld.Names[0].Pos() == at {
			ft, _ = fld.Type.(*ast.FuncType)
		}
		return ft == nil
	})
	if ft == nil {
		tp.refuse(prog, m.fn.Pos(), "the interface method %s has no syntax", m.fn.Name())
		return
	}
	p := prog.owner[pos.Filename]
	typ := pl.typeText(tp, p.PkgPath, f, u)
	pl.resultsEdit(tp, ft, typ, hasErr)
	tp.funcs = append(tp.funcs, prog.position(at)+" "+funcLabelIface(m.fn))
}

func funcLabelIface(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if n, ok := types.Unalias(recv.Type()).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

// rewriteProducerBody replaces the producer's Result accesses with a local
// variable and returns it at every return.
func (pl *planner) rewriteProducerBody(tp *targetPlan, m *member, fd *ast.FuncDecl, name, typ string, hasErr bool, claimed map[*site]bool) {
	prog := pl.prog
	info := m.decl.pkg.TypesInfo
	hoist := false // whether a return's expression could change the variable
	firstWrite := token.NoPos
	for _, s := range pl.ix.results {
		if s.outerFunc() != fd || s.pkg != m.decl.pkg {
			continue
		}
		sel := s.node().(*ast.SelectorExpr)
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok || info.Uses[id] != m.param {
			continue
		}
		claimed[s] = true
		tp.edit(prog, sel.Pos(), sel.End(), name)
		if isWrite(s) {
			if deferredOrAsync(s.stack) {
				tp.refuse(prog, sel.Pos(), "%s writes Result in a deferred function or a goroutine, after it returns its values: the value returned would not be the one written", fd.Name.Name)
				return
			}
			if _, ok := s.parent(1).(*ast.UnaryExpr); ok {
				hoist = true
			}
			if fn, _, _ := enclosingFunc(s.stack); fn != ast.Node(fd) {
				hoist = true
			}
			if !firstWrite.IsValid() || sel.Pos() < firstWrite {
				firstWrite = sel.Pos()
			}
		}
	}
	// A forward after a write would let the callee see the value written.
	for _, c := range pl.ix.calls {
		if c.outerFunc() == fd && firstWrite.IsValid() && c.call.Pos() > firstWrite {
			if v := rootIdent(pl.queryArg(c)); v != nil && info.Uses[v] == m.param {
				tp.refuse(prog, c.call.Pos(), "%s passes the query on after writing its Result (Result used as a working variable)", fd.Name.Name)
				return
			}
		}
	}
	used := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if !hasErr {
				tp.edit(prog, n.Pos()+token.Pos(len("return")), n.Pos()+token.Pos(len("return")), " "+name)
				used = true
				return false
			}
			if len(n.Results) != 1 {
				tp.refuse(prog, n.Pos(), "unexpected return statement")
				return false
			}
			x := n.Results[0]
			if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && pl.isForward(m, call) {
				return false
			}
			if hoist && hasCall(x) {
				e := pl.fresh(fd, "err")
				text := pl.render(tp, x.Pos(), x.End())
				tp.edit(prog, n.Pos(), n.Pos(), e+" := "+text+"\n"+prog.indent(n.Pos()))
				tp.edit(prog, x.Pos(), x.End(), name+", "+e)
			} else {
				tp.edit(prog, x.Pos(), x.Pos(), name+", ")
			}
			used = true
			return false
		}
		return true
	})
	if !hasErr {
		if l := len(fd.Body.List); l == 0 || !isReturn(fd.Body.List[l-1]) {
			text := "\nreturn " + name + "\n"
			if at := prog.at(fd.Body.Rbrace); at.Offset > 0 && prog.source(at.Filename)[at.Offset-1] == '\n' {
				text = "return " + name + "\n"
			}
			tp.edit(prog, fd.Body.Rbrace, fd.Body.Rbrace, text)
			used = true
		}
	}
	for s := range claimed {
		if s.outerFunc() == fd {
			used = true
		}
	}
	if used || pl.hasForwardNotReturned(m, fd) {
		decl := "\nvar " + name + " " + typ
		if at := prog.at(fd.Body.Lbrace + 1); at.Offset < len(prog.source(at.Filename)) && !bytes.HasPrefix(prog.source(at.Filename)[at.Offset:], []byte("\n")) && !bytes.HasPrefix(prog.source(at.Filename)[at.Offset:], []byte("\r\n")) {
			decl += "\n"
		}
		tp.edit(prog, fd.Body.Lbrace+1, fd.Body.Lbrace+1, decl)
	}
}

// deferredOrAsync reports whether the node at the end of stack is inside a
// defer or go statement: it runs after the function's return values are
// evaluated, or concurrently.
func deferredOrAsync(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.DeferStmt, *ast.GoStmt:
			return true
		}
	}
	return false
}

func isReturn(s ast.Stmt) bool { _, ok := s.(*ast.ReturnStmt); return ok }

// isForward reports whether call passes m's query parameter to a producer
// of the same type.
func (pl *planner) isForward(m *member, call *ast.CallExpr) bool {
	for _, c := range pl.ix.calls {
		if c.call == call {
			if v := rootIdent(pl.queryArg(c)); v != nil && c.pkg.TypesInfo.Uses[v] == m.param {
				return pl.members[c.callee] != nil
			}
		}
	}
	return false
}

func (pl *planner) hasForwardNotReturned(m *member, fd *ast.FuncDecl) bool {
	for _, c := range pl.ix.calls {
		if c.outerFunc() != fd {
			continue
		}
		if v := rootIdent(pl.queryArg(c)); v != nil && c.pkg.TypesInfo.Uses[v] == m.param {
			if r, ok := c.parent(1).(*ast.ReturnStmt); ok {
				if fn, _, _ := enclosingFunc(c.stack); fn == ast.Node(fd) && len(r.Results) == 1 {
					continue
				}
			}
			return true
		}
	}
	return false
}

func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.CallExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

// render returns the source of [start, end) with the plan's edits inside
// it applied, and removes those edits from the plan (they move with the
// text).
func (pl *planner) render(tp *targetPlan, start, end token.Pos) string {
	s, e := pl.prog.at(start), pl.prog.at(end)
	src := pl.prog.source(s.Filename)
	var inner, rest []Edit
	for _, ed := range tp.edits {
		if ed.File == s.Filename && ed.Start >= s.Offset && ed.End <= e.Offset && !(ed.Start == ed.End && (ed.Start == s.Offset || ed.Start == e.Offset)) {
			inner = append(inner, ed)
		} else {
			rest = append(rest, ed)
		}
	}
	tp.edits = rest
	sort.SliceStable(inner, func(i, j int) bool { return inner[i].Start < inner[j].Start })
	var b strings.Builder
	at := s.Offset
	for _, ed := range inner {
		b.Write(src[at:ed.Start])
		b.WriteString(ed.New)
		at = ed.End
	}
	b.Write(src[at:e.Offset])
	return b.String()
}

// deleteField removes the Result field's line (with its doc comment).
func (pl *planner) deleteField(tp *targetPlan) {
	prog, fld := pl.prog, tp.t.node
	if st, ok := tp.t.structType(); ok && len(st.Fields.List) == 1 {
		// The only field: leave struct{}.
		tp.edit(prog, st.Fields.Opening+1, st.Fields.Closing, "")
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
	s, e := prog.at(start), prog.at(end)
	src := prog.source(s.Filename)
	so, eo := s.Offset, e.Offset
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
	tp.edits = append(tp.edits, Edit{File: s.Filename, Start: so, End: eo})
}

var _ = fmt.Sprint

// addImport adds an import of path to f: into its last import declaration,
// or as a new one after the package clause.
func (pl *planner) addImport(tp *targetPlan, f *ast.File, path string) {
	var last *ast.GenDecl
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			last = gd
		}
	}
	switch {
	case last != nil && last.Rparen.IsValid():
		tp.edit(pl.prog, last.Rparen, last.Rparen, "\t"+strconv.Quote(path)+"\n")
	case last != nil:
		tp.edit(pl.prog, last.End(), last.End(), "\nimport "+strconv.Quote(path))
	default:
		tp.edit(pl.prog, f.Name.End(), f.Name.End(), "\n\nimport "+strconv.Quote(path))
	}
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

// pathTo is the stack of nodes from f down to the innermost node at pos.
func pathTo(f *ast.File, pos token.Pos) []ast.Node {
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	out := make([]ast.Node, len(path))
	for i, n := range path {
		out[len(path)-1-i] = n
	}
	return out
}

// inputFree computes which members never read a Result value their caller
// put in the query. A member *always writes* when its first access is a
// whole assignment at the top level of its body, or an unconditional
// forward to members that always write; it is *input-free* when it always
// writes, forwards the query as its last act (return f(ctx, q)) to
// input-free members, or never touches Result. An interface method is
// either when all its implementations are.
func (pl *planner) inputFree(members map[key]*member, keys []key) map[key]bool {
	free, always := map[key]bool{}, map[key]bool{}
	for changed := true; changed; {
		changed = false
		for _, k := range keys {
			if free[k] && always[k] {
				continue
			}
			f, a := pl.isInputFree(members[k], members, free, always)
			if f && !free[k] || a && !always[k] {
				free[k], always[k] = free[k] || f, always[k] || a
				changed = true
			}
		}
	}
	return free
}

func (pl *planner) isInputFree(m *member, members map[key]*member, free, always map[key]bool) (isFree, isAlways bool) {
	if m.iface {
		isFree, isAlways = true, true
		for _, ik := range pl.ix.implOf[m.key] {
			isFree, isAlways = isFree && free[ik], isAlways && always[ik]
		}
		return isFree, isAlways
	}
	fd, info := m.decl.decl, m.decl.pkg.TypesInfo
	isParam := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == m.param
	}
	for _, st := range fd.Body.List {
		var accesses []*site
		for _, s := range pl.ix.results {
			if s.outerFunc() == fd && contains(st, s.node()) && isParam(s.node().(*ast.SelectorExpr).X) {
				accesses = append(accesses, s)
			}
		}
		var forwards []*callSite
		for _, c := range pl.ix.calls {
			if c.outerFunc() == fd && contains(st, c.call) && members[c.callee] != nil {
				if v := rootIdent(pl.queryArg(c)); v != nil && info.Uses[v] == m.param {
					forwards = append(forwards, c)
				}
			}
		}
		if as, ok := st.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN && len(as.Lhs) == 1 && len(accesses) == 1 && accesses[0].node() == ast.Unparen(as.Lhs[0]) && len(forwards) == 0 {
			return true, true
		}
		if len(accesses) > 0 {
			return false, false
		}
		if len(forwards) == 0 {
			continue
		}
		allFree, allAlways := true, true
		for _, c := range forwards {
			allFree, allAlways = allFree && free[c.callee], allAlways && always[c.callee]
		}
		if allAlways && len(forwards) == 1 && unconditional(st, forwards[0].call) {
			return true, true
		}
		if _, isReturn := st.(*ast.ReturnStmt); isReturn || !allFree {
			return isReturn && allFree, false
		}
		// Forwards to input-free members read nothing the caller put
		// there; a later access decides.
	}
	return true, false
}

// unconditional reports whether the top-level statement st always
// evaluates call: it is the statement's own call, an assignment's value,
// a returned value, or in an if statement's init.
func unconditional(st ast.Stmt, call *ast.CallExpr) bool {
	is := func(e ast.Expr) bool { return ast.Unparen(e) == ast.Expr(call) }
	switch st := st.(type) {
	case *ast.ExprStmt:
		return is(st.X)
	case *ast.AssignStmt:
		return len(st.Rhs) == 1 && is(st.Rhs[0])
	case *ast.ReturnStmt:
		return len(st.Results) == 1 && is(st.Results[0])
	case *ast.IfStmt:
		return st.Init != nil && unconditional(st.Init, call)
	}
	return false
}

// firstNot returns the first member that is not input-free, or nil.
func firstNot(free map[key]bool, members map[key]*member, keys []key) *member {
	for _, k := range keys {
		if !free[k] {
			return members[k]
		}
	}
	return nil
}
