package signature

import (
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/cqtools/cq/analyzers/cqmodel"
	"github.com/cqtools/cq/analyzers/internal/analysisutil"
	"github.com/cqtools/cq/analyzers/suppress"
)

var Analyzer = &analysis.Analyzer{
	Name:     "signature",
	Doc:      analysisutil.ExtractDoc(doc),
	URL:      "https://github.com/cqtools/cq/blob/main/docs/rules/signature.md",
	Requires: []*analysis.Analyzer{cqmodel.Analyzer, suppress.Analyzer},
	Run:      run,
	Flags:    flags(),
}

//go:embed doc.go
var doc string

var (
	pointerArgs = pointerPolicy("allow")
	rootPackage = true
)

// flags are the Analyzer's flags, made in its declaration (no init
// function, for nogo).
func flags() flag.FlagSet {
	var fs flag.FlagSet
	fs.Var(&pointerArgs, "pointer-args", "how a service method takes its command or query: allow (value or pointer), require (pointer) or forbid (value)")
	fs.BoolVar(&rootPackage, "root-package", rootPackage, "require commands and queries to be declared in the service's root package (turn off for trees with a shared models package)")
	return fs
}

func run(pass *analysis.Pass) (any, error) {
	info := pass.ResultOf[cqmodel.Analyzer].(*cqmodel.Info)
	rep := suppress.NewReporter(pass)
	qual := func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		return p.Name()
	}
	c := &checker{info: info, qual: qual, pointerArgs: pointerArgs, rootPackage: rootPackage}

	for _, f := range pass.Files {
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.GenDecl:
				if decl.Tok != token.TYPE {
					continue
				}
				for _, spec := range decl.Specs {
					ts := spec.(*ast.TypeSpec)
					it, ok := ts.Type.(*ast.InterfaceType)
					if !ok || rep.Skip(ts.Pos()) {
						continue
					}
					tn, _ := pass.TypesInfo.Defs[ts.Name].(*types.TypeName)
					if !info.IsServiceInterface(tn) {
						continue
					}
					for _, m := range it.Methods.List {
						for _, name := range m.Names {
							fn, _ := pass.TypesInfo.Defs[name].(*types.Func)
							if fn == nil {
								continue
							}
							if msg := c.check(fn, pass.Pkg.Path()); msg != "" {
								rep.Reportf(name.Pos(), "%s.%s %s", tn.Name(), fn.Name(), msg)
							}
						}
					}
				}
			case *ast.FuncDecl:
				if decl.Recv == nil || rep.Skip(decl.Pos()) {
					continue
				}
				fn, _ := pass.TypesInfo.Defs[decl.Name].(*types.Func)
				if fn == nil || !info.IsServiceMethod(fn) {
					continue
				}
				if info.ImplementedService(fn) != nil {
					continue // reported at the interface
				}
				if msg := c.check(fn, info.RootPackage(fn, nil)); msg != "" {
					rep.Reportf(decl.Name.Pos(), "%s.%s %s", analysisutil.RecvName(decl.Recv.List[0].Type), fn.Name(), msg)
				}
			}
		}
	}
	return nil, nil
}

type checker struct {
	info        *cqmodel.Info
	qual        types.Qualifier
	pointerArgs pointerPolicy
	rootPackage bool
}

// check returns the message for a service method whose root package is
// root, or "" when it has the conventional shape.
func (c *checker) check(fn *types.Func, root string) string {
	sig := fn.Type().(*types.Signature)
	params, results := sig.Params(), sig.Results()
	var devs []string
	add := func(format string, args ...any) { devs = append(devs, fmt.Sprintf(format, args...)) }

	if params.Len() == 0 || !cqmodel.IsContext(params.At(0).Type()) {
		add("its first parameter is not context.Context (add ctx context.Context in front)")
	}
	// args is the command or query: the second parameter, or the only one
	// of a method that lacks the context.
	var args *types.Var
	switch {
	case params.Len() > 2:
		add("it takes %d parameters, not 2 (move those after ctx into the fields of one command or query struct)", params.Len())
		args = params.At(1)
	case params.Len() == 2:
		args = params.At(1)
	case params.Len() == 1 && !cqmodel.IsContext(params.At(0).Type()):
		args = params.At(0)
	default:
		add("it takes no command or query (add one; a method without input takes an empty %s)", c.suggest(fn.Name()))
	}
	if args != nil {
		arg := args.Type()
		_, isPtr := arg.(*types.Pointer)
		tn := cqmodel.NamedStruct(arg)
		switch {
		case !c.info.KindAt(arg).IsRequest():
			add("its %s (%s) is not a command or query struct (take a %s holding it)", ordinal(params, args), types.TypeString(arg, c.qual), c.suggest(fn.Name()))
		default:
			if c.pointerArgs == "require" && !isPtr {
				add("it takes %s by value (take *%s)", tn.Name(), tn.Name())
			}
			if c.pointerArgs == "forbid" && isPtr {
				add("it takes %s by pointer (take %s by value)", tn.Name(), tn.Name())
			}
			if c.rootPackage && tn.Pkg().Path() != root {
				add("%s is declared in %s, not in the service's root package %s (move it there, or run with -signature.root-package=false for a shared models package)", tn.Name(), tn.Pkg().Path(), root)
			}
		}
	}
	switch {
	case results.Len() > 2:
		add("it returns %d results, not at most 2 (return one value, a struct if need be, and an error)", results.Len())
	case results.Len() == 2:
		first, second := results.At(0).Type(), results.At(1).Type()
		switch {
		case cqmodel.IsError(first):
			add("it returns error first (return (%s, error))", types.TypeString(second, c.qual))
		case !cqmodel.IsError(second) && !cqmodel.IsBool(second):
			add("its second result (%s) is neither error nor bool (return (%s, error))", types.TypeString(second, c.qual), types.TypeString(first, c.qual))
		}
	}
	if len(devs) == 0 {
		return ""
	}
	return "is not shaped func(ctx context.Context, args T) (U, error): " + strings.Join(devs, "; ")
}

func ordinal(params *types.Tuple, v *types.Var) string {
	if params.At(0) == v {
		return "parameter"
	}
	return "second parameter"
}

// suggest names the struct a method without one might take, as the model
// suggests it.
func (c *checker) suggest(method string) string {
	kind, query, command := c.info.Config.SuggestRequest(method)
	switch kind {
	case cqmodel.Query:
		return query
	case cqmodel.Command:
		return command
	}
	return "query or command struct (" + query + " or " + command + ")"
}

// pointerPolicy is the value of -signature.pointer-args.
type pointerPolicy string

func (p *pointerPolicy) String() string { return string(*p) }

func (p *pointerPolicy) Set(s string) error {
	switch s {
	case "allow", "require", "forbid":
		*p = pointerPolicy(s)
		return nil
	}
	return fmt.Errorf("want allow, require or forbid, not %q", s)
}
