package events

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/internal/analysisutil"
	"github.com/cqtools/cq/analyzers/suppress"
)

var Analyzer = &analysis.Analyzer{
	Name:     "events",
	Doc:      analysisutil.ExtractDoc(doc),
	URL:      "https://github.com/cqtools/cq/blob/main/docs/rules/events.md",
	Requires: []*analysis.Analyzer{cqmodel.Analyzer, suppress.Analyzer},
	Run:      run,
}

//go:embed doc.go
var doc string

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[cqmodel.Analyzer].(*cqmodel.Info)
	rep := suppress.NewReporter(pass)
	// cqmodel found the bus calls while classifying: walking every file
	// again (or building an inspector) would cost more than the rule.
	for _, call := range in.PublishCalls {
		checkPublished(pass, in, rep, cqmodel.CalleeName(call), call.Args[len(call.Args)-1])
	}
	for _, call := range in.ListenerCalls {
		checkListener(pass, in, rep, cqmodel.CalleeName(call), call.Args[len(call.Args)-1])
	}
	return nil, nil
}

// checkPublished reports a command or query given to a publish method.
func checkPublished(pass *analysis.Pass, in *cqmodel.Info, rep *suppress.Reporter, method string, arg ast.Expr) {
	t := pass.TypesInfo.TypeOf(arg)
	if kind := requestKind(in, t); kind != cqmodel.NotMessage {
		rep.Reportf(arg.Pos(), "%s is a %s, not an event: only events (named in the past tense, like UserCreated) are given to %s; call the method of the service that handles %s instead",
			typeString(pass, t), kind, method, typeString(pass, t))
	}
}

// requestKind is Command or Query when t is one where it is given to a
// bus, as at a service-method parameter (cqmodel's KindAt: a struct of the
// module named like one counts), else NotMessage.
func requestKind(in *cqmodel.Info, t types.Type) cqmodel.Kind {
	if k := in.KindAt(t); k.IsRequest() {
		return k
	}
	return cqmodel.NotMessage
}

// checkListener reports a handler given to a listener method that is not
// func(ctx context.Context, e *E) error with E an event.
func checkListener(pass *analysis.Pass, in *cqmodel.Info, rep *suppress.Reporter, method string, arg ast.Expr) {
	t := pass.TypesInfo.TypeOf(arg)
	if t == nil {
		return
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return // an interface{} handler: nothing to check statically
	}
	params, results := sig.Params(), sig.Results()
	var event types.Type // the parameter that should be *E
	if params.Len() > 0 {
		event = params.At(params.Len() - 1).Type()
	}
	var problems []string
	switch {
	case params.Len() == 0:
		problems = append(problems, "it takes no event")
	case params.Len() == 1 && cqmodel.IsContext(event):
		problems, event = append(problems, "it takes no event"), nil
	case params.Len() == 1:
		problems = append(problems, "it takes no context.Context")
	case params.Len() > 2 || !cqmodel.IsContext(params.At(0).Type()):
		problems = append(problems, "its parameters are not (ctx context.Context, e *E)")
	}
	if event != nil && !cqmodel.IsContext(event) {
		if _, isPtr := event.(*types.Pointer); !isPtr && cqmodel.NamedStruct(event) != nil {
			problems = append(problems, "it takes the event by value")
		}
		if k := requestKind(in, event); k != cqmodel.NotMessage {
			problems = append(problems, "it handles a "+k.String()+", not an event")
		}
	}
	if results.Len() != 1 || !cqmodel.IsError(results.At(0).Type()) {
		problems = append(problems, "it does not return just an error")
	}
	if len(problems) == 0 {
		return
	}
	e := "*E"
	if obj := cqmodel.NamedStruct(event); obj != nil {
		e = "*" + types.TypeString(obj.Type(), qualifier(pass))
	}
	rep.Reportf(arg.Pos(), "event handler %s given to %s is %s: want func(ctx context.Context, e %s) error (%s)",
		handlerName(arg), method, typeString(pass, sig), e, strings.Join(problems, "; "))
}

// typeString writes t as its package's code would: models.User, or
// User in its own package.
func typeString(pass *analysis.Pass, t types.Type) string {
	return types.TypeString(t, qualifier(pass))
}

func qualifier(pass *analysis.Pass) types.Qualifier {
	return func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		return p.Name()
	}
}

func handlerName(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.FuncLit:
		return "func literal"
	}
	return fmt.Sprintf("%T", e)
}
