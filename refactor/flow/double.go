package flow

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// A family is one generator's test doubles (mock.go: testify, from
// mockery or by hand; gomock.go: mockgen; counterfeiter.go). Its
// doubles' methods are members of a conversion that set no Result:
// they return what a test set up elsewhere, so the family reads each of
// them whole and every expectation, setter call and stub that sets them
// up, refusing what it cannot read statically; the emitter rewrites both
// as that generator writes them for (U, error). Each family recognises
// its methods by what they do, not by a file header. Hand-written fakes
// and func-field fakes (moq) are producers, not a family (funcfield.go).
type family interface {
	// owns reports whether fi, a method of the struct named, is one of the
	// family's doubles.
	owns(named *types.Named, fi *FuncInfo) bool
	// read reads m, a member the family owns, as a whole, or refuses the
	// type.
	read(pl *Analyzer, a *Analysis, m *Member, named *types.Named)
	// setUps finds every expectation, setter call and stub of the members
	// read, in any package, or refuses the type.
	setUps(pl *Analyzer, a *Analysis)
}

// families are the families, in the order their doubles are tried.
var families = []family{testifyFamily{}, gomockFamily{}, counterfeiterFamily{}}

type testifyFamily struct{}

func (testifyFamily) owns(named *types.Named, fi *FuncInfo) bool {
	return embedsTestifyMock(named) && callsCalled(fi)
}
func (testifyFamily) read(pl *Analyzer, a *Analysis, m *Member, _ *types.Named) {
	pl.checkMockMethod(a, m)
}
func (testifyFamily) setUps(pl *Analyzer, a *Analysis) { pl.analyzeMocks(a) }

type gomockFamily struct{}

func (gomockFamily) owns(named *types.Named, fi *FuncInfo) bool {
	return hasGomockController(named) && callsController(fi)
}
func (gomockFamily) read(pl *Analyzer, a *Analysis, m *Member, _ *types.Named) {
	pl.checkGomockMethod(a, m)
}
func (gomockFamily) setUps(pl *Analyzer, a *Analysis) { pl.analyzeGomock(a) }

type counterfeiterFamily struct{}

// owns: a stub of the method's own type and stored results; or a stub
// alone in a file counterfeiter wrote (then read refuses it).
func (counterfeiterFamily) owns(named *types.Named, fi *FuncInfo) bool {
	fm := fakeFields(named, fi)
	return fm != nil && (fm.Returns != nil || counterfeiterFake(fi.File))
}
func (counterfeiterFamily) read(pl *Analyzer, a *Analysis, m *Member, named *types.Named) {
	pl.checkFake(a, m, named)
}
func (counterfeiterFamily) setUps(pl *Analyzer, a *Analysis) { pl.fakeExpectations(a) }

// plainDouble reports whether m, a double's method, returns an error and
// sets no Result, as every family's generated methods do; else it tells
// fail why not.
func plainDouble(m *Member, fail func(token.Pos, string)) bool {
	switch {
	case !m.HasErr():
		fail(m.Decl.Decl.Pos(), "it returns nothing")
	case len(m.Sites) > 0:
		fail(m.Sites[0].Node().Pos(), "it sets Result too")
	default:
		return true
	}
	return false
}

// familyOf is the family that owns fi, a method, or nil.
func familyOf(fi *FuncInfo) (family, *types.Named) {
	recv := fi.Obj.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil, nil
	}
	named, ok := types.Unalias(DerefT(recv.Type())).(*types.Named)
	if !ok {
		return nil, nil
	}
	for _, f := range families {
		if f.owns(named, fi) {
			return f, named
		}
	}
	return nil, nil
}

// A doubleParam is a parameter of a double's method.
type doubleParam struct {
	id  *ast.Ident
	obj types.Object
	typ ast.Expr // the type as written
}

// doubleParams reads the parameters of fd, a generated double's method:
// each named, none variadic, and none named as a variable of the body
// the generator writes (reserved), which the rewrite keeps; else it tells
// fail why not and returns false.
func doubleParams(info *types.Info, fd *ast.FuncDecl, reserved []string, fail func(token.Pos, string)) ([]doubleParam, bool) {
	var params []doubleParam
	for _, f := range fd.Type.Params.List {
		if _, ok := f.Type.(*ast.Ellipsis); ok {
			fail(f.Pos(), "it is variadic")
			return nil, false
		}
		if len(f.Names) == 0 {
			fail(f.Pos(), "a parameter has no name")
			return nil, false
		}
		for _, n := range f.Names {
			if n.Name == "_" || slices.Contains(reserved, n.Name) {
				fail(n.Pos(), "a parameter is named "+n.Name)
				return nil, false
			}
			params = append(params, doubleParam{id: n, obj: info.Defs[n], typ: f.Type})
		}
	}
	return params, true
}

// outOfOrder returns the first of args that is not the parameter at its
// place, or nil when args pass the parameters on, in order.
func outOfOrder(info *types.Info, args []ast.Expr, params []doubleParam) ast.Expr {
	for i, arg := range args {
		if id, ok := arg.(*ast.Ident); !ok || i >= len(params) || info.Uses[id] != params[i].obj {
			return arg
		}
	}
	return nil
}

// declaredInBody reports, for an identifier, whether what it uses is
// declared in fd's body.
func declaredInBody(info *types.Info, fd *ast.FuncDecl) func(*ast.Ident) bool {
	return func(id *ast.Ident) bool {
		obj := info.Uses[id]
		return obj != nil && obj.Pos() >= fd.Body.Pos() && obj.Pos() < fd.Body.End()
	}
}
