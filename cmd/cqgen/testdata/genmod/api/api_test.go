package api

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"example.com/genmod/kettle"
	"example.com/genmod/kettle/kettletest"
	"example.com/genmod/teapot"
	"example.com/genmod/teapot/teapottest"
)

func TestDescribeWithFake(t *testing.T) {
	fake := &teapottest.FakeService{
		ExpectedGetTeapot:      &teapot.Teapot{ID: 1, Name: "Brown Betty"},
		ExpectedCountTeapots:   3,
		ExpectedCountTeapotsOK: true,
	}
	got, err := Describe(context.Background(), fake, 1)
	require.NoError(t, err)
	require.Equal(t, "Brown Betty (1 of 3)", got)

	fake.ExpectedError = errors.New("boom")
	_, err = Describe(context.Background(), fake, 1)
	require.ErrorContains(t, err, "boom")
}

func TestDescribeWithMock(t *testing.T) {
	svc := teapottest.NewMockService(t)
	svc.EXPECT().GetTeapot(mock.Anything, teapot.GetTeapotQuery{ID: 7}).Return(&teapot.Teapot{ID: 7, Name: "Moka"}, nil).Once()
	svc.EXPECT().CountTeapots(mock.Anything, mock.Anything).Return(2, true)
	got, err := Describe(context.Background(), svc, 7)
	require.NoError(t, err)
	require.Equal(t, "Moka (1 of 2)", got)
	svc.AssertExpectations(t)
}

func TestDescribeWithMockRunAndReturn(t *testing.T) {
	svc := teapottest.NewMockService(t)
	var asked int64
	svc.EXPECT().GetTeapot(mock.Anything, mock.Anything).
		Run(func(ctx context.Context, query teapot.GetTeapotQuery) { asked = query.ID }).
		RunAndReturn(func(ctx context.Context, query teapot.GetTeapotQuery) (*teapot.Teapot, error) {
			return nil, errors.New("no such teapot")
		})
	_, err := Describe(context.Background(), svc, 9)
	require.ErrorContains(t, err, "no such teapot")
	require.Equal(t, int64(9), asked)
}

func TestBoilWithMock(t *testing.T) {
	store := kettletest.NewMockStore(t)
	store.EXPECT().Boil(mock.Anything, kettle.BoilWaterCommand{KettleID: 4}).Return(100, nil)
	got, err := Boil(context.Background(), store, 4)
	require.NoError(t, err)
	require.Equal(t, 100, got)
	store.AssertExpectations(t)

	fake := &kettletest.FakeStore{ExpectedBoil: 90}
	got, err = Boil(context.Background(), fake, 4)
	require.NoError(t, err)
	require.Equal(t, 90, got)
}
