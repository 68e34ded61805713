package flags

import "context"

type Service interface {
	Reindex(ctx context.Context, cmd *ReindexSearchCommand) error
	Alert(ctx context.Context, cmd *AlertRulesQuery) error
	Starred(ctx context.Context, q *IsStarredQuery) error
	Spin(ctx context.Context, q *SpinWheelCommand) error
}

// With -naming.verbs=frobnicate,spin:spun:spun, -naming.nonverbs=alert,
// -naming.predicates=Has and -cqmodel.require-use=false (events by their
// suffix alone).

type ReindexSearchCommand struct{} // reindex is in the lexicon already

type AlertRulesQuery struct{} // want `query AlertRulesQuery has no verb in the imperative \(Alert is not one\)`

type IsStarredQuery struct{} // want `query IsStarredQuery has no verb`

type SpinWheelCommand struct{}

type WheelSpunEvent struct{}

type FrobnicateEvent struct{} // want `rename it to FrobnicatedEvent`

type SpinWheelEvent struct{} // want `rename it to WheelSpunEvent`
