package folders

import (
	"context"
	"testing"
)

func TestCreate(t *testing.T) {
	var s Service
	cmd := folderCreateCommand{Title: "a"}
	if err := s.create(context.Background(), &cmd); err != nil {
		t.Fatal(err)
	}
}
