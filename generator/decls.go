package generator

import (
	"github.com/dave/jennifer/jen"
)

// Each *Decls method builds, with jennifer, the code pieces its template
// places. r.services[i].methods[j] is described by
// data.Services[i].Methods[j].

func ctxType() *jen.Statement { return jen.Qual("context", "Context") }

// parts holds the jennifer code of one method's signature pieces, as seen
// from one file.
type parts struct {
	msg     *jen.Statement // T
	result  *jen.Statement // U, or nil
	second  *jen.Statement // error or bool, or nil for error alone
	results func() jen.Code
}

func (r *root) parts(tc typeCode, m *method) parts {
	p := parts{msg: tc.qual(m.msg.Obj)}
	if m.result != nil {
		p.result = tc.of(m.result)
		p.second = jen.Error()
		if m.ok {
			p.second = jen.Bool()
		}
	}
	p.results = func() jen.Code {
		if p.result == nil {
			return jen.Error()
		}
		return jen.Params(p.result.Clone(), p.second.Clone())
	}
	return p
}

func params(m *method, p parts) jen.Code {
	return jen.Params(jen.Id("ctx").Add(ctxType()), jen.Id(m.param()).Add(p.msg.Clone()))
}

// funcType is the type of a function with the method's signature.
func funcType(p parts) *jen.Statement {
	return jen.Func().Params(ctxType(), p.msg.Clone()).Add(p.results())
}

func (r *root) serviceDecls(data *FileData, sn *snippets) {
	tc := typeCode{sn.f}
	for i, s := range r.services {
		sd := data.Services[i]
		var legacyFields []jen.Code
		for j, m := range s.methods {
			md := sd.Methods[j]
			p := r.parts(tc, m)
			sn.signature(&md.Signature, m.name, params(m, p), p.results())
			r.describe(sn, md, p, m)
			if !m.legacy {
				continue
			}
			handler := m.name + "Handler"
			legacyFields = append(legacyFields, jen.Id(handler).Func().Params(ctxType(), jen.Op("*").Add(p.msg.Clone())).Error())
			sn.decl(md.Decls, "legacy", jen.Func().Params(jen.Id("a").Id(sd.Legacy)).Id(m.name).Add(params(m, p)).Add(p.results()).Block(
				jen.If(jen.Err().Op(":=").Id("a").Dot(handler).Call(jen.Id("ctx"), jen.Op("&").Id(m.param())), jen.Err().Op("!=").Nil()).Block(
					jen.Var().Id("zero").Add(p.result.Clone()),
					jen.Return(jen.Id("zero"), jen.Err()),
				),
				jen.Return(jen.Id(m.param()).Dot("Result"), jen.Nil()),
			))
		}
		if len(legacyFields) > 0 {
			sn.decl(sd.Decls, "legacy", jen.Type().Id(sd.Legacy).Struct(legacyFields...))
		}
	}
}

// describe fills in the plain-text fields of a method: its result types as
// this file spells them.
func (r *root) describe(sn *snippets, md *MethodData, p parts, m *method) {
	if p.result == nil {
		md.Second = "error"
		return
	}
	sn.typ(&md.Result, p.result.Clone())
	md.Second = "error"
	if m.ok {
		md.Second = "bool"
	}
}

func (r *root) fakeDecls(data *FileData, sn *snippets) {
	tc := typeCode{sn.f}
	for i, s := range r.services {
		sd := data.Services[i]
		var fields []jen.Code
		for j, m := range s.methods {
			md := sd.Methods[j]
			p := r.parts(tc, m)
			sn.signature(&md.Signature, m.name, params(m, p), p.results())
			r.describe(sn, md, p, m)
			var ret []jen.Code
			switch {
			case p.result == nil:
				ret = []jen.Code{jen.Id("f").Dot("ExpectedError")}
			case m.ok:
				fields = append(fields, jen.Id("Expected"+m.name).Add(p.result.Clone()), jen.Id("Expected"+m.name+"OK").Bool())
				ret = []jen.Code{jen.Id("f").Dot("Expected" + m.name), jen.Id("f").Dot("Expected" + m.name + "OK")}
			default:
				fields = append(fields, jen.Id("Expected"+m.name).Add(p.result.Clone()))
				ret = []jen.Code{jen.Id("f").Dot("Expected" + m.name), jen.Id("f").Dot("ExpectedError")}
			}
			sn.decl(md.Decls, "fake", jen.Func().Params(jen.Id("f").Op("*").Id(sd.Fake)).Id(m.name).Add(params(m, p)).Add(p.results()).Block(jen.Return(ret...)))
		}
		fields = append(fields, jen.Id("ExpectedError").Error())
		sn.decl(sd.Decls, "fake", jen.Type().Id(sd.Fake).Struct(fields...))
		sn.decl(sd.Decls, "fake.pin", jen.Var().Id("_").Qual(r.pkg.PkgPath, s.name).Op("=").Parens(jen.Op("*").Id(sd.Fake)).Parens(jen.Nil()))
	}
}

// valueFunc is the generic helper each mock file declares once, so that
// every method converts a recorded argument or return value in one line.
const valueFunc = "cqValue"

func (r *root) mockDecls(data *FileData, sn *snippets) {
	tc := typeCode{sn.f}
	sn.f.ImportName(testifyMock, "mock")
	if r.generics {
		t := jen.Id("T")
		sn.decl(data.Decls, "mock.value", jen.Func().Id(valueFunc).Types(t.Clone().Any()).Params(jen.Id("args").Qual(testifyMock, "Arguments"), jen.Id("i").Int()).Add(t.Clone()).Block(
			jen.Var().Id("v").Add(t.Clone()),
			jen.If(jen.Id("x").Op(":=").Id("args").Dot("Get").Call(jen.Id("i")), jen.Id("x").Op("!=").Nil()).Block(
				jen.Id("v").Op("=").Id("x").Assert(t.Clone()),
			),
			jen.Return(jen.Id("v")),
		))
	}
	for i, s := range r.services {
		sd := data.Services[i]
		mockT := sd.Mock
		expecter := mockT + "_Expecter"
		sn.decl(sd.Decls, "mock", jen.Type().Id(mockT).Struct(jen.Qual(testifyMock, "Mock")))
		sn.decl(sd.Decls, "mock.pin", jen.Var().Id("_").Qual(r.pkg.PkgPath, s.name).Op("=").Parens(jen.Op("*").Id(mockT)).Parens(jen.Nil()))
		sn.decl(sd.Decls, "mock.new", jen.Func().Id("New"+mockT).Params(jen.Id("t").Interface(
			jen.Qual(testifyMock, "TestingT"),
			jen.Id("Cleanup").Params(jen.Func().Params()),
		)).Op("*").Id(mockT).Block(
			jen.Id("m").Op(":=").Op("&").Id(mockT).Values(),
			jen.Id("m").Dot("Mock").Dot("Test").Call(jen.Id("t")),
			jen.Id("t").Dot("Cleanup").Call(jen.Func().Params().Block(jen.Id("m").Dot("AssertExpectations").Call(jen.Id("t")))),
			jen.Return(jen.Id("m")),
		))
		sn.decl(sd.Decls, "mock.expecter", jen.Type().Id(expecter).Struct(jen.Id("mock").Op("*").Qual(testifyMock, "Mock")))
		sn.decl(sd.Decls, "mock.EXPECT", jen.Func().Params(jen.Id("_m").Op("*").Id(mockT)).Id("EXPECT").Params().Op("*").Id(expecter).Block(
			jen.Return(jen.Op("&").Id(expecter).Values(jen.Dict{jen.Id("mock"): jen.Op("&").Id("_m").Dot("Mock")})),
		))
		for j, m := range s.methods {
			md := sd.Methods[j]
			p := r.parts(tc, m)
			sn.signature(&md.Signature, m.name, params(m, p), p.results())
			r.describe(sn, md, p, m)
			if r.generics {
				r.mockMethod(sn, md, m, p, mockT)
			} else {
				r.mockMethodPlain(sn, md, m, p, mockT)
			}
		}
	}
	if r.generics {
		r.mockCallTypes(data, sn)
	}
}

func (r *root) mockMethod(sn *snippets, md *MethodData, m *method, p parts, mockT string) {
	call := mockT + "_" + m.name + "_Call"
	param := m.param()
	body := []jen.Code{
		jen.Id("ret").Op(":=").Id("_m").Dot("Called").Call(jen.Id("ctx"), jen.Id(param)),
		jen.If(jen.Len(jen.Id("ret")).Op("==").Lit(0)).Block(jen.Panic(jen.Lit("no return value specified for " + m.name))),
		// RunAndReturn stores the function as the only return value.
		jen.If(jen.List(jen.Id("fn"), jen.Id("ok")).Op(":=").Id("ret").Dot("Get").Call(jen.Lit(0)).Assert(funcType(p)), jen.Id("ok")).Block(
			jen.Return(jen.Id("fn").Call(jen.Id("ctx"), jen.Id(param))),
		),
	}
	var callType *jen.Statement
	if p.result == nil {
		body = append(body, jen.Return(jen.Id("ret").Dot("Error").Call(jen.Lit(0))))
		callType = jen.Id(callErrFunc).Index(p.msg.Clone())
	} else {
		second := jen.Id("ret").Dot("Error").Call(jen.Lit(1))
		if m.ok {
			second = jen.Id("ret").Dot("Bool").Call(jen.Lit(1))
		}
		body = append(body, jen.Return(jen.Id(valueFunc).Index(p.result.Clone()).Call(jen.Id("ret"), jen.Lit(0)), second))
		callType = jen.Id(callFunc).Index(jen.List(p.msg.Clone(), p.result.Clone(), p.second.Clone()))
	}
	sn.decl(md.Decls, "mock", jen.Func().Params(jen.Id("_m").Op("*").Id(mockT)).Id(m.name).Add(params(m, p)).Add(p.results()).Block(body...))
	sn.decl(md.Decls, "mock.call", jen.Type().Id(call).Op("=").Add(callType))
	sn.decl(md.Decls, "mock.expect", jen.Func().Params(jen.Id("_e").Op("*").Id(mockT+"_Expecter")).Id(m.name).Params(jen.Id("ctx").Any(), jen.Id(param).Any()).Op("*").Id(call).Block(
		jen.Return(jen.Op("&").Id(call).Values(jen.Dict{jen.Id("Call"): jen.Id("_e").Dot("mock").Dot("On").Call(jen.Lit(m.name), jen.Id("ctx"), jen.Id(param))})),
	))
}

// The generic expectation types each mock file declares once: every
// <Mock>_<Method>_Call is an alias of an instance of one of them, which
// keeps a mock a few lines per method (and quick to format and compile)
// while its API stays typed.
const (
	callFunc    = "cqCall"    // methods returning (R0, R1)
	callErrFunc = "cqCallErr" // methods returning only an error
)

func (r *root) mockCallTypes(data *FileData, sn *snippets) {
	var results, errOnly bool
	for _, s := range r.services {
		for _, m := range s.methods {
			results = results || m.result != nil
			errOnly = errOnly || m.result == nil
		}
	}
	typeParams := func(names ...string) []jen.Code {
		out := make([]jen.Code, len(names))
		for i, n := range names {
			out[i] = jen.Id(n)
		}
		return out
	}
	decls := func(key, name string, tparams []string, returnParams []jen.Code, returnArgs []jen.Code, runResults jen.Code) {
		self := jen.Op("*").Id(name).Types(typeParams(tparams...)...)
		recv := func() *jen.Statement { return jen.Params(jen.Id("_c").Add(self.Clone())) }
		constraints := append(typeParams(tparams[:len(tparams)-1]...), jen.Id(tparams[len(tparams)-1]).Any())
		sn.decl(data.Decls, key, jen.Type().Id(name).Types(constraints...).Struct(jen.Op("*").Qual(testifyMock, "Call")))
		sn.decl(data.Decls, key+".run", jen.Func().Add(recv()).Id("Run").Params(
			jen.Id("run").Func().Params(jen.Id("ctx").Add(ctxType()), jen.Id("arg").Id("T")),
		).Add(self.Clone()).Block(
			jen.Id("_c").Dot("Call").Dot("Run").Call(jen.Func().Params(jen.Id("args").Qual(testifyMock, "Arguments")).Block(
				jen.Id("run").Call(
					jen.Id(valueFunc).Index(ctxType()).Call(jen.Id("args"), jen.Lit(0)),
					jen.Id(valueFunc).Index(jen.Id("T")).Call(jen.Id("args"), jen.Lit(1)),
				),
			)),
			jen.Return(jen.Id("_c")),
		))
		sn.decl(data.Decls, key+".return", jen.Func().Add(recv()).Id("Return").Params(returnParams...).Add(self.Clone()).Block(
			jen.Id("_c").Dot("Call").Dot("Return").Call(returnArgs...),
			jen.Return(jen.Id("_c")),
		))
		sn.decl(data.Decls, key+".runAndReturn", jen.Func().Add(recv()).Id("RunAndReturn").Params(
			jen.Id("run").Func().Params(ctxType(), jen.Id("T")).Add(runResults),
		).Add(self.Clone()).Block(
			jen.Id("_c").Dot("Call").Dot("Return").Call(jen.Id("run")),
			jen.Return(jen.Id("_c")),
		))
	}
	if results {
		decls("mock.call", callFunc, []string{"T", "R0", "R1"},
			[]jen.Code{jen.Id("r0").Id("R0"), jen.Id("r1").Id("R1")},
			[]jen.Code{jen.Id("r0"), jen.Id("r1")},
			jen.Params(jen.Id("R0"), jen.Id("R1")))
	}
	if errOnly {
		decls("mock.callErr", callErrFunc, []string{"T"},
			[]jen.Code{jen.Id("err").Error()},
			[]jen.Code{jen.Id("err")},
			jen.Error())
	}
}

// mockMethodPlain is mockMethod for modules older than Go 1.18, which
// cannot use the generic expectation types: every method gets its own
// _Call type with Run, Return and RunAndReturn, as mockery writes them.
func (r *root) mockMethodPlain(sn *snippets, md *MethodData, m *method, p parts, mockT string) {
	call := mockT + "_" + m.name + "_Call"
	param := m.param()
	ret := func(i int) *jen.Statement { return jen.Id("ret").Dot("Get").Call(jen.Lit(i)) }
	body := []jen.Code{
		jen.Id("ret").Op(":=").Id("_m").Dot("Called").Call(jen.Id("ctx"), jen.Id(param)),
		jen.If(jen.Len(jen.Id("ret")).Op("==").Lit(0)).Block(jen.Panic(jen.Lit("no return value specified for " + m.name))),
		// RunAndReturn stores the function as the only return value.
		jen.If(jen.List(jen.Id("fn"), jen.Id("ok")).Op(":=").Add(ret(0)).Assert(funcType(p)), jen.Id("ok")).Block(
			jen.Return(jen.Id("fn").Call(jen.Id("ctx"), jen.Id(param))),
		),
	}
	var returnArgs []jen.Code
	if p.result == nil {
		body = append(body, jen.Return(jen.Id("ret").Dot("Error").Call(jen.Lit(0))))
		returnArgs = []jen.Code{jen.Id("err").Error()}
	} else {
		second := jen.Id("ret").Dot("Error").Call(jen.Lit(1))
		returnArgs = []jen.Code{jen.Id("result").Add(p.result.Clone()), jen.Id("err").Error()}
		if m.ok {
			second = jen.Id("ret").Dot("Bool").Call(jen.Lit(1))
			returnArgs[1] = jen.Id("ok").Bool()
		}
		body = append(body,
			jen.Var().Id("r0").Add(p.result.Clone()),
			jen.If(ret(0).Op("!=").Nil()).Block(jen.Id("r0").Op("=").Add(ret(0)).Assert(p.result.Clone())),
			jen.Return(jen.Id("r0"), second),
		)
	}
	sn.decl(md.Decls, "mock", jen.Func().Params(jen.Id("_m").Op("*").Id(mockT)).Id(m.name).Add(params(m, p)).Add(p.results()).Block(body...))
	sn.decl(md.Decls, "mock.call", jen.Type().Id(call).Struct(jen.Op("*").Qual(testifyMock, "Call")))
	sn.decl(md.Decls, "mock.expect", jen.Func().Params(jen.Id("_e").Op("*").Id(mockT+"_Expecter")).Id(m.name).Params(jen.Id("ctx").Interface(), jen.Id(param).Interface()).Op("*").Id(call).Block(
		jen.Return(jen.Op("&").Id(call).Values(jen.Dict{jen.Id("Call"): jen.Id("_e").Dot("mock").Dot("On").Call(jen.Lit(m.name), jen.Id("ctx"), jen.Id(param))})),
	))
	arg := func(i int, t *jen.Statement) []jen.Code {
		name := jen.Id("arg" + string(rune('0'+i)))
		return []jen.Code{
			jen.Var().Add(name).Add(t),
			jen.If(jen.Id("args").Index(jen.Lit(i)).Op("!=").Nil()).Block(
				jen.Add(name).Op("=").Id("args").Index(jen.Lit(i)).Assert(t.Clone()),
			),
		}
	}
	runBody := append(arg(0, ctxType()), arg(1, p.msg.Clone())...)
	runBody = append(runBody, jen.Id("run").Call(jen.Id("arg0"), jen.Id("arg1")))
	sn.decl(md.Decls, "mock.run", jen.Func().Params(jen.Id("_c").Op("*").Id(call)).Id("Run").Params(
		jen.Id("run").Func().Params(jen.Id("ctx").Add(ctxType()), jen.Id(param).Add(p.msg.Clone())),
	).Op("*").Id(call).Block(
		jen.Id("_c").Dot("Call").Dot("Run").Call(jen.Func().Params(jen.Id("args").Qual(testifyMock, "Arguments")).Block(runBody...)),
		jen.Return(jen.Id("_c")),
	))
	returnNames := []jen.Code{jen.Id("err")}
	if p.result != nil {
		returnNames = []jen.Code{jen.Id("result"), jen.Id("err")}
		if m.ok {
			returnNames[1] = jen.Id("ok")
		}
	}
	sn.decl(md.Decls, "mock.return", jen.Func().Params(jen.Id("_c").Op("*").Id(call)).Id("Return").Params(returnArgs...).Op("*").Id(call).Block(
		jen.Id("_c").Dot("Call").Dot("Return").Call(returnNames...),
		jen.Return(jen.Id("_c")),
	))
	sn.decl(md.Decls, "mock.runAndReturn", jen.Func().Params(jen.Id("_c").Op("*").Id(call)).Id("RunAndReturn").Params(
		jen.Id("run").Add(funcType(p)),
	).Op("*").Id(call).Block(
		jen.Id("_c").Dot("Call").Dot("Return").Call(jen.Id("run")),
		jen.Return(jen.Id("_c")),
	))
}
