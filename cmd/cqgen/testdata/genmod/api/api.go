// Package api uses the teapot service the way an HTTP handler would.
package api

import (
	"context"
	"fmt"

	"example.com/genmod/kettle"
	"example.com/genmod/teapot"
)

// Describe says what teapot id is called and who owns it.
func Describe(ctx context.Context, svc teapot.Service, id int64) (string, error) {
	t, err := svc.GetTeapot(ctx, teapot.GetTeapotQuery{ID: id})
	if err != nil {
		return "", fmt.Errorf("describing teapot %d: %w", id, err)
	}
	n, ok := svc.CountTeapots(ctx, teapot.CountTeapotsQuery{})
	if !ok {
		n = -1
	}
	return fmt.Sprintf("%s (1 of %d)", t.Name, n), nil
}

// Boil boils a kettle.
func Boil(ctx context.Context, store kettle.Store, id int64) (int, error) {
	return store.Boil(ctx, kettle.BoilWaterCommand{KettleID: id})
}
