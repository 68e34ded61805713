package flow

import (
	"go/ast"
	"go/types"

	"github.com/cqtools/cq/refactor/program"
)

// A query built in one function and passed to another that calls a
// producer with it (the hard case 3 of issue 10): the function in the
// middle forwards the query when its callers read the Result back, and
// then it becomes a member, changing with the producers; when no caller
// can see the Result it set, it is only a caller, and keeps its signature.

// staysCaller reports whether fd, which passes its query parameter param
// on to a member, is a caller of it rather than a forwarder: it takes the
// query by value (its callers never see the copy's Result), or it takes a
// pointer and every one of its callers either builds the query in the
// call or never touches the Result of the variable it passes. A function
// that implements an interface method, is used as a value, or reads the
// Result before its first call (an input from its caller) forwards, and so
// does one nothing in the loaded code calls: no caller says the value is
// not wanted (an exported API's users may read it).
func (pl *Analyzer) staysCaller(t *Target, fd *ast.FuncDecl, fk program.Key, param types.Object) bool {
	if param == nil {
		return false
	}
	if _, isPtr := types.Unalias(param.Type()).(*types.Pointer); !isPtr {
		return true
	}
	ix := pl.Index
	for im, impls := range ix.implOf {
		if im == fk {
			return false
		}
		for _, k := range impls {
			if k == fk {
				return false
			}
		}
	}
	for _, v := range ix.values {
		if v.Callee == fk {
			return false
		}
	}
	first := fd.End()
	for _, c := range ix.Calls {
		if c.OuterFunc() == fd {
			if v := rootIdent(pl.QueryArg(c)); v != nil && c.Pkg.TypesInfo.Uses[v] == param && c.Call.Pos() < first {
				first = c.Call.Pos()
			}
		}
	}
	for _, r := range pl.readsOf(t, fd, param) {
		if r.Node().Pos() < first {
			return false
		}
	}
	callers := 0
	for _, c := range ix.Calls {
		if c.Callee != fk {
			continue
		}
		callers++
		arg := pl.QueryArg(c)
		if arg == nil {
			return false
		}
		if CompositeLit(arg) != nil {
			continue
		}
		v := rootIdent(arg)
		g := c.OuterFunc()
		if v == nil || g == nil {
			return false
		}
		obj := c.Pkg.TypesInfo.Uses[v]
		if declaringFunc(c.Stack, c.Pkg.TypesInfo, obj) != nil || len(pl.readsOf(t, g, obj)) > 0 {
			return false
		}
	}
	return callers > 0
}

func anyWrite(sites []*Site) bool {
	for _, s := range sites {
		if isWrite(s) {
			return true
		}
	}
	return false
}
