package api

import (
	"net/http"

	"teapot"
)

// ReqContext is a web framework's request context.
type ReqContext struct{}

type HTTPServer struct{}

// HTTP handlers take a command bound from the request body: clients of the
// service, not services. Not reported.
func (hs *HTTPServer) BrewTea(c *ReqContext, cmd teapot.BrewTeaCommand) error { return nil }

func (hs *HTTPServer) GetTeapot(w http.ResponseWriter, r *http.Request, q teapot.GetTeapotQuery) {}
