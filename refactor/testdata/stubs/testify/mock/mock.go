// Package mock is a stand-in for testify's mock package in the refactor
// test cases: the same names and signatures (those the cases use), so
// that the cases type-check without the module proxy; what it does at
// run time does not matter, as the cases are only planned and verified.
package mock

// Arguments are the arguments of a call, or the values it returns.
type Arguments []interface{}

func (a Arguments) Get(i int) interface{} { return a[i] }

func (a Arguments) Error(i int) error {
	err, _ := a[i].(error)
	return err
}

func (a Arguments) String(indexOrNil ...int) string { return "" }

func (a Arguments) Int(i int) int { return a[i].(int) }

func (a Arguments) Bool(i int) bool { return a[i].(bool) }

// Mock is embedded in mocks.
type Mock struct{ ExpectedCalls []*Call }

func (m *Mock) On(methodName string, arguments ...interface{}) *Call { return &Call{Parent: m} }

func (m *Mock) Called(arguments ...interface{}) Arguments { return nil }

func (m *Mock) Test(t TestingT) {}

func (m *Mock) AssertExpectations(t TestingT) bool { return true }

func (m *Mock) AssertCalled(t TestingT, methodName string, arguments ...interface{}) bool {
	return true
}

// Call is one expectation.
type Call struct {
	Parent          *Mock
	ReturnArguments Arguments
}

func (c *Call) Return(returnArguments ...interface{}) *Call { return c }

func (c *Call) Run(fn func(args Arguments)) *Call { return c }

func (c *Call) Once() *Call { return c }

func (c *Call) Twice() *Call { return c }

func (c *Call) Times(i int) *Call { return c }

func (c *Call) Maybe() *Call { return c }

// TestingT is what the assertions report to.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
	Cleanup(func())
}

const Anything = "mock.Anything"

type AnythingOfTypeArgument string

func AnythingOfType(t string) AnythingOfTypeArgument { return AnythingOfTypeArgument(t) }

type argumentMatcher struct{ fn interface{} }

func MatchedBy(fn interface{}) argumentMatcher { return argumentMatcher{fn} }

func (m *Mock) AssertNotCalled(t TestingT, methodName string, arguments ...interface{}) bool {
	return true
}
