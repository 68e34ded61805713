// Package handmethod has a hand-written method of the generated fake that
// cqgen generates too.
package handmethod

//cq:query result=int
type GetTeapotQuery struct{}
