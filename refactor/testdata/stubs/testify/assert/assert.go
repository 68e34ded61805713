// Package assert is a stand-in for testify's assert with the signatures
// the refactor cases use, written for them.
package assert

import (
	"fmt"
	"reflect"
)

// TestingT is what the assertions report to.
type TestingT interface {
	Errorf(format string, args ...interface{})
}

func fail(t TestingT, what string, msgAndArgs ...interface{}) bool {
	t.Errorf("%s %s", what, fmt.Sprint(msgAndArgs...))
	return false
}

// Equal asserts that two values are deeply equal.
func Equal(t TestingT, expected, actual interface{}, msgAndArgs ...interface{}) bool {
	if !reflect.DeepEqual(expected, actual) {
		return fail(t, fmt.Sprintf("not equal: %v != %v", expected, actual), msgAndArgs...)
	}
	return true
}

// NoError asserts that err is nil.
func NoError(t TestingT, err error, msgAndArgs ...interface{}) bool {
	if err != nil {
		return fail(t, "unexpected error: "+err.Error(), msgAndArgs...)
	}
	return true
}

func isNil(v interface{}) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Ptr, reflect.Map, reflect.Slice, reflect.Interface, reflect.Func, reflect.Chan:
		return r.IsNil()
	}
	return false
}

// NotNil asserts that v is not nil.
func NotNil(t TestingT, v interface{}, msgAndArgs ...interface{}) bool {
	if isNil(v) {
		return fail(t, "nil", msgAndArgs...)
	}
	return true
}

// Len asserts that v has n elements.
func Len(t TestingT, v interface{}, n int, msgAndArgs ...interface{}) bool {
	if l := reflect.ValueOf(v).Len(); l != n {
		return fail(t, fmt.Sprintf("length %d, want %d", l, n), msgAndArgs...)
	}
	return true
}
