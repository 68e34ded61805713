package emit

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// The names mockery v3.9.1's testify template gives the first value of
// Return for each of these methods (go run
// github.com/vektra/mockery/v3@v3.9.1 on this source, template testify):
// after the type, Param after a reserved name, a number after a name the
// file's imports or the method's parameters take.
func TestMockeryV3Name(t *testing.T) {
	const src = `package svc

import (
	"context"
	"time"
)

type Thing struct{ N int }
type HitList []*Thing
type Q struct{}
type thing struct{}
type Alias = Thing

type Converted interface {
	A(ctx context.Context, q *Q) ([]*Thing, error)
	B(ctx context.Context, q *Q) (int64, error)
	C(ctx context.Context, q *Q) (string, error)
	D(ctx context.Context, q *Q) (map[string]int, error)
	E(ctx context.Context, q *Q) (HitList, error)
	F(ctx context.Context, q *Q) (bool, error)
	G(ctx context.Context, q *Q) (uint, error)
	H(ctx context.Context, q *Q) (time.Duration, error)
	I(ctx context.Context, q *Q) (*thing, error)
	J(ctx context.Context, q *Q) (Alias, error)
	K(ctx context.Context, thing *Q) (*Thing, error)
	L(ctx context.Context, q *Q) (context.Context, error)
	M(ctx context.Context, q *Q) ([]byte, error)
	N(ctx context.Context, q *Q) (struct{ X int }, error)
	O(ctx context.Context, q *Q) (float64, error)
	P(ctx context.Context, q *Q) (map[Thing][]string, error)
}
`
	want := map[string]string{
		"A": "things", "B": "n", "C": "s", "D": "stringToInt", "E": "hitList", "F": "b",
		"G": "v", "H": "duration", "I": "thingMoqParam", "J": "alias", "K": "thing1",
		"L": "context1", "M": "bytes", "N": "val", "O": "f", "P": "thingToStrings",
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "svc.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("example.com/m/svc", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The mock file imports what the methods use, and testify's mock.
	f.Imports = append(f.Imports, &ast.ImportSpec{Name: ast.NewIdent("mock"), Path: &ast.BasicLit{Value: `"github.com/stretchr/testify/mock"`}})
	iface := pkg.Scope().Lookup("Converted").Type().Underlying().(*types.Interface)
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		sig := m.Type().(*types.Signature)
		var params []string
		for j := 0; j < sig.Params().Len(); j++ {
			params = append(params, sig.Params().At(j).Name())
		}
		u := sig.Results().At(0).Type()
		got := mockeryV3Name(u, mockeryV3Taken(f, params, types.TypeString(u, types.RelativeTo(pkg)), "err"))
		if got != want[m.Name()] {
			t.Errorf("%s (%s): %q, mockery v3 says %q", m.Name(), u, got, want[m.Name()])
		}
	}
}
