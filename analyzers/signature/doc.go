// Package signature defines an Analyzer that checks the shape of service
// methods.
//
// # Analyzer signature
//
// signature: report service methods not shaped func(ctx context.Context, args T) (U, error)
//
// Service methods are the methods of a service interface (an exported
// interface with at least one method that takes a command or query), and
// the exported methods of exported concrete types that take a command or
// query. HTTP handlers are not service methods even when they take a
// command bound from the request: a method with a *net/http.Request or
// http.ResponseWriter parameter, or whose first parameter is a web
// framework's request context (*models.ReqContext, *gin.Context), is
// skipped, and so are the methods whose signatures a code generator fixes
// (Kubernetes' DeepCopyInto, DeepCopy and DeepCopyObject, on a custom
// resource that may be named like a query), the methods of generic types
// and interfaces (a repository over any entity), a data source's
// handlers, which take their query models beside the plugin SDK's
// request, methods that implement an interface another module declares
// (its contract fixes them), and a gRPC server's (a type embedding
// Unimplemented<Service>Server). One report per method names
// every deviation it has, each with its fix:
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
// One report per thing to edit: an interface method is reported once, at
// the interface. A concrete method that implements a method of a service
// interface visible to its package (declared there or in a package it
// imports, as teapotimpl imports teapot) is not reported again: it must
// have the interface's signature, and changing the interface makes the
// compiler point at every implementation. Concrete methods that implement
// no visible service interface (a store without one, a method the
// interface lacks, a partial fake) are reported themselves.
//
// The service's root package is the interface's package for an interface
// method; for a concrete method, the package of the service interface it
// implements, else its parent package when the package's name extends the
// parent's (teapot/teapotimpl, teapot/teapottest), else its own package.
//
// # Why
//
// Services communicate by method calls shaped func(ctx context.Context,
// args T) (U, error). The context carries the trace, the deadline and the
// cancellation of the call; the one struct argument gives named, optional
// parameters that can grow without breaking callers; keeping T in the
// service's root package lets callers depend on the service's package and
// not on its implementation; and an error (or a bool) last is what every
// Go caller expects to check.
//
// # Bad
//
//	type Service interface {
//		GetByName(ctx context.Context, orgID int64, name string) (*Teapot, error) // signature: ... it takes 3 parameters, not 2 (...); its second parameter (int64) is not a command or query struct (take a GetByNameQuery holding it)
//		Count(q *CountTeapotsQuery) (error, int)                                 // signature: ... its first parameter is not context.Context (...); it returns error first (return (int, error))
//	}
//
// # Good
//
//	type Service interface {
//		GetTeapotByName(ctx context.Context, q *GetTeapotByNameQuery) (*Teapot, error)
//		CountTeapots(ctx context.Context, q *CountTeapotsQuery) (int, error)
//	}
//
// # Fix
//
// Each deviation in the message comes with its fix (add ctx
// context.Context in front; take a GetByNameQuery holding the
// parameters; return (int, error)). There is no suggested fix: changing a
// method changes its callers and implementations too, in packages a pass
// does not see; change the interface and let the compiler list them.
// Legacy trees that keep their commands and queries in a shared models
// package run with -signature.root-package=false until they move them.
package signature
