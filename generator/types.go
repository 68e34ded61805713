package generator

import (
	"go/types"

	"github.com/dave/jennifer/jen"
)

// localNames are the identifiers generated code declares inside functions;
// an import with one of these names is aliased <name>pkg so that no
// parameter or variable shadows it.
var localNames = map[string]bool{
	"ctx": true, "cmd": true, "query": true, "result": true, "ok": true, "err": true,
	"ret": true, "fn": true, "r0": true, "zero": true, "args": true, "arg0": true, "arg1": true,
	"run": true, "t": true, "f": true, "a": true, "m": true, "_m": true, "_e": true, "_c": true,
	"T": true, "i": true, "v": true, "x": true,
}

// typeCode builds the jennifer code of a type. It tells f each package's
// real name, since jennifer would otherwise guess it from the path, and
// jennifer then aliases any two packages of one name apart.
type typeCode struct{ f *jen.File }

func (c typeCode) qual(obj *types.TypeName) *jen.Statement {
	if obj.Pkg() == nil {
		return jen.Id(obj.Name()) // error, comparable, any
	}
	path, name := obj.Pkg().Path(), obj.Pkg().Name()
	if localNames[name] {
		c.f.ImportAlias(path, name+"pkg")
	} else {
		c.f.ImportName(path, name)
	}
	return jen.Qual(path, obj.Name())
}

func (c typeCode) list(ts *types.TypeList) []jen.Code {
	out := make([]jen.Code, ts.Len())
	for i := range out {
		out[i] = c.of(ts.At(i))
	}
	return out
}

func (c typeCode) of(t types.Type) *jen.Statement {
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			return jen.Qual("unsafe", "Pointer")
		}
		return jen.Id(t.Name())
	case *types.Alias:
		s := c.qual(t.Obj())
		if t.TypeArgs().Len() > 0 {
			s.Types(c.list(t.TypeArgs())...)
		}
		return s
	case *types.Named:
		s := c.qual(t.Obj())
		if t.TypeArgs().Len() > 0 {
			s.Types(c.list(t.TypeArgs())...)
		}
		return s
	case *types.TypeParam:
		return jen.Id(t.Obj().Name())
	case *types.Pointer:
		return jen.Op("*").Add(c.of(t.Elem()))
	case *types.Slice:
		return jen.Index().Add(c.of(t.Elem()))
	case *types.Array:
		return jen.Index(jen.Lit(int(t.Len()))).Add(c.of(t.Elem()))
	case *types.Map:
		return jen.Map(c.of(t.Key())).Add(c.of(t.Elem()))
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			return jen.Chan().Op("<-").Add(c.of(t.Elem()))
		case types.RecvOnly:
			return jen.Op("<-").Chan().Add(c.of(t.Elem()))
		}
		return jen.Chan().Add(c.of(t.Elem()))
	case *types.Signature:
		return jen.Func().Add(c.signature(t))
	case *types.Struct:
		fields := make([]jen.Code, t.NumFields())
		for i := range fields {
			v := t.Field(i)
			var s *jen.Statement
			if v.Embedded() {
				s = c.of(v.Type())
			} else {
				s = jen.Id(v.Name()).Add(c.of(v.Type()))
			}
			if tag := t.Tag(i); tag != "" {
				s.Add(jen.Lit(tag))
			}
			fields[i] = s
		}
		return jen.Struct(fields...)
	case *types.Interface:
		var elems []jen.Code
		for i := 0; i < t.NumEmbeddeds(); i++ {
			elems = append(elems, c.of(t.EmbeddedType(i)))
		}
		for i := 0; i < t.NumExplicitMethods(); i++ {
			m := t.ExplicitMethod(i)
			elems = append(elems, jen.Id(m.Name()).Add(c.signature(m.Type().(*types.Signature))))
		}
		return jen.Interface(elems...)
	case *types.Union:
		var s *jen.Statement
		for i := 0; i < t.Len(); i++ {
			term := t.Term(i)
			code := c.of(term.Type())
			if term.Tilde() {
				code = jen.Op("~").Add(code)
			}
			if s == nil {
				s = code
			} else {
				s.Op("|").Add(code)
			}
		}
		return s
	}
	// Tuples and other non-type-expression types cannot be a result=.
	return jen.Id(t.String())
}

// signature is the parameters and results of a func type, without names.
func (c typeCode) signature(sig *types.Signature) *jen.Statement {
	params := make([]jen.Code, sig.Params().Len())
	for i := range params {
		t := sig.Params().At(i).Type()
		if sig.Variadic() && i == len(params)-1 {
			params[i] = jen.Op("...").Add(c.of(t.(*types.Slice).Elem()))
		} else {
			params[i] = c.of(t)
		}
	}
	s := jen.Params(params...)
	switch sig.Results().Len() {
	case 0:
	case 1:
		s.Add(c.of(sig.Results().At(0).Type()))
	default:
		results := make([]jen.Code, sig.Results().Len())
		for i := range results {
			results[i] = c.of(sig.Results().At(i).Type())
		}
		s.Params(results...)
	}
	return s
}
