package flow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/cqtools/cq/refactor/program"
	"golang.org/x/tools/go/types/typeutil"
)

// With --value-params a converted type's producers take the query by
// value, the seed's form: func (s *Service) Get(ctx context.Context, q
// GetQuery) (Result, error). A type converts by value when nothing could
// tell the difference: no producer, fake, func-field literal or mock
// Run/return-func/MatchedBy function writes a field of the query (or
// through it), takes the address of one, calls a pointer method on it,
// compares it, keeps it (assigns, returns, sends, appends it, or captures
// it in a goroutine or a function literal that is not called in place or
// passed to a call) or passes it to something taking the pointer (or an
// interface) that does not change with it; every mock expectation and
// AssertCalled matches it with mock.Anything, AnythingOfType("*pkg.Q"),
// MatchedBy(func(q *Q) bool), &Q{...} or &v for a v nothing changes after
// registration; no type assertion, type switch or "*pkg.Q" string
// elsewhere names *Q (they would compile and fail at run time); and the
// query holds no lock (go vet's copylocks). Then every *Q in the members'
// signatures, interface methods, func fields, their literals, mock Run
// literals and mockery's _Call types becomes Q, a copy *q becomes q, and
// every caller passes v for &v, Q{...} for &Q{...} and *p for a pointer
// p. Otherwise the type converts keeping its pointer, and the summary
// says why and where.
//
// The pass runs first in each type's emission, so that the conversion's
// edits that move a call or a literal (render) carry its edits with them.

// A valueIndex is what the by-value pass reads beyond the index, found in
// one walk of the owner packages.
type valueIndex struct {
	// Asserts are the type assertions and type-switch cases to *T.
	Asserts map[*Target][]*Site
	// Strings are the string constants "*pkg.T", as mock.AnythingOfType
	// takes them.
	Strings map[*Target][]*Site
	// AssertCalls are the calls of testify's AssertCalled and
	// AssertNotCalled, which match a mock's arguments like On.
	AssertCalls []*Site
}

func buildValueIndex(prog *program.Program, ix *index) *valueIndex {
	vx := &valueIndex{Asserts: map[*Target][]*Site{}, Strings: map[*Target][]*Site{}}
	byString := map[string][]*Target{}
	for _, t := range ix.order {
		s := "*" + t.Pkg.Types.Name() + "." + t.Obj.Name()
		byString[s] = append(byString[s], t)
	}
	for _, p := range prog.Owners {
		info := p.TypesInfo
		for _, f := range p.Syntax {
			if !prog.Owns(p, f) {
				continue
			}
			here := func(stack []ast.Node) *Site {
				return &Site{Pkg: p, File: f, Stack: append([]ast.Node(nil), stack...)}
			}
			WithStack(f, func(n ast.Node, stack []ast.Node) {
				switch n := n.(type) {
				case *ast.TypeAssertExpr:
					if n.Type != nil {
						if t := PointerTarget(prog, ix, info.TypeOf(n.Type)); t != nil {
							vx.Asserts[t] = append(vx.Asserts[t], here(stack))
						}
					}
				case *ast.CaseClause:
					for _, e := range n.List {
						if tv, ok := info.Types[e]; ok && tv.IsType() {
							if t := PointerTarget(prog, ix, tv.Type); t != nil {
								vx.Asserts[t] = append(vx.Asserts[t], here(append(stack, e)))
							}
						}
					}
				case *ast.BasicLit:
					if tv := info.Types[n]; n.Kind == token.STRING && tv.Value != nil && tv.Value.Kind() == constant.String {
						for _, t := range byString[constant.StringVal(tv.Value)] {
							vx.Strings[t] = append(vx.Strings[t], here(stack))
						}
					}
				case *ast.CallExpr:
					if fn, _ := typeutil.Callee(info, n).(*types.Func); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == TestifyMockPath && (fn.Name() == "AssertCalled" || fn.Name() == "AssertNotCalled") {
						if _, ok := n.Fun.(*ast.SelectorExpr); ok {
							vx.AssertCalls = append(vx.AssertCalls, here(stack))
						}
					}
				}
			})
		}
	}
	return vx
}

// PointerTarget is T when t is *T for a target T, or nil.
func PointerTarget(prog *program.Program, ix *index, t types.Type) *Target {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return nil
	}
	if _, named := types.Unalias(p.Elem()).(*types.Named); !named {
		return nil
	}
	return ix.TargetOf(prog, p.Elem())
}
