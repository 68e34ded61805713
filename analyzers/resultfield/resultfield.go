package resultfield

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/internal/analysisutil"
	"github.com/cqtools/cq/analyzers/suppress"
)

var Analyzer = &analysis.Analyzer{
	Name:     "resultfield",
	Doc:      analysisutil.ExtractDoc(doc),
	URL:      "https://github.com/cqtools/cq/blob/main/docs/rules/resultfield.md",
	Requires: []*analysis.Analyzer{cqmodel.Analyzer, suppress.Analyzer},
	Run:      run,
}

//go:embed doc.go
var doc string

func run(pass *analysis.Pass) (any, error) {
	info := pass.ResultOf[cqmodel.Analyzer].(*cqmodel.Info)
	rep := suppress.NewReporter(pass)
	// Other packages by name, as their code refers to them.
	qual := func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		return p.Name()
	}

	for _, m := range info.Messages {
		if m.Result == nil || !m.Kind.IsRequest() {
			continue
		}
		u := types.TypeString(m.Result.Type(), qual)
		rep.Reportf(m.Result.Pos(), "%s.Result (%s) is filled in by the %s's handler: delete the field and have %s return (%s, error); `%s` converts every producer and caller in the module",
			m.Obj.Name(), u, m.Kind, m.MethodName(info.Config), u, refactorCommand(info.Config, m.Obj.Name()))
	}

	w := &writers{pass: pass, info: info, received: map[*types.Var]ast.Node{}, first: map[key]token.Pos{}}
	// Only files that select a Result field of a command or query can
	// write one: walk those alone. (Building an inspector for every file
	// would cost more than the rest of cqlint together.)
	files := map[*token.File]bool{}
	for sel, s := range pass.TypesInfo.Selections {
		if sel.Sel.Name == "Result" && s.Kind() == types.FieldVal && w.hasResult(s.Recv()) {
			files[pass.Fset.File(sel.Pos())] = true
		}
	}
	for _, f := range pass.Files {
		if files[pass.Fset.File(f.Pos())] {
			w.walk(f, rep)
		}
	}

	for _, k := range w.order {
		param := k.param
		t := cqmodel.NamedStruct(param.Type())
		u := types.TypeString(cqmodel.ResultField(param.Type()).Type(), qual)
		pos, name := funcPos(k.fn)
		line := pass.Fset.Position(w.first[k]).Line
		rep.Reportf(pos, "%s writes %s.Result (line %d) on the %s it receives: return the value instead, %s(ctx, %s) (%s, error); `%s` converts every producer and caller in the module",
			name, param.Name(), line, typeName(t, qual), methodName(k.fn), param.Name(), u, refactorCommand(info.Config, t.Name()))
	}
	return nil, nil
}

// refactorCommand is the cqgen command that converts the type named
// name, run with the policy of this run, so that it sees the same types.
func refactorCommand(cfg *cqmodel.Config, name string) string {
	return strings.Join(slices.Concat([]string{"cqgen", "refactor"}, cfg.Args(), []string{"--types=" + name}), " ")
}

// key is one function's writes to one received command or query.
type key struct {
	fn    ast.Node // *ast.FuncDecl or *ast.FuncLit
	param *types.Var
}

// writers finds the functions that write the Result field of a command or
// query they received.
type writers struct {
	pass     *analysis.Pass
	info     *cqmodel.Info
	received map[*types.Var]ast.Node // variable -> function that received it
	first    map[key]token.Pos
	order    []key
}

// walk records the writes in f, keeping the stack of enclosing nodes.
func (w *writers) walk(f *ast.File, rep *suppress.Reporter) {
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			if rep.Skip(n.Pos()) {
				return false // a generated file, or a suppressed declaration
			}
			w.params(n, n.Type)
		case *ast.FuncLit:
			w.params(n, n.Type)
		case *ast.AssignStmt:
			w.asserted(n.Lhs, n.Rhs, stack)
			for _, lhs := range n.Lhs {
				w.write(lhs, n)
			}
		case *ast.ValueSpec:
			names := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				names[i] = id
			}
			w.asserted(names, n.Values, stack)
		case *ast.IncDecStmt:
			w.write(n.X, n)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				w.write(n.Key, n)
				w.write(n.Value, n)
			}
		case *ast.CallExpr:
			for _, arg := range n.Args {
				// &q.Result lets the callee write it; &q.Result.X is
				// as likely a read, and is left alone.
				if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND && isResultSelector(u.X) {
					w.write(u.X, u)
				}
			}
		}
		stack = append(stack, n)
		return true
	})
}

// params records fn's parameters that are commands or queries with a
// Result field.
func (w *writers) params(fn ast.Node, ft *ast.FuncType) {
	if ft.Params == nil {
		return
	}
	for _, field := range ft.Params.List {
		for _, id := range field.Names {
			// A query received by value is the function's own copy: its
			// writes to Result reach no caller (a macaron handler binding
			// a command, dispatching it and then touching cmd.Result).
			v, ok := w.pass.TypesInfo.Defs[id].(*types.Var)
			if _, isPtr := v.Type().(*types.Pointer); ok && isPtr && w.hasResult(v.Type()) {
				w.received[v] = fn
			}
		}
	}
}

// asserted records variables defined from a type assertion to a command or
// query (q := args.Get(1).(*Q)): the value came in through an interface.
func (w *writers) asserted(lhs, rhs []ast.Expr, stack []ast.Node) {
	if len(lhs) != len(rhs) {
		if len(rhs) != 1 {
			return
		}
	}
	for i, r := range rhs {
		ta, ok := ast.Unparen(r).(*ast.TypeAssertExpr)
		if !ok || ta.Type == nil || i >= len(lhs) {
			continue
		}
		id, ok := lhs[i].(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := w.pass.TypesInfo.Defs[id].(*types.Var)
		if !ok || !w.hasResult(v.Type()) {
			continue
		}
		if fn := enclosingFunc(stack); fn != nil {
			w.received[v] = fn
		}
	}
}

// write records lhs if it is, or is inside, the Result field of a received
// command or query: q.Result, q.Result.X, q.Result[i], (*q).Result.
func (w *writers) write(lhs ast.Expr, at ast.Node) {
	if lhs == nil {
		return
	}
	e := ast.Unparen(lhs)
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			if x.Sel.Name == "Result" {
				if v := w.receivedVar(x.X); v != nil {
					if sel := w.pass.TypesInfo.Selections[x]; sel != nil && sel.Kind() == types.FieldVal && len(sel.Index()) == 1 {
						w.record(key{w.received[v], v}, at.Pos())
						return
					}
				}
			}
			e = ast.Unparen(x.X)
		case *ast.IndexExpr:
			e = ast.Unparen(x.X)
		case *ast.StarExpr:
			e = ast.Unparen(x.X)
		default:
			return
		}
	}
}

func isResultSelector(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Result"
}

func (w *writers) receivedVar(e ast.Expr) *types.Var {
	e = ast.Unparen(e)
	if s, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(s.X)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := w.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || w.received[v] == nil {
		return nil
	}
	return v
}

func (w *writers) record(k key, pos token.Pos) {
	if _, ok := w.first[k]; ok {
		return
	}
	w.first[k] = pos
	w.order = append(w.order, k)
}

// hasResult reports whether t is a command or query (or a pointer to one)
// with a Result field.
func (w *writers) hasResult(t types.Type) bool {
	return cqmodel.ResultField(t) != nil && w.info.KindOf(t).IsRequest()
}

func enclosingFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return stack[i]
		}
	}
	return nil
}

// funcPos is where a function is reported, and how it is named.
func funcPos(fn ast.Node) (token.Pos, string) {
	if d, ok := fn.(*ast.FuncDecl); ok {
		if d.Recv != nil && len(d.Recv.List) == 1 {
			return d.Name.Pos(), analysisutil.RecvName(d.Recv.List[0].Type) + "." + d.Name.Name
		}
		return d.Name.Pos(), d.Name.Name
	}
	return fn.Pos(), "this function literal"
}

// methodName is the name the fixed signature is shown under.
func methodName(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "func"
}

func typeName(tn *types.TypeName, qual types.Qualifier) string {
	if p := qual(tn.Pkg()); p != "" {
		return p + "." + tn.Name()
	}
	return tn.Name()
}
