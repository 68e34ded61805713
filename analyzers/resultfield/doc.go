// Package resultfield defines an Analyzer that reports legacy Result fields
// of commands and queries and the handlers that fill them in.
//
// # Analyzer resultfield
//
// resultfield: report Result fields of commands and queries, and the functions that fill them in
//
// The analyzer reports, for each command or query (as the cqmodel analyzer
// classifies them: an HTTP response DTO with a Result field is not a query):
//
//   - the Result field itself, at the field;
//   - each function, method or function literal that writes Result on a
//     command or query it received: as a parameter, or through a type
//     assertion inside it (a testify Run callback's args.Get(1).(*Q)).
//     Writes count anywhere in its body, closures included (transaction
//     callbacks): q.Result = v, q.Result.X = v, q.Result[i] = v,
//     q.Result++, q.Result = append(q.Result, v), and &q.Result passed to a
//     call (an ORM's Find(&q.Result), json.Unmarshal(b, &q.Result)). One
//     report per function and query, at the function's name, naming the
//     line of the first write.
//
// A query the function built itself (q := &Q{}) is a caller's, not a
// handler's: resetting its Result is not reported. Nor is a query received
// by value: writes to the function's own copy reach no caller (Grafana's
// HTTP handlers bind a command by value, dispatch it, then adjust
// cmd.Result before responding). Nor is &q.Result.X passed to a call,
// which is as likely a read.
//
// # Why
//
// Grafana's legacy bus passes a query to its handler and has the handler
// write the answer into the query's Result field. The conventions replace
// that with a return value, func(ctx context.Context, q T) (U, error): the
// compiler then sees what a call produces, a caller cannot forget to read
// an error before the result, and a test double returns a value instead of
// mutating its argument.
//
// # Bad
//
//	type GetTeapotQuery struct {
//		ID     int64
//		Result *Teapot // resultfield: GetTeapotQuery.Result (*Teapot) is filled in by the query's handler: ...
//	}
//
//	func (s *Store) GetTeapot(ctx context.Context, q *GetTeapotQuery) error { // resultfield: Store.GetTeapot writes q.Result (line 2) ...
//		q.Result = s.teapots[q.ID]
//		return nil
//	}
//
// # Good
//
//	type GetTeapotQuery struct{ ID int64 }
//
//	func (s *Store) GetTeapot(ctx context.Context, q *GetTeapotQuery) (*Teapot, error) {
//		return s.teapots[q.ID], nil
//	}
//
// # Fix
//
// The message names the type, the field's type U, the signature to change
// to and the command that changes the whole module at once:
//
//	cqgen refactor --types=GetTeapotQuery ./...
//
// It removes the field and rewrites every handler, caller, interface, fake
// and mock, or refuses with a reason and changes nothing. There is no
// suggested fix: removing a field changes code in packages a pass does not
// see.
package resultfield
