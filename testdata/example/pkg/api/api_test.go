package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"example.com/example/pkg/services/teapot"
	"example.com/example/pkg/services/teapot/teapottest"
)

func TestGetTeapot(t *testing.T) {
	hs := &HTTPServer{Teapots: &teapottest.FakeService{ExpectedTeapot: &teapot.Teapot{ID: 1, Name: "brown betty"}}}
	rec := httptest.NewRecorder()
	hs.GetTeapot(rec, httptest.NewRequest(http.MethodGet, "/?orgId=1&id=1", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
}
