// Package handfake has a hand-written FakeService in handfaketest, and a
// hand-written Service in a test file of its own.
package handfake

//cq:query result=int
type GetTeapotQuery struct{}
