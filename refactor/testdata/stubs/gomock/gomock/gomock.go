// Package gomock is a stand-in for go.uber.org/mock/gomock in the
// refactor test cases: the names and signatures mockgen's mocks and the
// cases' tests use, so that the cases type-check without the module
// proxy. The heavy tier runs the cases' tests with the real module.
package gomock

import "reflect"

// TestReporter is what a controller reports to.
type TestReporter interface {
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// TestHelper is a TestReporter that can mark helpers.
type TestHelper interface {
	TestReporter
	Helper()
}

// Controller holds the expectations.
type Controller struct{ T TestHelper }

func NewController(t TestReporter, opts ...any) *Controller { return &Controller{} }

func (ctrl *Controller) RecordCall(receiver any, method string, args ...any) *Call { return &Call{} }

func (ctrl *Controller) RecordCallWithMethodType(receiver any, method string, methodType reflect.Type, args ...any) *Call {
	return &Call{}
}

func (ctrl *Controller) Call(receiver any, method string, args ...any) []any { return nil }

func (ctrl *Controller) Finish() {}

// Call is one expectation.
type Call struct{}

func (c *Call) AnyTimes() *Call               { return c }
func (c *Call) MinTimes(n int) *Call          { return c }
func (c *Call) MaxTimes(n int) *Call          { return c }
func (c *Call) Times(n int) *Call             { return c }
func (c *Call) DoAndReturn(f any) *Call       { return c }
func (c *Call) Do(f any) *Call                { return c }
func (c *Call) Return(rets ...any) *Call      { return c }
func (c *Call) SetArg(n int, value any) *Call { return c }
func (c *Call) After(preReq *Call) *Call      { return c }

func InOrder(args ...any) {}

// Matcher matches an argument.
type Matcher interface {
	Matches(x any) bool
	String() string
}

type anyMatcher struct{}

func (anyMatcher) Matches(any) bool { return true }
func (anyMatcher) String() string   { return "is anything" }

func Any() Matcher     { return anyMatcher{} }
func Eq(x any) Matcher { return anyMatcher{} }
