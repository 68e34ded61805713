// Package suppress implements //cqlint:ignore comments and the reporting
// path every cq analyzer shares: the rule id in front of each message (go
// vet drops analyzer names), no reports in generated files, and none where
// a suppression covers the position.
//
// A suppression reads
//
//	//cqlint:ignore <rule>[,<rule>...] <reason>
//
// It covers its own line and the next one; in the doc comment of a
// declaration, a struct field or an interface method, it covers all of
// that node. Like staticcheck's //lint:ignore, the reason is required: a
// suppression without one, or naming a rule cqlint does not have, is
// reported by this package's Analyzer and suppresses nothing. As there, a
// trailing comma after the rules is allowed, unless a rule name follows
// it (resultfield, signature: the space makes signature the reason).
//
// # Analyzer suppress
//
// suppress: find //cqlint:ignore comments for the cq analyzers; report those without a reason or with an unknown rule
//
// A suppression reads //cqlint:ignore <rule>[,<rule>...] <reason>. It
// covers its own line and the next one; in the doc comment of a
// declaration, a struct field or an interface method, it covers all of
// that node. Reported: a suppression that names no rule, names a rule
// cqlint does not have, gives no reason, or separates its rules by
// spaces. Such a suppression suppresses nothing. Reports are never made
// in generated files (// Code generated ... DO NOT EDIT.), whose fixes
// belong in their generator.
//
// Unlike staticcheck, cqlint does not report suppressions that suppress
// nothing: under go vet a run sees one package's findings of the rules
// switched on, so an "unused" verdict would be wrong whenever a rule is
// switched off.
//
// # Why
//
// A suppression is a decision someone will have to revisit: the reason
// says why the rule does not apply, for the reviewer now and the reader
// later, as staticcheck's //lint:ignore requires. A misspelt rule would
// silently suppress nothing.
//
// # Bad
//
//	//cqlint:ignore resultfield // suppress: //cqlint:ignore resultfield gives no reason: say why the rule does not apply here
//	type GetDashboardQuery struct {
//		Result *Dashboard
//	}
//
// # Good
//
//	//cqlint:ignore resultfield the HTTP API returns this struct as it is; removed in v2 of the API
//	type GetDashboardQuery struct {
//		Result *Dashboard
//	}
//
// # Fix
//
// Name the rules without spaces between them (resultfield,signature) and
// give the reason after them.
//
// # Suppress
//
// A malformed suppression cannot itself be suppressed: correct it.
package suppress
