package cloudwatch

import "context"

// CloudWatchQuery is a data-source query model, handled by unexported code
// only: no service.
type CloudWatchQuery struct {
	RefID      string
	Expression string
}

type executor struct{}

func (e *executor) executeQuery(ctx context.Context, q CloudWatchQuery, from, to int64) ([]float64, error) {
	return nil, nil
}

func (e *executor) Execute(q CloudWatchQuery, from, to int64) ([]float64, error) { return nil, nil }

func parse(raw []byte) ([]CloudWatchQuery, error) { return nil, nil }

// Grafana v9's legacydata.RequestHandler takes a data source's query
// model (sub-queries with a RefID): no service interface.
type DataSource struct{}

type DataSubQuery struct{ RefID string }

type DataQuery struct{ Queries []DataSubQuery }

type RequestHandler interface {
	HandleRequest(ctx context.Context, ds *DataSource, query DataQuery) (int, error)
}
