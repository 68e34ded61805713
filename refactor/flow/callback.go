package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/types/typeutil"
)

// Producers often write Result in a callback they hand to a transaction
// helper: `return db.WithTx(ctx, func(tx *Tx) error { ...; q.Result = x;
// return nil })`. Result is then written whenever the producer returns
// nil if the callback writes it before every nil return (litWritesOnNil)
// and the helper returns nil only after calling the callback and getting
// nil from it (nilOnlyViaCall). The second is a property of the helper's
// own code, decided by the same walk as the producers' writes, with
// "written" meaning "the callback ran and returned nil".

// nilOnlyViaCall reports whether fn returns a nil error only after its
// idx-th parameter, a function, was called and returned nil: every return
// that may return nil is reached after such a call (`return callback(tx)`,
// `if err := callback(tx); err != nil { return err }`, or handing the
// callback to a function with the same property). A recursive call is
// assumed to have the property: if it returns at all, the induction holds.
func (pl *Analyzer) nilOnlyViaCall(fn *types.Func, idx int) bool {
	k, f, v, done := pl.memoDecl(fn, "#", idx)
	if done {
		return v
	}
	sig := f.Obj.Type().(*types.Signature)
	if idx >= sig.Params().Len() || sig.Variadic() && idx == sig.Params().Len()-1 || sig.Results().Len() == 0 || !cqmodel.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	p := sig.Params().At(idx)
	if _, ok := p.Type().Underlying().(*types.Signature); !ok {
		return false
	}
	if pl.callbackMemo == nil {
		pl.callbackMemo = map[program.Key]bool{}
	}
	pl.callbackMemo[k] = true // recursion: see the doc comment
	w := &writeWalk{pl: pl, m: &Member{}, info: f.Pkg.TypesInfo, total: func(program.Key) bool { return false }, body: f.Decl.Body, errResult: true, cbParam: p}
	_, term := w.list(f.Decl.Body.List, false)
	ok := term && !w.gotos
	for _, u := range w.out {
		ok = ok && u.nonNil
	}
	pl.callbackMemo[k] = ok
	return ok
}

// memoDecl looks up what a property (tag) of fn's idx-th parameter was
// found to be, or else fn's declaration: done with v when it is known or
// fn has no body in the loaded program (false). The declaration's own
// objects are the ones to walk: a caller may see another variant of its
// package (with tests, or without).
func (pl *Analyzer) memoDecl(fn *types.Func, tag string, idx int) (k program.Key, f *FuncInfo, v, done bool) {
	k = pl.Prog.Key(fn) + program.Key(tag+string(rune('0'+idx)))
	if v, ok := pl.callbackMemo[k]; ok {
		return k, nil, v, true
	}
	if f = pl.Index.funcs[pl.Prog.Key(fn)]; f == nil {
		return k, nil, false, true
	}
	return k, f, false, false
}

// callsBack reports whether call calls the callback parameter p, or hands
// it to a function that returns nil only after calling it.
func (pl *Analyzer) callsBack(info *types.Info, call *ast.CallExpr, p *types.Var) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && info.Uses[id] == p {
		return true
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return false
	}
	for i, a := range call.Args {
		if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] == p && pl.nilOnlyViaCall(fn, i) {
			return true
		}
	}
	return false
}

// nilOnlyIfNil reports whether fn returns a nil error only when its
// idx-th parameter, an error, is nil: every return gives back that
// parameter, nil inside `if p == nil`, a provably non-nil error, or the
// result of a function with the same property given p (an error wrapper:
// `if err == nil { return nil }; return fmt.Errorf("...: %w", err)`).
// A recursive call is assumed to have it, as in nilOnlyViaCall.
func (pl *Analyzer) nilOnlyIfNil(fn *types.Func, idx int) bool {
	k, f, v, done := pl.memoDecl(fn, "?", idx)
	if done {
		return v
	}
	sig := f.Obj.Type().(*types.Signature)
	if idx >= sig.Params().Len() || sig.Variadic() && idx == sig.Params().Len()-1 || sig.Results().Len() != 1 || !cqmodel.IsError(sig.Results().At(0).Type()) || !cqmodel.IsError(sig.Params().At(idx).Type()) {
		return false
	}
	p := sig.Params().At(idx)
	if pl.callbackMemo == nil {
		pl.callbackMemo = map[program.Key]bool{}
	}
	pl.callbackMemo[k] = true
	info := f.Pkg.TypesInfo
	ok := true
	WithStack(f.Decl.Body, func(n ast.Node, stack []ast.Node) {
		r, isRet := n.(*ast.ReturnStmt)
		if !isRet || !ok || len(r.Results) != 1 {
			return
		}
		for _, x := range stack {
			if _, lit := x.(*ast.FuncLit); lit {
				return
			}
		}
		e := ast.Unparen(r.Results[0])
		switch {
		case isNil(info, e):
			ok = underIfNil(info, stack, p)
		case isIdentOf(info, e, p):
		case pl.nonNilError(info, e, r, f.Decl.Body):
		default:
			call, isCall := e.(*ast.CallExpr)
			g, _ := typeutil.Callee(info, call).(*types.Func)
			if !isCall || g == nil {
				ok = false
				return
			}
			passes := false
			for j, a := range call.Args {
				if isIdentOf(info, a, p) && pl.nilOnlyIfNil(g, j) {
					passes = true
				}
			}
			ok = passes
		}
	})
	pl.callbackMemo[k] = ok
	return ok
}

func isIdentOf(info *types.Info, e ast.Expr, v types.Object) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// underIfNil reports whether the node at the end of stack is in the body
// of an `if p == nil` (not its else), with p not assigned there.
func underIfNil(info *types.Info, stack []ast.Node, p types.Object) bool {
	for i := len(stack) - 2; i >= 1; i-- {
		ifs, ok := stack[i].(*ast.IfStmt)
		if !ok || stack[i+1] != ast.Node(ifs.Body) {
			continue
		}
		if c, ok := ifs.Cond.(*ast.BinaryExpr); ok && c.Op == token.EQL && isNil(info, c.Y) && isIdentOf(info, c.X, p) && !assignedIn(info, ifs.Body, p) {
			return true
		}
	}
	return false
}
