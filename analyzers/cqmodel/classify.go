package cqmodel

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/types/typeutil"
)

// A Message is a command, query or event type declared in the package being
// classified.
type Message struct {
	Obj       *types.TypeName
	Kind      Kind
	Spec      *ast.TypeSpec
	File      *ast.File
	Doc       *ast.CommentGroup // the type's doc comment, nil without one
	Directive *Directive        // nil without a //cq: line
	Result    *types.Var        // the legacy Result field; nil without one
	Why       string            // what made it a message, for messages and tests
}

// Info is the classification of one package.
type Info struct {
	Config *Config
	Pkg    *types.Package
	// Messages holds the package's own commands, queries and events, in
	// source order.
	Messages []*Message
	// Module is the path of the package's module, "" when the driver does
	// not say (see KindAt).
	Module string
	// DirectiveErrors are malformed //cq: lines, in source order.
	DirectiveErrors []*DirectiveError
	// PublishCalls and ListenerCalls are the package's calls of the
	// Config's publish and listener methods, in source order. Classify
	// finds them anyway, so no analyzer walks the files for them again.
	PublishCalls, ListenerCalls []*ast.CallExpr

	files      []*ast.File
	busImports []*ImportedEvent // imported structs given to the bus, first call each
	byObj      map[*types.TypeName]*Message
	imported   func(*types.TypeName) Kind

	// The analyzers of one package may run in parallel on one Info.
	mu            sync.Mutex
	serviceIfaces map[*types.TypeName]bool           // memo of IsServiceInterface
	visible       *[]*types.TypeName                 // memo of VisibleServiceInterfaces
	implements    map[*types.Named][]*types.TypeName // memo of implemented
	contracts     map[string][]*types.Func           // memo of foreignContracts
}

// Classify computes the Info of one type-checked package. imported answers
// for types declared in other packages (from analysis facts, or from a
// Classify of that package); it may be nil, in which case imported types
// are judged by ImportedKind.
func Classify(cfg *Config, files []*ast.File, pkg *types.Package, info *types.Info, imported func(*types.TypeName) Kind) *Info {
	return ClassifyModule(cfg, files, pkg, info, imported, "")
}

// ClassifyModule is Classify for a package of the module whose path is
// module ("" when unknown: see Info.Module).
func ClassifyModule(cfg *Config, files []*ast.File, pkg *types.Package, info *types.Info, imported func(*types.TypeName) Kind, module string) *Info {
	in := &Info{Config: cfg, Pkg: pkg, Module: module, files: files, byObj: map[*types.TypeName]*Message{}, imported: imported}
	c := classifier{Info: in, info: info, used: map[*types.TypeName]string{}, events: map[*types.TypeName]string{}, params: map[*types.TypeName]bool{}}
	for _, f := range files {
		c.collectUses(f)
	}
	for _, f := range files {
		dirs, errs := FileDirectives(f)
		in.DirectiveErrors = append(in.DirectiveErrors, errs...)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				c.classifyType(f, gd, spec.(*ast.TypeSpec), dirs)
			}
		}
	}
	return in
}

type classifier struct {
	*Info
	info   *types.Info
	used   map[*types.TypeName]string // request-suffixed types used as requests, and how
	events map[*types.TypeName]string // types published or listened for, and how
	params map[*types.TypeName]bool   // in a command or query package: structs its functions take
}

func (c *classifier) classifyType(f *ast.File, gd *ast.GenDecl, ts *ast.TypeSpec, dirs map[*ast.TypeSpec]*Directive) {
	obj, _ := c.info.Defs[ts.Name].(*types.TypeName)
	if obj == nil {
		return
	}
	st, isStruct := obj.Type().Underlying().(*types.Struct)
	if !isStruct {
		return
	}
	m := &Message{Obj: obj, Spec: ts, File: f, Directive: dirs[ts], Result: resultField(st)}
	for _, doc := range typeDocs(gd, ts) {
		if doc != nil && m.Doc == nil {
			m.Doc = doc
		}
	}
	name := obj.Name()
	switch {
	case m.Directive != nil:
		m.Kind, m.Why = m.Directive.Kind, "//cq:"+m.Directive.Kind.String()+" directive"
	case c.Config.EventPackages.has(c.Pkg.Name()) && eventData(c.Config, obj):
		m.Kind, m.Why = Event, "declared in package "+c.Pkg.Name()
	case obj.Exported() && c.params[obj] && c.Config.packageKind(c.Pkg.Name()) != NotMessage:
		// Suffix-less CQRS code (app/command, app/query) opts in by
		// package: its exported structs that a handler takes. The
		// unexported ones are the handlers, and the ones only returned
		// are read models.
		m.Kind, m.Why = c.Config.packageKind(c.Pkg.Name()), "taken by a handler in package "+c.Pkg.Name()
	case c.events[obj] != "" && c.Config.requestSuffixKind(name) != NotMessage:
		// A command or query given to a bus as if it were an event (the
		// events analyzer reports the call): what it is follows its name.
		m.Kind = c.Config.requestSuffixKind(name)
		m.Why = "named like a " + m.Kind.String() + ", " + c.events[obj]
	case c.events[obj] != "":
		m.Kind, m.Why = Event, c.events[obj]
	case c.Config.EventSuffixes.suffix(name) != "" && !c.Config.RequireUse:
		m.Kind, m.Why = Event, "name ends in "+c.Config.EventSuffixes.suffix(name)
	default:
		// A name that is a suffix alone (search.Query) says nothing by
		// itself, whatever RequireUse: only a use makes it a message.
		k, bare := c.Config.requestSuffixKind(name), false
		if k == NotMessage {
			k, bare = c.Config.bareKind(name), true
		}
		if k == NotMessage {
			return
		}
		switch {
		case m.Result != nil:
			m.Why = "has a Result field"
		case c.used[obj] != "":
			m.Why = c.used[obj]
		case !c.Config.RequireUse && !bare:
			m.Why = "name ends in a " + k.String() + " suffix"
		default:
			return
		}
		m.Kind = k
	}
	c.Messages = append(c.Messages, m)
	c.byObj[obj] = m
}

// collectUses records, for the types of this package, the uses that make a
// suffixed struct a command or query and the bus calls that make one an
// event.
func (c *classifier) collectUses(f *ast.File) {
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok || !ts.Name.IsExported() {
					continue
				}
				obj, _ := c.info.Defs[ts.Name].(*types.TypeName)
				if obj == nil {
					continue
				}
				iface, ok := obj.Type().Underlying().(*types.Interface)
				if !ok {
					continue
				}
				for i := 0; i < iface.NumExplicitMethods(); i++ {
					m := iface.ExplicitMethod(i)
					sig := m.Type().(*types.Signature)
					for j := 0; j < sig.Params().Len(); j++ {
						c.markUsed(sig.Params().At(j).Type(), "parameter of "+obj.Name()+"."+m.Name())
					}
				}
			}
		case *ast.FuncDecl:
			fn, _ := c.info.Defs[decl.Name].(*types.Func)
			if fn != nil && c.Config.packageKind(c.Pkg.Name()) != NotMessage {
				// In a command or query package, what a function takes
				// is a request; what it returns is a read model.
				params := fn.Type().(*types.Signature).Params()
				for i := 0; i < params.Len(); i++ {
					if obj := namedStruct(params.At(i).Type()); obj != nil && obj.Pkg() == c.Pkg {
						c.params[obj] = true
					}
				}
			}
			if fn == nil || !fn.Exported() {
				continue
			}
			sig := fn.Type().(*types.Signature)
			if sig.Params().Len() >= 2 && IsContext(sig.Params().At(0).Type()) && !c.contract(fn) {
				c.markUsed(sig.Params().At(1).Type(), "parameter of "+funcName(fn)+" after its context.Context")
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		name := calleeName(call)
		switch {
		case c.Config.PublishMethods.has(name) && busShaped(c.info, call) && c.Config.onBus(c.info, call):
			c.PublishCalls = append(c.PublishCalls, call)
			c.busUse(namedStruct(c.info.TypeOf(call.Args[len(call.Args)-1])), call, "passed to "+name)
		case c.Config.ListenerMethods.has(name) && c.Config.onBus(c.info, call):
			c.ListenerCalls = append(c.ListenerCalls, call)
			if sig, ok := c.info.TypeOf(call.Args[len(call.Args)-1]).(*types.Signature); ok && sig.Params().Len() > 0 {
				c.busUse(namedStruct(sig.Params().At(sig.Params().Len()-1).Type()), call, "handled by a listener given to "+name)
			}
		}
		return true
	})
}

// busShaped reports whether call publishes through a bus shaped like
// Grafana's: after an optional context.Context, one payload of an
// interface type (any event goes through it), not variadic, returning at
// most an error. A pub/sub client's Publish(topic string, messages
// ...*Message) or a transport's Publish(ctx, *Envelope) carries data,
// not events.
func busShaped(info *types.Info, call *ast.CallExpr) bool {
	sig, ok := info.TypeOf(call.Fun).(*types.Signature)
	if !ok || sig.Variadic() {
		return false
	}
	params := sig.Params()
	first := 0
	if params.Len() > 0 && IsContext(params.At(0).Type()) {
		first = 1
	}
	if params.Len()-first != 1 {
		return false
	}
	switch params.At(first).Type().(type) {
	case *types.TypeParam:
	default:
		if !types.IsInterface(params.At(first).Type()) {
			return false
		}
	}
	res := sig.Results()
	return res.Len() == 0 || (res.Len() == 1 && types.Identical(res.At(0).Type(), types.Universe.Lookup("error").Type()))
}

// onBus reports whether call is a method of one of the configured
// BusTypes, or a function of one of its packages; with none configured,
// every call does.
func (c *Config) onBus(info *types.Info, call *ast.CallExpr) bool {
	if len(c.BusTypes) == 0 {
		return true
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	var names []string
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if named := namedOf(recv.Type()); named != nil && named.Obj().Pkg() != nil {
			p := named.Obj().Pkg()
			names = []string{p.Name() + "." + named.Obj().Name(), p.Path() + "." + named.Obj().Name()}
		}
	} else {
		names = []string{fn.Pkg().Name(), fn.Pkg().Path()}
	}
	for _, n := range names {
		if c.BusTypes.has(n) {
			return true
		}
	}
	return false
}

// busUse records a struct given to the bus as an event: one of this
// package's, or the first call of an imported one.
func (c *classifier) busUse(obj *types.TypeName, call *ast.CallExpr, how string) {
	switch {
	case obj == nil:
	case obj.Pkg() == c.Pkg:
		c.events[obj] = how
	case !slices.ContainsFunc(c.busImports, func(e *ImportedEvent) bool { return e.Obj == obj }):
		c.busImports = append(c.busImports, &ImportedEvent{Obj: obj, Call: call})
	}
}

// An ImportedEvent is a struct of another package that this package
// publishes or listens for, with the first such call.
type ImportedEvent struct {
	Obj  *types.TypeName
	Call *ast.CallExpr
}

// ImportedEvents are the structs of other packages that are events by
// their use in this package, in the order of their first bus call: its
// own package, which never sees its importers, does not know them as
// events (Grafana declares an event in a service's root package and
// publishes it in the *impl package). Left out are commands and queries
// (KindAt; the events rule reports those calls) and structs their own
// package classifies as events by themselves: those of an event package,
// and, without RequireUse, those with an event suffix. A //cq:event
// directive there cannot be seen from here.
func (in *Info) ImportedEvents() []*ImportedEvent {
	var out []*ImportedEvent
	for _, e := range in.busImports {
		name := e.Obj.Name()
		if in.KindAt(e.Obj.Type()).IsRequest() || in.Config.EventPackages.has(e.Obj.Pkg().Name()) ||
			(!in.Config.RequireUse && in.Config.EventSuffixes.suffix(name) != "") {
			continue
		}
		out = append(out, e)
	}
	return out
}

// markUsed records a use of t as a request of an exported API. A data
// model is no request, whatever API carries it (isDataModel).
func (c *classifier) markUsed(t types.Type, how string) {
	obj := namedStruct(t)
	if obj == nil || obj.Pkg() != c.Pkg || c.used[obj] != "" || c.Config.isDataModel(obj) {
		return
	}
	if c.Config.requestSuffixKind(obj.Name()) != NotMessage || c.Config.bareKind(obj.Name()) != NotMessage {
		c.used[obj] = how
	}
}

// packageKind is Command or Query for a package that -command-packages or
// -query-packages names, else NotMessage.
func (c *Config) packageKind(pkg string) Kind {
	switch {
	case c.CommandPackages.has(pkg):
		return Command
	case c.QueryPackages.has(pkg):
		return Query
	}
	return NotMessage
}

// bareKind is the kind of a type named exactly like a command or query
// suffix (Query, Command), or NotMessage.
func (c *Config) bareKind(name string) Kind {
	switch {
	case c.CommandSuffixes.has(name):
		return Command
	case c.QuerySuffixes.has(name):
		return Query
	}
	return NotMessage
}

// requestSuffixKind is the kind a type name's suffix alone suggests.
func (c *Config) requestSuffixKind(name string) Kind {
	cs, qs := c.CommandSuffixes.suffix(name), c.QuerySuffixes.suffix(name)
	switch {
	case cs == "" && qs == "":
		return NotMessage
	case len(cs) >= len(qs):
		return Command
	default:
		return Query
	}
}

// TrimSuffix removes the command, query or event suffix from a type name:
// the default method name for GetDashboardQuery is GetDashboard.
func (c *Config) TrimSuffix(name string) string {
	best := ""
	for _, l := range []list{c.CommandSuffixes, c.QuerySuffixes, c.EventSuffixes} {
		if s := l.suffix(name); len(s) > len(best) {
			best = s
		}
	}
	return strings.TrimSuffix(name, best)
}

// CutSuffix splits the name of a message of kind k into its stem and the
// longest suffix that leaves a stem: GetUserQuery into GetUser and Query.
// A command or query takes either's suffixes (a directive may make a
// query of a ...Cmd), an event an event suffix; "" when none fits. A name
// that is a suffix alone (Query) has no stem.
func (c *Config) CutSuffix(name string, k Kind) (stem, suffix string) {
	if (k == Event && c.EventSuffixes.has(name)) || (k != Event && c.bareKind(name) != NotMessage) {
		return "", name
	}
	if k == Event {
		suffix = c.EventSuffixes.suffix(name)
	} else if cs, qs := c.CommandSuffixes.suffix(name), c.QuerySuffixes.suffix(name); len(cs) >= len(qs) {
		suffix = cs
	} else {
		suffix = qs
	}
	return name[:len(name)-len(suffix)], suffix
}

// MethodName is the service method that handles m: the directive's method=,
// or the type name without its suffix.
func (m *Message) MethodName(c *Config) string {
	if m.Directive != nil && m.Directive.Method != "" {
		return m.Directive.Method
	}
	return c.TrimSuffix(m.Obj.Name())
}

// Lookup returns the message declared in this package as obj, or nil.
func (in *Info) Lookup(obj *types.TypeName) *Message { return in.byObj[obj] }

// KindOf is what t (a named struct or a pointer to one) is: a message of
// this package, or of another package as its facts say.
func (in *Info) KindOf(t types.Type) Kind {
	obj := namedStruct(t)
	if obj == nil {
		return NotMessage
	}
	if obj.Pkg() == in.Pkg {
		if m := in.byObj[obj]; m != nil {
			return m.Kind
		}
		return NotMessage
	}
	if in.imported != nil {
		return in.imported(obj)
	}
	return in.Config.ImportedKind(obj)
}

// KindAt is what t counts as where it is used as a service-method
// parameter: KindOf, or failing that what its name suggests, since such a
// use is what makes a suffixed struct a command or query. The name counts
// only for types of the package's own module (Module), when known.
func (in *Info) KindAt(t types.Type) Kind {
	if k := in.KindOf(t); k != NotMessage {
		return k
	}
	if obj := namedStruct(t); obj != nil && in.inModule(obj.Pkg()) && !in.Config.isDataModel(obj) {
		if k := in.Config.requestSuffixKind(obj.Name()); k != NotMessage {
			return k
		}
	}
	return NotMessage
}

// inModule reports whether pkg belongs to the module of the package being
// classified, or the module is unknown. A suffixed struct of another
// module (the plugin SDK's backend.DataQuery) is that module's data, not
// a request to one of our services.
func (in *Info) inModule(pkg *types.Package) bool {
	if pkg == in.Pkg || in.Module == "" || pkg == nil {
		return true
	}
	return pkg.Path() == in.Module || strings.HasPrefix(pkg.Path(), in.Module+"/")
}

// ImportedKind judges a type from another package by what its type alone
// shows (name, package, Result field), for callers without facts.
func (c *Config) ImportedKind(obj *types.TypeName) Kind {
	st, ok := obj.Type().Underlying().(*types.Struct)
	if !ok {
		return NotMessage
	}
	switch {
	case c.EventPackages.has(obj.Pkg().Name()), c.EventSuffixes.suffix(obj.Name()) != "":
		return Event
	}
	if k := c.requestSuffixKind(obj.Name()); k != NotMessage && (resultField(st) != nil || !c.RequireUse) {
		return k
	}
	if k := c.bareKind(obj.Name()); k != NotMessage && resultField(st) != nil {
		return k
	}
	return NotMessage
}

// isDataModel reports whether a named struct is data that no use makes a
// command or query: a data source's query model (isDataSourceQuery), or
// the payload of a handler contract an SDK exports under one noun
// (ActionCommand beside the exported interface ActionHandler, and
// ActionResponse): renaming or reshaping it would break every user.
// Only a directive or a Result field makes one a message.
func (c *Config) isDataModel(obj *types.TypeName) bool {
	if isDataSourceQuery(obj) {
		return true
	}
	stem := c.TrimSuffix(obj.Name())
	if stem == obj.Name() || obj.Pkg() == nil {
		return false
	}
	tn, ok := obj.Pkg().Scope().Lookup(stem + "Handler").(*types.TypeName)
	if !ok || !tn.Exported() {
		return false
	}
	_, isIface := tn.Type().Underlying().(*types.Interface)
	return isIface
}

// isDataSourceQuery reports whether a named struct is a data source's
// query model: it has a RefID field (the plugin SDK's refId, which names
// a query of a panel's request), or a slice of structs that do (a
// request of several: legacydata.DataQuery's Queries []DataSubQuery). On
// Grafana v9.0.0 such a struct is never a service's command or query, but
// the uses that make one admit several: legacydata.DataQuery is a
// parameter of the exported RequestHandler.HandleRequest, loki's
// lokiQuery the one after the context of LokiAPI.DataQuery. Only a
// directive or a Result field makes one a message.
func isDataSourceQuery(obj *types.TypeName) bool {
	st, ok := obj.Type().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	if hasRefID(st) {
		return true
	}
	for i := 0; i < st.NumFields(); i++ {
		if s, ok := st.Field(i).Type().Underlying().(*types.Slice); ok {
			if el := namedStruct(s.Elem()); el != nil && hasRefID(el.Type().Underlying().(*types.Struct)) {
				return true
			}
		}
	}
	return false
}

func hasRefID(st *types.Struct) bool {
	for i := 0; i < st.NumFields(); i++ {
		if n := st.Field(i).Name(); n == "RefID" || n == "RefId" {
			return true
		}
	}
	return false
}

// ResultField returns the Result field of a message struct, or nil.
func ResultField(t types.Type) *types.Var {
	if obj := namedStruct(t); obj != nil {
		return resultField(obj.Type().Underlying().(*types.Struct))
	}
	return nil
}

func resultField(st *types.Struct) *types.Var {
	for i := 0; i < st.NumFields(); i++ {
		if f := st.Field(i); f.Name() == "Result" && !f.Embedded() {
			return f
		}
	}
	return nil
}

// NamedStruct returns the type name of a named struct type or of a pointer
// to one, or nil.
func NamedStruct(t types.Type) *types.TypeName { return namedStruct(t) }

func namedStruct(t types.Type) *types.TypeName {
	if t == nil {
		return nil
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return nil
	}
	return n.Origin().Obj()
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

// IsBool reports whether t is bool.
func IsBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

func funcName(fn *types.Func) string {
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		if obj := namedStruct(recv.Type()); obj != nil {
			return obj.Name() + "." + fn.Name()
		}
		if n, ok := types.Unalias(derefType(recv.Type())).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Name()
}

func derefType(t types.Type) types.Type {
	if p, ok := t.(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// calleeName is the name of the function or method a call calls, as
// written: Publish for bus.Publish(ctx, e) and s.bus.Publish(ctx, e).
func calleeName(call *ast.CallExpr) string {
	switch fn := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return fn.Name
	case *ast.SelectorExpr:
		return fn.Sel.Name
	case *ast.IndexExpr:
		if sel, ok := fn.X.(*ast.SelectorExpr); ok {
			return sel.Sel.Name
		}
	}
	return ""
}

// CalleeName is the name of the function or method a call calls, as
// written (the selector's name for a method call).
func CalleeName(call *ast.CallExpr) string { return calleeName(call) }

// eventData reports whether a struct of an event package is an event:
// events are data. A struct with a method that takes arguments is
// behaviour that lives beside them (an aggregate store, a snapshot
// strategy, an aggregate base that appends events), and one named by an
// event suffix alone (Event) is the base the events embed.
func eventData(c *Config, obj *types.TypeName) bool {
	if c.EventSuffixes.has(obj.Name()) {
		return false
	}
	ms := types.NewMethodSet(types.NewPointer(obj.Type()))
	for i := 0; i < ms.Len(); i++ {
		if ms.At(i).Obj().Type().(*types.Signature).Params().Len() > 0 {
			return false
		}
	}
	return true
}

// contract reports whether fn is a method whose signature someone else
// fixes (a gRPC server's, or one implementing another module's
// interface): what it takes is not made a command or query by that use.
func (c *classifier) contract(fn *types.Func) bool {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	named := namedOf(recv.Type())
	return named != nil && (grpcServer(named) || c.implementsContract(named, fn))
}
