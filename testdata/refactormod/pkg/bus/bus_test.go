package bus_test

import (
	"context"
	"strings"
	"testing"

	"example.com/shop/pkg/bus"
)

type pingCommand struct {
	Name  string
	Reply string
}

func TestDispatchCallsRegisteredHandler(t *testing.T) {
	b := bus.New()
	b.AddHandler(func(ctx context.Context, cmd *pingCommand) error {
		cmd.Reply = "pong " + cmd.Name
		return nil
	})
	cmd := pingCommand{Name: "tea"}
	if err := b.Dispatch(context.Background(), &cmd); err != nil {
		t.Fatal(err)
	}
	if cmd.Reply != "pong tea" {
		t.Errorf("Reply = %q, want %q", cmd.Reply, "pong tea")
	}
}

func TestDispatchWithoutHandler(t *testing.T) {
	err := bus.New().Dispatch(context.Background(), &pingCommand{})
	if err == nil || !strings.Contains(err.Error(), "no handler for *bus_test.pingCommand") {
		t.Fatalf("err = %v, want a missing-handler error", err)
	}
}
