package teapotimpl

import (
	"context"
	"errors"
	"testing"

	"example.com/genmod/legacy/models"
	"example.com/genmod/teapot"
)

func TestLegacyAdapter(t *testing.T) {
	s := New(&teapot.Teapot{ID: 1, Owner: models.User{Login: "ada"}})
	var svc teapot.Service = s
	owner, err := svc.GetOwner(context.Background(), teapot.GetOwnerQuery{TeapotID: 1})
	if err != nil || owner == nil || owner.Login != "ada" {
		t.Fatalf("GetOwner = %v, %v; want ada", owner, err)
	}
	owner, err = svc.GetOwner(context.Background(), teapot.GetOwnerQuery{TeapotID: 2})
	if !errors.Is(err, ErrNotFound) || owner != nil {
		t.Fatalf("GetOwner of a missing teapot = %v, %v; want nil, ErrNotFound", owner, err)
	}
}
