// Package handwrittentest: this fake.gen.go was written by hand.
package handwrittentest

type FakeService struct{ Calls int }
