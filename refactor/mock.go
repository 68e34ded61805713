package refactor

import "go/types"

// testifyMockPath is the package of testify's mock.Mock.
const testifyMockPath = "github.com/stretchr/testify/mock"

// embedsTestifyMock reports whether t is a struct embedding testify's
// mock.Mock.
func embedsTestifyMock(t *types.Named) bool {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		if n, ok := types.Unalias(derefT(f.Type())).(*types.Named); ok && f.Embedded() && n.Obj().Name() == "Mock" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == testifyMockPath {
			return true
		}
	}
	return false
}
