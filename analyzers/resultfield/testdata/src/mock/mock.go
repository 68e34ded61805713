package mock

import (
	"context"

	"models"
)

// Arguments mimics testify's mock.Arguments.
type Arguments []any

func (a Arguments) Get(i int) any { return a[i] }

type Call struct{}

func (c *Call) Run(fn func(args Arguments)) *Call { return c }

type Mock struct{}

func (m *Mock) On(method string, args ...any) *Call { return &Call{} }

func Setup(m *Mock) {
	m.On("GetDashboard", context.Background(), nil).Run(func(args Arguments) { // want `this function literal writes q.Result \(line 25\) on the models.GetDashboardQuery it receives`
		q := args.Get(1).(*models.GetDashboardQuery)
		q.Result = &models.Dashboard{UID: "x"}
	})
}

// A fake in a test-double package is a handler like any other.
type FakeService struct{ Expected *models.Dashboard }

func (f *FakeService) GetDashboard(ctx context.Context, q *models.GetDashboardQuery) error { // want `FakeService.GetDashboard writes q.Result`
	q.Result = f.Expected
	return nil
}
