// Package mockrec records calls made to hand-written mocks and replays
// configured return values, like a very small testify/mock.
package mockrec

import (
	"fmt"
	"sync"
)

// Call is one recorded call.
type Call struct {
	Method string
	Args   []any
}

// Mock is embedded in hand-written mocks.
type Mock struct {
	mu      sync.Mutex
	calls   []Call
	returns map[string][]any
}

// On configures the values the next calls of method return.
func (m *Mock) On(method string, returns ...any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.returns == nil {
		m.returns = make(map[string][]any)
	}
	m.returns[method] = returns
}

// Called records a call and returns the values configured with On.
func (m *Mock) Called(method string, args ...any) []any {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = append(m.calls, Call{Method: method, Args: args})
	ret, ok := m.returns[method]
	if !ok {
		panic(fmt.Sprintf("mockrec: unexpected call to %s", method))
	}
	return ret
}

// Calls returns the calls recorded so far, in order.
func (m *Mock) Calls() []Call {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Call(nil), m.calls...)
}
