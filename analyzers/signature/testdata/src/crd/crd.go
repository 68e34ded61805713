// Package crd holds a custom resource whose type is named like a query,
// with the methods Kubernetes' deepcopy-gen writes: their signatures are
// the generator's, not a service's (no diagnostics on them).
package crd

import "context"

type PrometheusQuery struct {
	Expr string
	Step int64
}

// DeepCopyInto copies the receiver into out.
func (in *PrometheusQuery) DeepCopyInto(out *PrometheusQuery) { *out = *in }

// DeepCopy copies the receiver into a new PrometheusQuery.
func (in *PrometheusQuery) DeepCopy() *PrometheusQuery {
	out := new(PrometheusQuery)
	in.DeepCopyInto(out)
	return out
}

// Evaluator is a service that takes the query as a service would, badly.
type Evaluator struct{}

func (e *Evaluator) Evaluate(q *PrometheusQuery) ([]float64, error) { // want `Evaluator.Evaluate is not shaped func\(ctx context.Context, args T\) \(U, error\): its first parameter is not context.Context`
	_ = context.Background()
	return nil, nil
}
