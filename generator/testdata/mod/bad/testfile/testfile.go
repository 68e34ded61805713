// Package testfile has directives only in its test files, which cqgen
// does not read: each is an error.
package testfile

type Teapot struct{}
