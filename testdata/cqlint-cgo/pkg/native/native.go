// Package native calls C. go vet and the standalone driver hand cqlint
// the cgo-processed file, which begins with cmd/cgo's "Code generated"
// line; the findings are still this file's.
package native

// static int answer(void) { return 42; }
import "C"

import "context"

type GetAnswerQuery struct {
	Result int
}

func GetAnswer(ctx context.Context, q *GetAnswerQuery) error {
	q.Result = int(C.answer())
	return nil
}

type GetQuestionQuery struct {
	//cqlint:ignore resultfield kept for the legacy bus until the C side returns it
	Result string
}
