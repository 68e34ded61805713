// Package query holds queries without a suffix: with
// -cqmodel.query-packages=query its exported structs that a handler takes
// are queries. Training, which a handler only returns, is a read model
// and is not judged.
package query

import "context"

type GetTrainings struct{ User string }

type AvailableHours struct{ From, To int64 } // want `naming: query AvailableHours`

type Training struct {
	UUID string
	Time int64
}

type trainingsHandler struct{}

func (h trainingsHandler) Handle(ctx context.Context, q GetTrainings) ([]Training, error) {
	return nil, nil
}

type hoursHandler struct{}

func (h hoursHandler) Handle(ctx context.Context, q AvailableHours) ([]int64, error) {
	return nil, nil
}
