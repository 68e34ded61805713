package flow

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// An observation is a place where a command or query is seen whole, with
// its Result field, by code that does not name the field: converted to an
// interface (fmt, encoders, reflect, loggers, testify's assertions all
// take `any` and walk every field) or compared with == or !=. The field's
// removal changes what such code sees, so the flow analysis (flow.go)
// decides, per query value, whether Result can still hold anything there.
type observation struct {
	Site                  // its stack ends with expr
	expr    ast.Expr      // the value observed
	targets []*Target     // the targets its type holds by value or pointer
	how     string        // "passed to json.Marshal", "compared with ==", ...
	call    *ast.CallExpr // the call it is an argument of, if any
	fn      *types.Func   // the called function, if known
	to      types.Type    // the interface it becomes (nil for a comparison)
}

// holds returns the targets t holds: t itself, or through pointers,
// slices, arrays, maps, channels and the fields of structs.
func (ix *index) holds(prog *program.Program, t types.Type) []*Target {
	if ix.holdsCache == nil {
		ix.holdsCache = &typeutil.Map{}
	}
	if v := ix.holdsCache.At(t); v != nil {
		return v.([]*Target)
	}
	ix.holdsCache.Set(t, []*Target(nil)) // cycles hold nothing more
	var out []*Target
	add := func(ts []*Target) {
		for _, x := range ts {
			dup := false
			for _, y := range out {
				dup = dup || x == y
			}
			if !dup {
				out = append(out, x)
			}
		}
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if tg := ix.targets[prog.Key(n.Obj())]; tg != nil {
			add([]*Target{tg})
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		add(ix.holds(prog, u.Elem()))
	case *types.Slice:
		add(ix.holds(prog, u.Elem()))
	case *types.Array:
		add(ix.holds(prog, u.Elem()))
	case *types.Map:
		add(ix.holds(prog, u.Key()))
		add(ix.holds(prog, u.Elem()))
	case *types.Chan:
		add(ix.holds(prog, u.Elem()))
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			add(ix.holds(prog, u.Field(i).Type()))
		}
	}
	ix.holdsCache.Set(t, out)
	return out
}

// observe records, at the node on top of stack, the observations it makes:
// values holding a target converted to an interface, and comparisons.
func (ix *index) observe(prog *program.Program, p *packages.Package, n ast.Node, stack []ast.Node, here func() Site) {
	info := p.TypesInfo
	record := func(e ast.Expr, to types.Type, how string, call *ast.CallExpr, fn *types.Func) {
		tv, ok := info.Types[e]
		if !ok || tv.Type == nil || tv.IsNil() {
			return
		}
		ts := ix.holds(prog, tv.Type)
		if len(ts) == 0 {
			return
		}
		o := &observation{Site: here(), expr: e, targets: ts, how: how, call: call, fn: fn, to: to}
		o.Stack = append(o.Stack, e)
		ix.observations = append(ix.observations, o)
		if ix.observed == nil {
			ix.observed = map[ast.Expr]bool{}
		}
		ix.observed[e] = true
	}
	// Only an interface without methods (any, interface{}, a type
	// parameter constrained by any) takes a value to be looked at whole:
	// one with methods is for calling them.
	toIface := func(e ast.Expr, to types.Type, how string, call *ast.CallExpr, fn *types.Func) {
		if it, ok := underlyingInterface(to); ok && it.NumMethods() == 0 {
			if tv, ok := info.Types[e]; ok && tv.Type != nil && !types.IsInterface(tv.Type) {
				record(e, to, how, call, fn)
			}
		}
	}
	switch n := n.(type) {
	case *ast.CallExpr:
		if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
			if len(n.Args) == 1 {
				toIface(n.Args[0], tv.Type, "converted to "+types.TypeString(tv.Type, types.RelativeTo(p.Types)), n, nil)
			}
			return
		}
		if tv, ok := info.Types[n.Fun]; ok && tv.IsBuiltin() {
			return
		}
		sig, ok := info.TypeOf(n.Fun).Underlying().(*types.Signature)
		if !ok {
			return
		}
		fn, _ := typeutil.Callee(info, n).(*types.Func)
		how := "passed to " + calleeName(info, n)
		for i, a := range n.Args {
			var pt types.Type
			switch {
			case sig.Variadic() && i >= sig.Params().Len()-1:
				last := sig.Params().At(sig.Params().Len() - 1).Type()
				if n.Ellipsis.IsValid() {
					pt = last
				} else if s, ok := last.Underlying().(*types.Slice); ok {
					pt = s.Elem()
				}
			case i < sig.Params().Len():
				pt = sig.Params().At(i).Type()
			}
			toIface(a, pt, how, n, fn)
		}
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
			return
		}
		for i, l := range n.Lhs {
			toIface(n.Rhs[i], info.TypeOf(l), "assigned to a variable of type "+typeString(p, info.TypeOf(l)), nil, nil)
		}
	case *ast.ValueSpec:
		if n.Type == nil || len(n.Values) != len(n.Names) {
			return
		}
		for _, v := range n.Values {
			toIface(v, info.TypeOf(n.Type), "assigned to a variable of type "+typeString(p, info.TypeOf(n.Type)), nil, nil)
		}
	case *ast.ReturnStmt:
		var sig *types.Signature
		for i := len(stack) - 2; i >= 0 && sig == nil; i-- {
			switch f := stack[i].(type) {
			case *ast.FuncLit:
				sig, _ = info.TypeOf(f).(*types.Signature)
			case *ast.FuncDecl:
				if obj, ok := info.Defs[f.Name].(*types.Func); ok {
					sig = obj.Type().(*types.Signature)
				}
			}
		}
		if sig == nil || sig.Results().Len() != len(n.Results) {
			return
		}
		for i, r := range n.Results {
			toIface(r, sig.Results().At(i).Type(), "returned as "+typeString(p, sig.Results().At(i).Type()), nil, nil)
		}
	case *ast.CompositeLit:
		t := info.TypeOf(n)
		if t == nil {
			return
		}
		for i, e := range n.Elts {
			var et types.Type
			val := e
			switch u := t.Underlying().(type) {
			case *types.Struct:
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					val = kv.Value
					if id, ok := kv.Key.(*ast.Ident); ok {
						if f, ok := info.Uses[id].(*types.Var); ok {
							et = f.Type()
						}
					}
				} else if i < u.NumFields() {
					et = u.Field(i).Type()
				}
			case *types.Slice, *types.Array, *types.Map:
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					val = kv.Value
					if m, ok := u.(*types.Map); ok {
						toIface(kv.Key, m.Key(), "stored in a "+typeString(p, t), nil, nil)
					}
				}
				switch u := u.(type) {
				case *types.Slice:
					et = u.Elem()
				case *types.Array:
					et = u.Elem()
				case *types.Map:
					et = u.Elem()
				}
			}
			toIface(val, et, "stored in a "+typeString(p, t), nil, nil)
		}
	case *ast.SendStmt:
		if ch, ok := info.TypeOf(n.Chan).Underlying().(*types.Chan); ok {
			toIface(n.Value, ch.Elem(), "sent on a channel of "+typeString(p, ch.Elem()), nil, nil)
		}
	case *ast.BinaryExpr:
		if n.Op != token.EQL && n.Op != token.NEQ {
			return
		}
		for _, side := range []ast.Expr{n.X, n.Y} {
			// Only structs and arrays compare by value; pointers,
			// slices, maps, funcs and channels by reference (or nil).
			if t := info.TypeOf(side); t != nil {
				switch t.Underlying().(type) {
				case *types.Struct, *types.Array:
					record(side, nil, "compared with "+n.Op.String(), nil, nil)
				}
			}
		}
	}
}

func underlyingInterface(t types.Type) (*types.Interface, bool) {
	if t == nil {
		return nil, false
	}
	it, ok := t.Underlying().(*types.Interface)
	return it, ok
}

func typeString(p *packages.Package, t types.Type) string {
	if t == nil {
		return "?"
	}
	return types.TypeString(t, types.RelativeTo(p.Types))
}

// calleeName names the function a call calls, as written (json.Marshal,
// s.log.Debug), for messages.
func calleeName(info *types.Info, call *ast.CallExpr) string {
	if fn, ok := typeutil.Callee(info, call).(*types.Func); ok {
		if fn.Pkg() != nil && fn.Type().(*types.Signature).Recv() == nil {
			return fn.Pkg().Name() + "." + fn.Name()
		}
		return FuncLabel(fn)
	}
	return "a function value"
}
