// Package handfaketest holds a fake written by hand.
package handfaketest

// FakeService is written by hand, before anyone ran cqgen.
type FakeService struct{}

// MockService_GetTeapot_Call too.
type MockService_GetTeapot_Call struct{}
