package cqmodel

import (
	"go/types"
	"path"
	"sort"
	"strings"
)

// TakesRequest reports whether a parameter of sig is a command or query
// where it is used (KindAt).
func (in *Info) TakesRequest(sig *types.Signature) bool {
	if IsHTTPHandler(sig) || in.besideSDKRequest(sig) {
		return false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if in.KindAt(sig.Params().At(i).Type()).IsRequest() {
			return true
		}
	}
	return false
}

// besideSDKRequest reports whether sig takes another module's request (a
// struct of another module named like a query, command or request: the
// plugin SDK's backend.DataQuery, *backend.QueryDataRequest) and its own
// suffixed structs only by their names: a data source's handler,
// HandleIssuesQuery(ctx, *models.IssuesQuery, backend.DataQuery), whose
// query model is the panel's JSON decoded, data shaped by the SDK's
// contract. A parameter that is a message by its own evidence (a Result
// field, a directive, a use as a service's argument: KindOf) still makes
// sig a service method's.
func (in *Info) besideSDKRequest(sig *types.Signature) bool {
	foreign, ours := false, false
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		obj := namedStruct(t)
		if obj == nil {
			continue
		}
		if !in.inModule(obj.Pkg()) {
			if in.Config.requestSuffixKind(obj.Name()) != NotMessage || strings.HasSuffix(obj.Name(), "Request") {
				foreign = true
			}
			continue
		}
		if in.KindOf(t).IsRequest() {
			ours = true
		}
	}
	return foreign && !ours
}

// IsHTTPHandler reports whether sig is an HTTP handler's: it takes a
// *net/http.Request or an http.ResponseWriter, or its first parameter is
// a web framework's request context (*models.ReqContext, *gin.Context,
// echo.Context: a type named ...Context that is not context.Context).
// Such a method takes a command bound from the request body, but it is
// the service's client, not the service.
func IsHTTPHandler(sig *types.Signature) bool {
	params := sig.Params()
	for i := 0; i < params.Len(); i++ {
		if n := namedOf(params.At(i).Type()); n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" {
			if name := n.Obj().Name(); name == "Request" || name == "ResponseWriter" {
				return true
			}
		}
	}
	if params.Len() > 0 && !IsContext(params.At(0).Type()) {
		if n := namedOf(params.At(0).Type()); n != nil && strings.HasSuffix(n.Obj().Name(), "Context") {
			return true
		}
	}
	return false
}

// IsServiceInterface reports whether tn is a service interface: an exported
// named interface with a method that takes a command or query.
func (in *Info) IsServiceInterface(tn *types.TypeName) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.isServiceInterface(tn)
}

func (in *Info) isServiceInterface(tn *types.TypeName) bool {
	if tn == nil || !tn.Exported() || tn.IsAlias() || generic(tn.Type()) {
		return false
	}
	if v, ok := in.serviceIfaces[tn]; ok {
		return v
	}
	if in.serviceIfaces == nil {
		in.serviceIfaces = map[*types.TypeName]bool{}
	}
	v := false
	if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
		for i := 0; i < iface.NumMethods() && !v; i++ {
			v = in.TakesRequest(iface.Method(i).Type().(*types.Signature))
		}
	}
	in.serviceIfaces[tn] = v
	return v
}

// IsServiceMethod reports whether fn, a method of a named concrete type, is
// a service method: an exported method of an exported type that takes a
// command or query, is no HTTP handler (IsHTTPHandler), and has no
// signature a code generator fixes (generatedMethods).
func (in *Info) IsServiceMethod(fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil || !fn.Exported() {
		return false
	}
	recv := namedOf(sig.Recv().Type())
	if recv == nil || !recv.Obj().Exported() || generatedMethods[fn.Name()] || generic(recv) {
		return false
	}
	return in.TakesRequest(sig) && !in.implementsContract(recv, fn) && !grpcServer(recv)
}

// grpcServer reports whether named embeds protoc-gen-go-grpc's
// Unimplemented<Service>Server: a gRPC server, whose methods' signatures
// the .proto's service fixes (the generated <Service>Server interface),
// even when its messages are named like queries.
func grpcServer(named *types.Named) bool {
	unimplemented := func(n *types.Named) bool {
		return strings.HasPrefix(n.Obj().Name(), "Unimplemented") && strings.HasSuffix(n.Obj().Name(), "Server")
	}
	if unimplemented(named) {
		return true
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if n := namedOf(f.Type()); f.Embedded() && n != nil && unimplemented(n) {
			return true
		}
	}
	return false
}

// implementsContract reports whether fn, a method of named, implements a
// method of an interface that another module declares and this package
// imports: that module's contract fixes its signature (an SDK's generic
// Handler[T].Handle(ctx, T, Meta), a framework's callback), whatever it
// takes. A generic interface is matched by the method's name and arity,
// any other by types.Implements.
func (in *Info) implementsContract(named *types.Named, fn *types.Func) bool {
	sig := fn.Type().(*types.Signature)
	for _, m := range in.foreignContracts()[fn.Name()] {
		msig := m.Type().(*types.Signature)
		if msig.Params().Len() != sig.Params().Len() || msig.Results().Len() != sig.Results().Len() {
			continue
		}
		iface := namedOf(msig.Recv().Type())
		if iface == nil {
			continue
		}
		if iface.TypeParams().Len() > 0 {
			return true
		}
		it := iface.Underlying().(*types.Interface)
		if types.Implements(named, it) || types.Implements(types.NewPointer(named), it) {
			return true
		}
	}
	return false
}

// foreignContracts are the methods of the exported interfaces that the
// package's direct imports from other modules declare, by name; none
// when the module is unknown.
func (in *Info) foreignContracts() map[string][]*types.Func {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.contracts != nil {
		return in.contracts
	}
	in.contracts = map[string][]*types.Func{}
	if in.Module == "" {
		return in.contracts
	}
	for _, p := range in.Pkg.Imports() {
		if in.inModule(p) {
			continue
		}
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() {
				continue
			}
			if it, ok := tn.Type().Underlying().(*types.Interface); ok {
				for i := 0; i < it.NumExplicitMethods(); i++ {
					m := it.ExplicitMethod(i)
					in.contracts[m.Name()] = append(in.contracts[m.Name()], m)
				}
			}
		}
	}
	return in.contracts
}

// generic reports whether t is a generic type or an instance of one: a
// repository over any entity (GenericRepository[TEntity]) is a data
// access abstraction, not a service, whatever one of its methods takes.
func generic(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Origin().TypeParams().Len() > 0
}

// generatedMethods are methods whose signatures a code generator fixes,
// whatever they take: Kubernetes' deepcopy-gen writes DeepCopyInto(out
// *T), DeepCopy() *T and DeepCopyObject() for a type that may well be
// named like a query (a custom resource's PrometheusQuery). They are no
// service methods to reshape.
var generatedMethods = map[string]bool{"DeepCopyInto": true, "DeepCopy": true, "DeepCopyObject": true}

// VisibleServiceInterfaces returns the service interfaces declared in the
// package or in a package it imports directly, ordered by package path and
// name. An implementation normally imports the root package that declares
// the interface it implements (teapotimpl imports teapot).
func (in *Info) VisibleServiceInterfaces() []*types.TypeName {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.visible != nil {
		return *in.visible
	}
	var out []*types.TypeName
	pkgs := append([]*types.Package{in.Pkg}, in.Pkg.Imports()...)
	for _, p := range pkgs {
		scope := p.Scope()
		for _, name := range scope.Names() {
			if tn, ok := scope.Lookup(name).(*types.TypeName); ok && in.isServiceInterface(tn) {
				out = append(out, tn)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := out[i].Pkg().Path(), out[j].Pkg().Path(); a != b {
			return a < b
		}
		return out[i].Name() < out[j].Name()
	})
	in.visible = &out
	return out
}

// ImplementedService returns the first visible service interface whose
// method fn implements (its receiver type implements the interface, and
// the interface has a method of fn's name), or nil.
func (in *Info) ImplementedService(fn *types.Func) *types.TypeName {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	named := namedOf(recv.Type())
	if named == nil {
		return nil
	}
	for _, tn := range in.implemented(named) {
		if hasMethod(tn.Type().Underlying().(*types.Interface), fn.Name()) {
			return tn
		}
	}
	return nil
}

// implemented returns the visible service interfaces that named or a
// pointer to it implements, in VisibleServiceInterfaces' order, computed
// once per type: types.Implements on a store's hundred-method interface
// for each of its methods was most of what the signature rule cost.
func (in *Info) implemented(named *types.Named) []*types.TypeName {
	visible := in.VisibleServiceInterfaces()
	in.mu.Lock()
	defer in.mu.Unlock()
	if out, ok := in.implements[named]; ok {
		return out
	}
	var out []*types.TypeName
	for _, tn := range visible {
		iface := tn.Type().Underlying().(*types.Interface)
		if types.Implements(named, iface) || types.Implements(types.NewPointer(named), iface) {
			out = append(out, tn)
		}
	}
	if in.implements == nil {
		in.implements = map[*types.Named][]*types.TypeName{}
	}
	in.implements[named] = out
	return out
}

func hasMethod(iface *types.Interface, name string) bool {
	for i := 0; i < iface.NumMethods(); i++ {
		if iface.Method(i).Name() == name {
			return true
		}
	}
	return false
}

// RootPackage returns the import path of the root package of the service
// that fn belongs to: where its commands and queries should be declared.
//
//   - For a method of an interface, the interface's package.
//   - For a method of a concrete type that implements a visible service
//     interface, that interface's package (teapotimpl.Service implements
//     teapot.Service: teapot).
//   - Else, when the type's package name extends its parent directory's
//     name (teapot/teapotimpl, teapot/teapottest), the parent package.
//   - Else the type's own package.
func (in *Info) RootPackage(fn *types.Func, iface *types.TypeName) string {
	if iface != nil {
		return iface.Pkg().Path()
	}
	if tn := in.ImplementedService(fn); tn != nil {
		return tn.Pkg().Path()
	}
	return ParentRoot(fn.Pkg())
}

// ParentRoot is the root package a package's own path suggests: its parent
// when its name extends the parent's last element (teapot/teapotimpl), else
// itself.
func ParentRoot(pkg *types.Package) string {
	dir, base := path.Split(pkg.Path())
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return pkg.Path()
	}
	parent := path.Base(dir)
	if name := pkg.Name(); len(name) > len(parent) && strings.HasPrefix(name, parent) && base != "" {
		return dir
	}
	return pkg.Path()
}

func namedOf(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// IsTestDouble reports whether a named type is a fake, stub or mock: by
// its name, an embedded testify mock.Mock, or a package of test doubles.
func IsTestDouble(named *types.Named) bool {
	name := strings.ToLower(named.Obj().Name())
	for _, w := range []string{"fake", "mock", "stub", "spy"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	if pkg := named.Obj().Pkg(); pkg != nil {
		// Grafana's <service>test packages (teapot/teapottest), and the
		// usual homes of generated doubles; not every name ending in
		// "test" (latest, contest).
		pn := strings.ToLower(pkg.Name())
		switch {
		case pn == path.Base(path.Dir(pkg.Path()))+"test",
			strings.HasSuffix(pn, "mock"), strings.HasSuffix(pn, "mocks"), strings.HasSuffix(pn, "fakes"):
			return true
		}
	}
	if st, ok := named.Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			if f.Embedded() {
				if n, ok := types.Unalias(f.Type()).(*types.Named); ok && n.Obj().Name() == "Mock" && n.Obj().Pkg() != nil && strings.HasSuffix(n.Obj().Pkg().Path(), "testify/mock") {
					return true
				}
			}
		}
	}
	return false
}
