package svc

import "context"

// FakeStore is a hand-written Store for tests: each method records its
// query, gives the Expected value and returns the error set for it.
type FakeStore struct {
	ExpectedThing  *Thing
	ExpectedThings []*Thing
	ExpectedCount  int64
	ExpectedExists bool
	ExpectedID     int64
	ExpectedErr    error

	// CreateErr, when set, is CreateThing's error instead of ExpectedErr.
	CreateErr error

	GetThingQueries []*GetThingQuery
	CreatedNames    []string
}

func (f *FakeStore) GetThing(ctx context.Context, q *GetThingQuery) error {
	f.GetThingQueries = append(f.GetThingQueries, q)
	q.Result = f.ExpectedThing
	return f.ExpectedErr
}

func (f *FakeStore) ListThings(ctx context.Context, q *ListThingsQuery) error {
	if f.ExpectedErr != nil {
		return f.ExpectedErr
	}
	q.Result = f.ExpectedThings
	return nil
}

func (f *FakeStore) CountThings(ctx context.Context, q *CountThingsQuery) error {
	q.Result = f.ExpectedCount
	return f.ExpectedErr
}

func (f *FakeStore) ThingExists(ctx context.Context, q *ThingExistsQuery) error {
	q.Result = f.ExpectedExists
	return f.ExpectedErr
}

func (f *FakeStore) CreateThing(ctx context.Context, cmd *CreateThingCommand) error {
	if f.CreateErr != nil {
		return f.CreateErr
	}
	f.CreatedNames = append(f.CreatedNames, cmd.Name)
	cmd.Result = f.ExpectedID
	return f.ExpectedErr
}
