package shopimpl

import (
	"example.com/shop/pkg/bus"
	"example.com/shop/pkg/services/shop"
	"example.com/shop/pkg/services/shop/store"
)

// NewSeededService is exported for the shopimpl_test package.
var NewSeededService = newSeededService

// newSeededService returns a service over a database holding three
// products (two teas and a cup; Earl Grey is sold out), two customers
// (Bob has no email), prices and reviews.
func newSeededService() (*Service, *bus.Bus) {
	db := store.New()
	db.Seed(
		[]shop.Product{
			{ID: 1, SKU: "T-001", Name: "Sencha Green Tea", Category: "tea", PriceCents: 1200, Stock: 10},
			{ID: 2, SKU: "T-002", Name: "Earl Grey Tea", Category: "tea", PriceCents: 900, Stock: 0},
			{ID: 3, SKU: "C-001", Name: "Porcelain Cup", Category: "cups", PriceCents: 2500, Stock: 5},
		},
		[]shop.Customer{
			{ID: 10, Name: "Ada", Email: "ada@example.com"},
			{ID: 11, Name: "Bob"},
		},
		[]shop.Price{
			{ProductID: 1, Currency: "EUR", AmountCents: 1200},
			{ProductID: 1, Currency: "USD", AmountCents: 1300},
			{ProductID: 3, Currency: "EUR", AmountCents: 2500},
		},
		[]shop.Review{
			{ProductID: 1, Author: "ada", Stars: 5},
			{ProductID: 1, Author: "bob", Stars: 4},
		},
	)
	b := bus.New()
	return ProvideService(db, b), b
}
