package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/types/typeutil"
)

// A caller that writes Result before a call and reads it back after sees
// its own value whenever the producer returns without writing it. The
// conversion keeps that meaning when the reads run only after the call
// succeeded (an `if err != nil { ... return }` guard) and every producer
// that may not write fails whenever it does not: it returns only sentinel
// errors, never nil, and never touches the field (an OSS stub returning
// ErrNotImplemented).

// readBackSafe reports whether every read of reads after a call of calls
// is guarded by the call's error, and every member not always writing
// Result only ever fails.
func (pl *Analyzer) readBackSafe(a *Analysis, always map[program.Key]bool, reads []*Site, calls []*CallSite) bool {
	for _, k := range a.Keys {
		if m := a.Members[k]; !always[k] && !m.Iface && !a.writes.onlyFailsUnwritten(k) {
			return false
		}
	}
	for _, r := range reads {
		if isWrite(r) {
			continue
		}
		for _, c := range calls {
			if c.Call.End() <= r.Node().Pos() && !pl.guardedBy(c, r) {
				return false
			}
		}
	}
	return true
}

// isSentinel reports whether v is a package-level variable declared as
// `var v = errors.New(...)` (or fmt.Errorf) and never assigned or
// addressed in the loaded packages.
func (pl *Analyzer) isSentinel(v *types.Var) bool {
	if v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return false
	}
	// By key, not by object: a package and its test variant are loaded
	// as different objects of the same declaration.
	k := pl.Prog.Key(v)
	if ok, done := pl.sentinelMemo[k]; done {
		return ok
	}
	if pl.sentinelMemo == nil {
		pl.sentinelMemo = map[program.Key]bool{}
	}
	ok := pl.isSentinel1(v, k)
	pl.sentinelMemo[k] = ok
	return ok
}

func (pl *Analyzer) isSentinel1(v *types.Var, k program.Key) bool {
	var init ast.Expr
	var owner *types.Info
	for _, p := range pl.Prog.Owners {
		if p.Types.Path() != v.Pkg().Path() {
			continue
		}
		for _, f := range p.Syntax {
			ast.Inspect(f, func(n ast.Node) bool {
				vs, ok := n.(*ast.ValueSpec)
				if !ok {
					return init == nil
				}
				for i, name := range vs.Names {
					if d := p.TypesInfo.Defs[name]; d != nil && pl.Prog.Key(d) == k && len(vs.Values) == len(vs.Names) {
						init, owner = vs.Values[i], p.TypesInfo
					}
				}
				return false
			})
		}
	}
	call, ok := init.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, _ := typeutil.Callee(owner, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || !(fn.Pkg().Path() == "errors" && fn.Name() == "New" || fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf") {
		return false
	}
	for _, p := range pl.Prog.Owners {
		for _, f := range p.Syntax {
			assigned := false
			WithStack(f, func(n ast.Node, stack []ast.Node) {
				id, ok := n.(*ast.Ident)
				if !ok || assigned {
					return
				}
				if u := p.TypesInfo.Uses[id]; u == nil || u.Name() != v.Name() || pl.Prog.Key(u) != k {
					return
				}
				switch parent := stack[len(stack)-2].(type) {
				case *ast.AssignStmt:
					for _, l := range parent.Lhs {
						assigned = assigned || l == ast.Expr(id)
					}
				case *ast.UnaryExpr:
					assigned = parent.Op == token.AND
				}
			})
			if assigned {
				return false
			}
		}
	}
	return true
}

// guardedBy reports whether the read r runs only after c returned a nil
// error: c's error is checked by `if err := c; err != nil { ... }` (or the
// statement after `err := c` / `err = c` is such an if), whose body ends by
// leaving the block (return, continue, break, goto or panic) and has no
// else; or c's error goes to a function that never returns when it is not
// nil (require.NoError(t, err), must(t, c) where must calls t.Fatal on it:
// stopsOnError). r must follow that check in the same block.
func (pl *Analyzer) guardedBy(c *CallSite, r *Site) bool {
	k, _ := ListStmt(c.Stack)
	if k < 1 {
		return false
	}
	info := c.Pkg.TypesInfo
	list := StmtList(c.Stack[k-1])
	st := c.Stack[k]
	next := func() ast.Stmt {
		for i, x := range list {
			if x == st && i+1 < len(list) {
				return list[i+1]
			}
		}
		return nil
	}
	var check ast.Stmt // the statement that stops when c fails
	switch s := st.(type) {
	case *ast.IfStmt:
		if as, ok := s.Init.(*ast.AssignStmt); ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == ast.Expr(c.Call) && ifLeavesOnError(info, s, as.Lhs[0]) {
			check = s
		}
	case *ast.AssignStmt:
		if len(s.Lhs) == 1 && len(s.Rhs) == 1 && ast.Unparen(s.Rhs[0]) == ast.Expr(c.Call) {
			switch n := next().(type) {
			case *ast.IfStmt:
				if n.Init == nil && ifLeavesOnError(info, n, s.Lhs[0]) {
					check = n
				}
			case *ast.ExprStmt:
				if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && pl.stopsOnError(info, call, s.Lhs[0]) {
					check = n
				}
			}
		}
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && pl.stopsOnError(info, call, c.Call) {
			check = s
		}
	}
	if check == nil {
		return false
	}
	// r after the check, in the same list (or nested in a later
	// statement); in a function literal only if the literal itself comes
	// after the check, so it cannot run before the check passed.
	if r.Node().Pos() < check.End() || !Contains(c.Stack[k-1], r.Node()) {
		return false
	}
	for _, n := range r.Stack {
		if fl, ok := n.(*ast.FuncLit); ok && Contains(c.Stack[k-1], fl) && fl.Pos() < check.End() {
			return false
		}
	}
	return true
}

// ifLeavesOnError reports whether ifs is `if err != nil { ...; leave }`
// without else, err being errVar.
func ifLeavesOnError(info *types.Info, ifs *ast.IfStmt, errVar ast.Expr) bool {
	if ifs.Else != nil || len(ifs.Body.List) == 0 || !leavesList(info, ifs.Body.List[len(ifs.Body.List)-1]) {
		return false
	}
	cond, ok := ifs.Cond.(*ast.BinaryExpr)
	return ok && cond.Op == token.NEQ && sameIdent(cond.X, errVar) && isNil(info, cond.Y)
}

// stopsOnError reports whether call never returns when its argument arg
// (an error, or the call producing it) is not nil: testify's
// require.NoError(t, err) or require.Nil(t, err), or a function of the
// loaded program that first checks that parameter with `if p != nil {
// ... }` ending in a call that never returns (t.Fatal, t.FailNow,
// panic, os.Exit, log.Fatal, require.NoError).
func (pl *Analyzer) stopsOnError(info *types.Info, call *ast.CallExpr, arg ast.Expr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	idx := -1
	for i, a := range call.Args {
		if ast.Unparen(a) == ast.Unparen(arg) || sameIdent(a, arg) {
			idx = i
		}
	}
	if idx < 0 {
		return false
	}
	if fn.Pkg().Path() == "github.com/stretchr/testify/require" && (fn.Name() == "NoError" || fn.Name() == "Nil") {
		sig := fn.Type().(*types.Signature)
		return sig.Recv() == nil && idx == 1 || sig.Recv() != nil && idx == 0
	}
	f := pl.Index.funcs[pl.Prog.Key(fn)]
	if f == nil {
		return false
	}
	// The declaration's own objects: the caller may see another variant
	// of its package (with tests, or without).
	sig := f.Obj.Type().(*types.Signature)
	if sig.Variadic() || idx >= sig.Params().Len() {
		return false
	}
	p := sig.Params().At(idx)
	for _, st := range f.Decl.Body.List {
		ifs, ok := st.(*ast.IfStmt)
		if !ok {
			if hasReturn(st) {
				return false
			}
			continue
		}
		cond, ok := ifs.Cond.(*ast.BinaryExpr)
		if ok && ifs.Init == nil && cond.Op == token.NEQ && isNil(f.Pkg.TypesInfo, cond.Y) {
			if id, ok := ast.Unparen(cond.X).(*ast.Ident); ok && f.Pkg.TypesInfo.Uses[id] == p && len(ifs.Body.List) > 0 {
				return neverReturns(f.Pkg.TypesInfo, ifs.Body.List[len(ifs.Body.List)-1])
			}
		}
		if hasReturn(st) {
			return false
		}
	}
	return false
}

// hasReturn reports whether n holds a return statement of its own (not
// of a function literal).
func hasReturn(n ast.Node) bool {
	return FindOwn(n, func(x ast.Node) bool { _, ok := x.(*ast.ReturnStmt); return ok })
}

// neverReturns reports whether st is a call that does not return: panic,
// os.Exit, log.Fatal*, runtime.Goexit, a test's Fatal, Fatalf, FailNow,
// Skip, Skipf or SkipNow, or require.NoError/Fail/FailNow on an error
// known to be non-nil.
func neverReturns(info *types.Info, st ast.Stmt) bool {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	if isPanic(info, call) {
		return true
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "runtime.Goexit",
		"testing.Fatal", "testing.Fatalf", "testing.FailNow", "testing.Skip", "testing.Skipf", "testing.SkipNow",
		"github.com/stretchr/testify/require.NoError", "github.com/stretchr/testify/require.Fail", "github.com/stretchr/testify/require.FailNow":
		return true
	}
	return false
}

// leavesList reports whether s never lets its statement list go on.
func leavesList(info *types.Info, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		return ok && isPanic(info, call)
	}
	return false
}

func sameIdent(a, b ast.Expr) bool {
	x, ok1 := ast.Unparen(a).(*ast.Ident)
	y, ok2 := ast.Unparen(b).(*ast.Ident)
	return ok1 && ok2 && x.Name == y.Name
}
