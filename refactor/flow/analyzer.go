package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/refactor/program"
)

// A Refusal says why a type is left as it is, and where.
type Refusal struct {
	Type   string // the type's Short name
	Reason string
	Pos    string // file:line:col of what blocks the conversion
}

func (r *Refusal) String() string { return fmt.Sprintf("%s: %s: %s", r.Pos, r.Type, r.Reason) }

// Options are what the analysis looks for beyond the defaults.
type Options struct {
	// ValueParams: producers take the query by value where that is safe
	// (--value-params).
	ValueParams bool
}

// NewAnalyzer indexes the program for the analysis of targets.
func NewAnalyzer(prog *program.Program, targets []*Target, opts Options) *Analyzer {
	pl := &Analyzer{Prog: prog, Index: BuildIndex(prog, targets), Opts: opts}
	if opts.ValueParams {
		pl.Values = buildValueIndex(prog, pl.Index)
	}
	return pl
}

// Analyzer is what analysis and emission read: the program and its index,
// neither changed after BuildIndex.
type Analyzer struct {
	Prog   *program.Program
	Index  *index
	Opts   Options
	Values *valueIndex // with opts.ValueParams
	// callbackMemo caches nilOnlyViaCall, sentinelMemo isSentinel: both
	// functions of the program only.
	callbackMemo, sentinelMemo map[program.Key]bool
	// mockBodies are the bodies of every testify mock method (flow.go).
	mockBodies regions
}

func (ix *index) TargetOfMethod(prog *program.Program, fn *types.Func) *Target {
	sig := fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len(); i++ {
		if t := ix.TargetOf(prog, sig.Params().At(i).Type()); t != nil {
			return t
		}
	}
	return nil
}

// QueryArg is the argument of a call that is the command or query.
func (pl *Analyzer) QueryArg(c *CallSite) ast.Expr {
	sig := c.Fn.Type().(*types.Signature)
	for i := 0; i < sig.Params().Len() && i < len(c.Call.Args); i++ {
		if pl.Index.TargetOf(pl.Prog, sig.Params().At(i).Type()) != nil {
			return c.Call.Args[i]
		}
	}
	return nil
}

// rootIdent is v for v, &v, *v and (v).
func rootIdent(e ast.Expr) *ast.Ident {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			e = ast.Unparen(x.X)
		}
	case *ast.StarExpr:
		e = ast.Unparen(x.X)
	}
	id, _ := e.(*ast.Ident)
	return id
}

// isWrite reports whether the Result selector at s is assigned,
// incremented or has its address taken, directly or through a field or
// an index of it (q.Result.Count++, q.Result[k] = v).
func isWrite(s *Site) bool { return writes(s, false) }

// writes is isWrite, or with byValue, writesField: a selector or index
// through a pointer, map or slice ends the climb as a read.
func writes(s *Site, byValue bool) bool {
	info := s.Pkg.TypesInfo
	through := func(x ast.Expr) bool {
		if !byValue {
			return false
		}
		switch info.TypeOf(x).Underlying().(type) {
		case *types.Pointer, *types.Map, *types.Slice:
			return true
		}
		return false
	}
	var x ast.Node = s.Node()
	for up := 1; ; up++ {
		switch p := s.Parent(up).(type) {
		case *ast.SelectorExpr:
			if p.X == x {
				if through(p.X) {
					return false
				}
				x = p
				continue
			}
		case *ast.IndexExpr:
			if p.X == x {
				if through(p.X) {
					return false
				}
				x = p
				continue
			}
		case *ast.ParenExpr:
			x = p
			continue
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == x {
					return true
				}
			}
		case *ast.IncDecStmt:
			return true
		case *ast.UnaryExpr:
			return p.Op == token.AND
		}
		return false
	}
}

func DerefT(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// ResultType is the type of t's Result field.
func ResultType(t *Target) types.Type { return cqmodel.ResultField(t.Obj.Type()).Type() }
