// Package signature defines an Analyzer that checks the shape of service
// methods.
//
// # Analyzer signature
//
// signature: report service methods not shaped func(ctx context.Context, args T) (U, error)
//
// A service method takes a context and one command or query struct declared
// in the service's root package, and returns at most two results, the
// second an error (or a bool):
//
//	GetDashboard(ctx context.Context, q *GetDashboardQuery) (*Dashboard, error)
//
// Service methods are the methods of a service interface (an exported
// interface with at least one method that takes a command or query), and
// the exported methods of exported concrete types that take a command or
// query. HTTP handlers are not service methods even when they take a
// command bound from the request: a method with a *net/http.Request or
// http.ResponseWriter parameter, or whose first parameter is a web
// framework's request context (*models.ReqContext, *gin.Context), is
// skipped. One report per method names every deviation it has, each with
// its fix:
//
//   - the first parameter is not context.Context;
//   - more than two parameters, or no second one (a method that needs no
//     input still takes an empty query or command struct);
//   - the second parameter is not a command or query struct;
//   - with -signature.pointer-args=require (forbid), the command or query is
//     passed by value (by pointer); the default, allow, accepts both;
//   - with -signature.root-package (the default), the command or query is
//     declared outside the service's root package;
//   - more than two results; a second result that is neither error nor
//     bool; error as the first of two results.
//
// An interface method is reported once, at the interface. A concrete
// method that implements a method of a service interface visible to its
// package (declared there or in a package it imports) is not reported
// again: it must have the interface's signature, and changing the interface
// makes the compiler point at every implementation. Concrete methods that
// implement no visible service interface are reported themselves.
//
// The service's root package is the interface's package for an interface
// method; for a concrete method, the package of the service interface it
// implements, else its parent package when the package's name extends the
// parent's (teapot/teapotimpl), else its own package.
//
// Legacy trees keep their commands and queries in a shared models package;
// -signature.root-package=false turns that check off for them.
package signature
