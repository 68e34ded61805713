// Package cgo uses cgo: go/packages and go vet hand the analyzers the
// cgo-processed file, which starts with cmd/cgo's "Code generated" line.
// The reports belong to this file, which nobody generated.
package cgo

// int answer(void) { return 42; }
import "C"

import "context"

type GetAnswerQuery struct {
	Result int // want `resultfield: GetAnswerQuery.Result \(int\) is filled in by the query's handler`
}

func GetAnswer(ctx context.Context, q *GetAnswerQuery) error { // want `resultfield: GetAnswer writes q.Result \(line 16\) on the GetAnswerQuery it receives`
	q.Result = int(C.answer())
	return nil
}
