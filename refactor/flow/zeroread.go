package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/refactor/program"
)

// A Result read through a local query variable that no producer is ever
// called with (a test that builds a query, never runs it, and checks that
// len(query.Result) is 0) reads the zero value: it becomes that value,
// typed as the field was, when nothing else could have set the field.

// zeroRead reports whether s reads the Result of a local struct
// variable (not a pointer) declared without a value or with a composite
// literal that leaves Result out, whose every use in its function is a
// field selection and whose Result is never written: then the field always
// holds its zero value.
//
// With the statement declaring the variable when the zero reads are its
// only uses: it goes with them (else the variable would be declared and
// not used), which needs a statement declaring it alone with a value free
// of effects.
func (pl *Analyzer) zeroRead(s *Site) (bool, ast.Stmt) {
	sel := s.Node().(*ast.SelectorExpr)
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	info := s.Pkg.TypesInfo
	fd := s.OuterFunc()
	if !ok || fd == nil || isWrite(s) {
		return false, nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || declaringFunc(s.Stack, info, v) != nil {
		return false, nil
	}
	if _, isPtr := types.Unalias(v.Type()).(*types.Pointer); isPtr {
		return false, nil
	}
	zero, others := true, 0
	var decl ast.Stmt
	WithStack(fd.Body, func(n ast.Node, stack []ast.Node) {
		id, ok := n.(*ast.Ident)
		if !ok || !zero {
			return
		}
		parent := stack[len(stack)-2]
		switch {
		case info.Defs[id] == v:
			zero = declaresZeroResult(parent, id)
			if k, _ := ListStmt(stack); k >= 0 {
				decl, _ = stack[k].(ast.Stmt)
			}
		case info.Uses[id] == v:
			p, isSel := parent.(*ast.SelectorExpr)
			zero = isSel && p.X == ast.Expr(id)
			if zero && p.Sel.Name != "Result" {
				others++
			}
		}
	})
	if !zero {
		return false, nil
	}
	for _, r := range pl.readsOf(pl.Index.TargetOf(pl.Prog, v.Type()), fd, v) {
		if isWrite(r) {
			return false, nil
		}
	}
	if others > 0 {
		return true, nil
	}
	if !declaresAlone(decl) {
		return false, nil
	}
	return true, decl
}

// declaresAlone reports whether st declares one variable, with no value
// or one free of effects: `q := Q{...}`, `var q Q`.
func declaresAlone(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.AssignStmt:
		return st.Tok == token.DEFINE && len(st.Lhs) == 1 && len(st.Rhs) == 1 && !HasEffects(st.Rhs[0])
	case *ast.DeclStmt:
		gd, ok := st.Decl.(*ast.GenDecl)
		if !ok || len(gd.Specs) != 1 {
			return false
		}
		vs, ok := gd.Specs[0].(*ast.ValueSpec)
		return ok && len(vs.Names) == 1 && (len(vs.Values) == 0 || !HasEffects(vs.Values[0]))
	}
	return false
}

// declaresZeroResult reports whether the declaration of id in parent
// leaves its Result field zero: `var q Q`, or `q := Q{...}` without a
// Result key.
func declaresZeroResult(parent ast.Node, id *ast.Ident) bool {
	var lhs, rhs []ast.Expr
	switch d := parent.(type) {
	case *ast.ValueSpec:
		for _, n := range d.Names {
			lhs = append(lhs, n)
		}
		rhs = d.Values
	case *ast.AssignStmt:
		lhs, rhs = d.Lhs, d.Rhs
	default:
		return false
	}
	if len(rhs) == 0 {
		return true
	}
	if len(rhs) != len(lhs) {
		return false
	}
	for i, l := range lhs {
		if l != ast.Expr(id) {
			continue
		}
		lit, ok := ast.Unparen(rhs[i]).(*ast.CompositeLit)
		if !ok {
			return false
		}
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return len(lit.Elts) == 0
			}
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Result" {
				return false
			}
		}
		return true
	}
	return false
}

// literalReadBack reports whether the Result set by the composite literal
// key at s could be read after a call: the literal is held by a variable
// whose Result is read, or by anything but a call's argument (a table of
// test cases, a field, a return).
func (pl *Analyzer) literalReadBack(t *Target, s *Site) bool {
	i := 2 // s.parent(1) is the literal
	if u, ok := s.Parent(i).(*ast.UnaryExpr); ok && u.Op == token.AND {
		i++
	}
	held := s.Parent(i - 1)
	var lhs ast.Expr
	switch p := s.Parent(i).(type) {
	case *ast.CallExpr:
		return false
	case *ast.AssignStmt:
		for k, r := range p.Rhs {
			if r == held && len(p.Lhs) == len(p.Rhs) {
				lhs = p.Lhs[k]
			}
		}
	case *ast.ValueSpec:
		for k, r := range p.Values {
			if r == held && len(p.Names) == len(p.Values) {
				lhs = p.Names[k]
			}
		}
	}
	id, ok := lhs.(*ast.Ident)
	fd := s.OuterFunc()
	if !ok || fd == nil {
		return true
	}
	obj := s.Pkg.TypesInfo.ObjectOf(id)
	for _, r := range pl.readsOf(t, fd, obj) {
		if !isWrite(r) {
			return true
		}
	}
	return false
}

// readAfterCall reports whether a read of reads (not a write) follows a
// call of calls.
func readAfterCall(reads []*Site, calls []*CallSite) bool {
	for _, r := range reads {
		if isWrite(r) {
			continue
		}
		for _, c := range calls {
			if c.Call.End() <= r.Node().Pos() {
				return true
			}
		}
	}
	return false
}

// firstNotBody is firstNot, naming a function with a body rather than an
// interface method where one is at fault.
func firstNotBody(ok map[program.Key]bool, members map[program.Key]*Member, keys []program.Key) *Member {
	var iface *Member
	for _, k := range keys {
		if m := members[k]; !ok[k] {
			if !m.Iface {
				return m
			}
			if iface == nil {
				iface = m
			}
		}
	}
	return iface
}
