// Package handwritten has a hand-written file at one of cqgen's output
// paths.
package handwritten

//cq:query result=int
type GetTeapotQuery struct{}
