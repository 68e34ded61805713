package a

import (
	"context"
	"testing"
)

// TestEvent and SendMailCommand are a test's fixtures: published here to
// see the bus work, they are no part of the API, and their names are not
// judged (no diagnostics in this file).
type TestEvent struct{ N int }

type SendMail struct{}

func TestBus(t *testing.T) {
	var b Bus
	if b == nil {
		return
	}
	_ = b.Publish(context.Background(), &TestEvent{N: 1})
	_ = b.Publish(context.Background(), &SendMail{})
}
