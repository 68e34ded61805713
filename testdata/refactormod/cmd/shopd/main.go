// Command shopd serves the shop API on :8080 with an empty database.
package main

import (
	"log"
	"net/http"

	"example.com/shop/pkg/api"
	"example.com/shop/pkg/bus"
	"example.com/shop/pkg/services/shop/shopimpl"
	"example.com/shop/pkg/services/shop/store"
)

func main() {
	b := bus.New()
	svc := shopimpl.ProvideService(store.New(), b)
	hs := api.ProvideHTTPServer(svc, svc, svc, b)
	log.Fatal(http.ListenAndServe(":8080", hs.Routes()))
}
