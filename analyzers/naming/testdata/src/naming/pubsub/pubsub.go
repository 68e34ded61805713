// Package pubsub publishes through methods named Publish that are not an
// event bus: a pub/sub client's, with a topic and a variadic payload, and
// a transport's, with one concrete message type. Their messages are data,
// not events, and are not judged (no diagnostics here).
package pubsub

import "context"

// Message is a transport message.
type Message struct {
	UUID    string
	Payload []byte
}

// Publisher is a pub/sub client, shaped like watermill's.
type Publisher interface {
	Publish(topic string, messages ...*Message) error
}

// Envelope is what a transport sends.
type Envelope struct{ Body []byte }

// Sender publishes one concrete message type.
type Sender interface {
	Publish(ctx context.Context, m *Envelope) error
}

// Relay sends the same bytes both ways.
func Relay(ctx context.Context, p Publisher, s Sender, body []byte) error {
	if err := p.Publish("orders", &Message{UUID: "1", Payload: body}); err != nil {
		return err
	}
	return s.Publish(ctx, &Envelope{Body: body})
}
