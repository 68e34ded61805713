// Package resultfield defines an Analyzer that reports legacy Result fields
// of commands and queries and the handlers that fill them in.
//
// # Analyzer resultfield
//
// resultfield: report Result fields of commands and queries, and the functions that fill them in
//
// Grafana's legacy bus pattern passes a query to its handler and has the
// handler write the answer into the query's Result field:
//
//	type GetDashboardQuery struct {
//		UID    string
//		Result *Dashboard
//	}
//
//	func (s *Store) GetDashboard(ctx context.Context, q *GetDashboardQuery) error {
//		q.Result = d
//		return nil
//	}
//
// The conventions replace this with a return value:
//
//	func (s *Store) GetDashboard(ctx context.Context, q *GetDashboardQuery) (*Dashboard, error)
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
//     call (an ORM's Find(&q.Result)). One report per function and query,
//     at the function's name, naming the first write.
//
// A query the function built itself (q := &Q{}) is a caller's, not a
// handler's: resetting its Result is not reported. Nor is a query received
// by value: writes to the function's own copy reach no caller (Grafana's
// HTTP handlers bind a command by value, dispatch it, then adjust
// cmd.Result before responding).
//
// There is no suggested fix: removing a Result field changes every
// producer, caller, interface and test double of the type at once, which
// is what `cqgen refactor` does for a whole repository.
package resultfield
