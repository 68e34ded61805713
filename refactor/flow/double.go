package flow

import (
	"go/token"
	"go/types"
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
