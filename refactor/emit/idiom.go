package emit

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/cqtools/cq/analyzers/naming"
	"github.com/cqtools/cq/refactor/edit"
	"github.com/cqtools/cq/refactor/flow"
)

// This file holds the choices that make the rewritten code read as a
// person would have written it: names taken from the method called, and
// the error variable reused rather than renamed when that changes no
// meaning.

// used returns the names fd's identifiers use and the names the rewrite
// reserved there. Keys starting with "\x00" are the rewrite's own notes:
// "\x00new:x", x was reserved by fresh (no identifier of fd has it);
// "\x00decl:P:x", the rewrite declares x in the list at P in a statement
// that declares another variable too; "\x00lone:P:x", in one that
// declares x alone (which a second declaration before it would break).
func (nt Names) used(fd *ast.FuncDecl) map[string]bool {
	used := nt[fd]
	if used == nil {
		used = map[string]bool{}
		ast.Inspect(fd, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
				used["\x00orig:"+id.Name] = true
			}
			return true
		})
		nt[fd] = used
	}
	return used
}

// valueName names the value a call of fn returns, for a variable declared
// at pos: from the method (GetDashboard: dashboard, SearchTeams: teams,
// CountAlerts: count), when freshIn may give that name and nothing in
// scope at pos has it, so the variable shadows and collides with nothing;
// else the name resultName gives for read. scope and region are freshIn's
// (a nil scope: all of fd).
func (e *emitter) valueName(fd *ast.FuncDecl, pkg *packages.Package, fn *types.Func, pos token.Pos, read *flow.Site, scope *types.Scope, region [2]token.Pos) string {
	if scope == nil {
		region = [2]token.Pos{fd.Pos(), fd.End()}
	}
	if name := methodValueName(fn.Name()); name != "" && e.nameFree(fd, name, scope, region) && !inScope(pkg, name, pos) {
		return e.freshIn(fd, name, scope, region)
	}
	return e.freshIn(fd, resultName(read), scope, region)
}

// inScope reports whether name means something at pos: a local, a
// package-level name, an import or a predeclared identifier.
func inScope(pkg *packages.Package, name string, pos token.Pos) bool {
	s := pkg.Types.Scope().Innermost(pos)
	if s == nil {
		s = pkg.Types.Scope()
	}
	_, obj := s.LookupParent(name, pos)
	return obj != nil
}

// valueVerbs are the leading words of a method name that name an action
// rather than the value it returns (GetDashboard returns a dashboard).
var valueVerbs = map[string]bool{
	"Get": true, "Find": true, "Search": true, "List": true, "Load": true, "Fetch": true,
	"Lookup": true, "Query": true, "Read": true, "Create": true, "Add": true, "Insert": true,
	"Update": true, "Save": true, "Upsert": true, "New": true,
}

// methodValueName derives a variable name from a method name: the words
// after its verb, up to a By, For, With or From (GetTeamsByUser: teams),
// without a suffix such as Handler or Internal;
// count for Count...; the whole name for a predicate (IsAdmin: isAdmin).
// It returns "" for a name that does not say what it returns.
func methodValueName(method string) string {
	words := naming.Split(method)
	if len(words) < 2 {
		return ""
	}
	words[0] = strings.ToUpper(words[0][:1]) + words[0][1:] // getX is a GetX too
	switch w := words[0]; {
	case w == "Count":
		return "count"
	case w == "Is" || w == "Has" || w == "Can":
	case valueVerbs[w]:
		words = words[1:]
		if len(words) > 1 && words[0] == "All" {
			words = words[1:]
		}
		for i, w := range words {
			if w == "By" || w == "For" || w == "With" || w == "From" {
				words = words[:i]
				break
			}
		}
		// SearchHandler, getDashboardInternal, GetTempUsersQuery: the
		// suffix says how, not what.
		for len(words) > 0 && nameSuffixes[words[len(words)-1]] {
			words = words[:len(words)-1]
		}
	default:
		return ""
	}
	if len(words) == 0 {
		return ""
	}
	name := strings.ToLower(words[0])
	for _, w := range words[1:] {
		name += w
	}
	if len(name) < 3 || !token.IsIdentifier(name) {
		return "" // GetA: a is no better a name than result
	}
	return name
}

var nameSuffixes = map[string]bool{"Query": true, "Command": true, "Cmd": true, "Handler": true, "Handle": true, "Internal": true, "Impl": true, "Ctx": true, "Context": true, "Func": true}

// A declSpot is a statement of a list where the rewrite wants to declare
// a variable with := : the statement is stack[k], in the list stack[k-1]
// whose scope ends at end.
type declSpot struct {
	fd    *ast.FuncDecl
	info  *types.Info
	stack []ast.Node
	k     int
	end   token.Pos
}

// at keys the spot's list and a name, for the notes of used.
func (sp declSpot) at(name string) string {
	return strconv.Itoa(int(sp.stack[sp.k-1].Pos())) + ":" + name
}

// note is the note of used that records a declaration of name in the
// spot's list.
func (sp declSpot) note(name string, lone bool) string {
	if lone {
		return "\x00lone:" + sp.at(name)
	}
	return "\x00decl:" + sp.at(name)
}

// declarable reports whether name, of type typ, can be declared with :=
// in the spot's list so that from on it means the new variable, without
// changing what any identifier means: every identifier name in the list
// at or after from (outside skip) refers to own, to a variable declared
// in a nested scope, to a later declaration of the list's own that then
// reuses the new variable (x, err := ... stays; a lone err := ... becomes
// err = ..., which this writes), or, when a variable of the list declared
// before already has the name, is only assigned. tok is the token of the
// new statement (declTok): = when lone and the list has the variable
// already. lone: the new statement declares no other variable, so it
// needs = when the name is declared before it in the list, by the source
// or by another statement of the rewrite's.
func (e *emitter) declarable(sp declSpot, name string, typ types.Type, from token.Pos, skip [2]token.Pos, own types.Object, lone bool) (ok bool, tok string) {
	if name == "_" || typ == nil {
		return false, ""
	}
	info, list := sp.info, sp.stack[sp.k-1]
	scope := listScope(info, sp.stack, sp.k)
	used := e.names.used(sp.fd)
	at := sp.at(name)
	if scope == nil || used["\x00new:"+name] || hasGoto(sp.fd) {
		// The rewrite declares the name somewhere of its own already, or
		// a goto could make a later statement run first.
		return false, ""
	}
	if used["\x00lone:"+at] || used["\x00decl:"+at] {
		// Another statement of the rewrite's declares the name in this
		// list: the two share one variable (compose makes the later one
		// assign it), which is the same program only when nothing reads
		// either's value after the other's statement has run: a closure
		// could.
		if used["\x00captured:"+at] || own != nil && capturedInClosure(funcBody(sp.stack[:sp.k]), info, own) {
			return false, ""
		}
	}
	var prior types.Object
	if o := scope.Lookup(name); o != nil && o.Pos() < from {
		if o.Pos() < list.Pos() && hasBareReturn(sp.stack[:sp.k]) || !types.Identical(o.Type(), typ) || capturedInClosure(funcBody(sp.stack[:sp.k]), info, o) {
			// A named result a bare return reads without naming it, or
			// a variable a closure may read later.
			return false, ""
		}
		prior = o
	}
	stmts := flow.StmtList(list)
	var firstWrite *ast.AssignStmt // the list's first assignment of prior after from
	if prior != nil {
		for _, st := range stmts {
			if as, ok := st.(*ast.AssignStmt); ok && as.Pos() >= from && firstWrite == nil {
				for _, l := range as.Lhs {
					if l, ok := l.(*ast.Ident); ok && info.Uses[l] == prior {
						firstWrite = as
					}
				}
			}
		}
	}
	type assign struct {
		pos token.Pos
		tok string
	}
	var assigns []assign // := of lone later declarations, to become =
	later := false
	ok = true
	ast.Inspect(list, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !ok || !isID || id.Name != name || id.Pos() < from || id.Pos() >= sp.end || skip[0] <= id.Pos() && id.Pos() < skip[1] {
			return ok
		}
		obj := info.Defs[id]
		def := obj != nil
		if obj == nil {
			obj = info.Uses[id]
		}
		if obj == nil || obj.Parent() == nil {
			return true // a field, a method or a label: not a lexical name
		}
		switch {
		case obj == own:
		case obj == prior:
			// Assigned by the first statement of the list that assigns
			// it, or read after that statement only.
			ok = firstWrite != nil && (id.Pos() >= firstWrite.End() || isLhs(firstWrite, id))
		case obj.Parent() == scope && obj.Pos() >= from && !def:
			// A use of a later declaration, checked where it is declared.
		case obj.Parent() == scope && obj.Pos() >= from:
			later = true
			as := lhsOf(stmts, id)
			if as == nil || as.Tok != token.DEFINE || !types.Identical(obj.Type(), typ) {
				ok = false
				break
			}
			if !definesOther(info, as, id) {
				tok := "="
				for _, c := range e.Index.Calls {
					if flow.Contains(as, c.Call) {
						// An emission rewrites this statement: it stays :=
						// if that declares another variable on its left
						// (count, err := ...), as compose decides once it
						// knows which types convert.
						tok = edit.Define(e.Prog.At(as.Lhs[0].Pos()).Offset)
					}
				}
				assigns = append(assigns, assign{as.TokPos, tok})
			}
		case obj.Pos() >= from && obj.Pos() < sp.end:
			// Declared in a scope nested in the list: unaffected.
		default:
			ok = false
		}
		return ok
	})
	if ok && later && own != nil && capturedInClosure(funcBody(sp.stack[:sp.k]), info, own) {
		ok = false
	}
	if !ok {
		return false, ""
	}
	for _, a := range assigns {
		e.edit(a.pos, a.pos+2, a.tok)
	}
	if prior != nil && lone {
		e.reserve(sp.fd, sp.note(name, lone))
		return true, "="
	}
	return true, e.declTok(sp, name, own, lone)
}

// declTok is the token of the rewrite's statement at the spot that
// declares name (with another new variable on its left unless lone), and
// notes the declaration: several statements of the rewrite's may declare
// one name in a list, and then share the variable. For a lone one it is
// a mark compose resolves to := when no converted edit declares the name
// earlier in the list, else =; another's is := with a mark that tells
// compose the list declares the name there.
func (e *emitter) declTok(sp declSpot, name string, own types.Object, lone bool) string {
	e.reserve(sp.fd, sp.note(name, lone))
	if own != nil && capturedInClosure(funcBody(sp.stack[:sp.k]), sp.info, own) {
		e.reserve(sp.fd, "\x00captured:"+sp.at(name))
	}
	list, stmt := e.Prog.At(sp.stack[sp.k-1].Pos()).Offset, e.Prog.At(sp.stack[sp.k].Pos()).Offset
	if lone {
		return edit.Share(list, stmt, name)
	}
	return ":=" + edit.Declared(list, stmt, name)
}

// errName is the name for the error of a call hoisted into a statement of
// its own at the spot (declaring it alone, or with another variable), and
// the token that statement uses: err when declarable there, assigned (=)
// when the list has an err of its own the statement would otherwise
// redeclare alone, else a fresh name.
func (e *emitter) errName(sp declSpot, typ types.Type, skip [2]token.Pos, lone bool) (string, string) {
	if !e.names.used(sp.fd)["err"] {
		// Reserved for this list only: a nested function literal, say,
		// may declare its own.
		e.reserve(sp.fd, "err")
		return "err", e.declTok(sp, "err", nil, lone)
	}
	if ok, tok := e.declarable(sp, "err", typ, sp.stack[sp.k].Pos(), skip, nil, lone); ok {
		return "err", tok
	}
	return e.freshAt(sp.fd, "err", sp.info, sp.stack, sp.k, sp.end), ":="
}

// isLhs reports whether id is on the left of as.
func isLhs(as *ast.AssignStmt, id *ast.Ident) bool {
	for _, l := range as.Lhs {
		if l == ast.Expr(id) {
			return true
		}
	}
	return false
}

// lhsOf is the assignment among stmts with id on its left.
func lhsOf(stmts []ast.Stmt, id *ast.Ident) *ast.AssignStmt {
	for _, s := range stmts {
		if as, ok := s.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if l == ast.Expr(id) {
					return as
				}
			}
		}
	}
	return nil
}

// definesOther reports whether the := statement as declares a variable
// besides id.
func definesOther(info *types.Info, as *ast.AssignStmt, id *ast.Ident) bool {
	for _, l := range as.Lhs {
		if l, ok := l.(*ast.Ident); ok && l != id && info.Defs[l] != nil {
			return true
		}
	}
	return false
}

// capturedInClosure reports whether a function literal in body refers to
// obj.
func capturedInClosure(body *ast.BlockStmt, info *types.Info, obj types.Object) bool {
	if body == nil {
		return true
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && info.Uses[id] == obj {
					found = true
				}
				return !found
			})
			return false
		}
		return !found
	})
	return found
}

// funcBody is the body of the innermost function (declaration or
// literal) of stack.
func funcBody(stack []ast.Node) *ast.BlockStmt {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			return f.Body
		case *ast.FuncLit:
			return f.Body
		}
	}
	return nil
}

// hasBareReturn reports whether the function around the end of stack
// has a return statement of its own without results.
func hasBareReturn(stack []ast.Node) bool {
	body := funcBody(stack)
	if body == nil {
		return true
	}
	return flow.FindOwn(body, func(n ast.Node) bool { r, ok := n.(*ast.ReturnStmt); return ok && len(r.Results) == 0 })
}

func hasGoto(fd *ast.FuncDecl) bool {
	found := false
	ast.Inspect(fd, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}
