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
//     or query by use.
//   - A struct is an event when it carries //cq:event, is declared in a
//     package whose name is an event package ("events"), or is passed to a
//     bus Publish call or handled by a function given to AddEventListener
//     in its own package. An event suffix ("Event") alone counts only with
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
package cqmodel
