// Package query holds queries without a suffix: with
// -cqmodel.query-packages=query its exported structs are queries.
package query

type GetTrainings struct{ User string }

type AvailableHours struct{ From, To int64 } // want `naming: query AvailableHours`
