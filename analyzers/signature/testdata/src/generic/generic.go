// Package generic has a generic repository, a data access abstraction
// over any entity: not a service, though two of its methods take a
// pagination struct named ListQuery. The same methods on a plain
// interface are a service's.
package generic

import "context"

type ListQuery struct {
	Page, Size int
}

type ListResult[T any] struct{ Items []T }

type GenericRepository[TEntity any] interface {
	Add(ctx context.Context, entity TEntity) error
	GetAll(ctx context.Context, q *ListQuery) (*ListResult[TEntity], error)
	Count(ctx context.Context) int64
}

type Repo[TEntity any] struct{}

func (r *Repo[TEntity]) GetAll(ctx context.Context, q *ListQuery, extra int) (*ListResult[TEntity], error) {
	return nil, nil
}

type Thing struct{}

type ThingRepository interface {
	Add(ctx context.Context, entity Thing) error // want `ThingRepository.Add is not shaped`
	GetAll(ctx context.Context, q *ListQuery) (*ListResult[Thing], error)
}
