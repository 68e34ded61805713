// Package cqmodel decides what the command/query conventions are about:
// which struct types are commands, queries and events, which interfaces and
// methods belong to a service, which package is a service's root, and what a
// //cq: directive says. Every analyzer, the generator and the refactoring
// engine ask this package; nothing else decides.
//
// The policy, tuned for precision on real trees where most types named
// *Query are data-source query models that never reach a service:
//
//   - A struct is a command (query) when it carries a //cq:command
//     (//cq:query) directive, or when its name ends in a command (query)
//     suffix, or is one (search.Query), and it is used as one in its own
//     package: it has a Result field, it is a parameter of a method of an
//     exported interface, or it is the parameter after a leading
//     context.Context of an exported function or method. A data source's
//     query model (a RefID field, or sub-queries with one) is no command
//     or query by use, nor is a struct known only by its name where a
//     signature passes it beside another module's request (the plugin
//     SDK's backend.DataQuery): a data source's handler. Code that names commands and queries without
//     suffixes and keeps them in packages of their own (app/command,
//     app/query) opts in by package: -command-packages and
//     -query-packages name packages whose exported structs that a
//     function or method there takes are commands or queries (none by
//     default; the unexported structs there are the handlers, and the
//     structs only returned are read models).
//   - A struct is an event when it carries //cq:event, is declared in a
//     package whose name is an event package ("events") and is data (no
//     method with arguments; not named by the suffix alone), or is passed to a
//     bus Publish call (a Publish shaped like a bus: after an optional
//     context, one payload of an interface type, not variadic, at most an
//     error result; with -bus-types, a method of one of those types or a
//     function of one of those packages) or handled by a function given
//     to AddEventListener in its own package. An event suffix ("Event") alone counts only with
//     RequireUse off: in real trees most such structs are payload records
//     that never reach a bus.
//
// Use that happens only in other packages is seen by the analyzer of that
// other package (see Info.KindAt), not at the declaration: an analysis pass
// sees its own package and its imports, never its importers. A type from an
// imported package is judged by what its type shows: its package name, its
// suffix and its Result field (Config.ImportedKind); one this package
// publishes or listens for is an event by that use (Info.ImportedEvents).
//
// The policy's settings (Config) are flags of the Analyzer and, under the
// same names, of cqgen generate and cqgen refactor (Config.RegisterFlags),
// so that the three tools see the same commands, queries and events.
//
// # Analyzer cqmodel
//
// cqmodel: classify commands, queries, events and services for the cq analyzers; report //cq: directives that are malformed or that cqgen generate rejects
//
// Every other cq rule asks this analyzer what a command, query, event and
// service is; its flags (the -cqmodel.* flags below) set that policy for
// all of them at once. It reports, as "directive: ..." at the directive's
// position, a //cq: directive that is malformed (an unknown directive or
// key, a key given twice, a value that is not a Go type, a directive on a
// non-struct type, a second directive on one type) or that cqgen generate
// would reject (a service name already taken by a hand-written type, an
// unexported type whose test doubles could not name it, a result type
// that does not type-check), with cqgen's own message: both ask the same
// code. A directive in a _test.go file is reported too, since cqgen reads
// none there.
//
// # Why
//
// A directive tells cqgen generate which service method to write for a
// command, query or event. A mistake in one would otherwise surface only
// when someone runs cqgen; reported by the linter, it is caught where the
// directive was written, and go vet and cqgen never disagree on it.
//
// # Bad
//
//	//cq:query service=Service mehtod=GetDashboard // directive: unknown key "mehtod" (want service, method, result or ok)
//	type GetDashboardQuery struct{ UID string }
//
// # Good
//
//	//cq:query service=Service method=GetDashboard result=*Dashboard
//	type GetDashboardQuery struct{ UID string }
//
// # Fix
//
// Correct the directive as the message says; cqgen generate then writes
// the method, its fake and its mock.
//
// # Suppress
//
// A directive report cannot be suppressed: a directive that cqgen rejects
// is to be corrected or deleted.
package cqmodel
