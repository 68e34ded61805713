// Package require is a stand-in for testify's require with the
// signatures the refactor cases use, written for them.
package require

import "github.com/stretchr/testify/assert"

// TestingT is what the assertions report to and stop.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

// NoError stops the test unless err is nil.
func NoError(t TestingT, err error, msgAndArgs ...interface{}) {
	if !assert.NoError(t, err, msgAndArgs...) {
		t.FailNow()
	}
}

// Equal stops the test unless the values are deeply equal.
func Equal(t TestingT, expected, actual interface{}, msgAndArgs ...interface{}) {
	if !assert.Equal(t, expected, actual, msgAndArgs...) {
		t.FailNow()
	}
}

// NotNil stops the test if v is nil.
func NotNil(t TestingT, v interface{}, msgAndArgs ...interface{}) {
	if !assert.NotNil(t, v, msgAndArgs...) {
		t.FailNow()
	}
}

// Len stops the test unless v has n elements.
func Len(t TestingT, v interface{}, n int, msgAndArgs ...interface{}) {
	if !assert.Len(t, v, n, msgAndArgs...) {
		t.FailNow()
	}
}
