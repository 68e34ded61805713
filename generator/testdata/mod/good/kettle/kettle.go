// Package kettle is a second root, generated concurrently with teapot.
package kettle

import "example.com/gen/good/teapot"

// BoilCommand boils water for a teapot.
//
//cq:command service=Store result=teapot.Page[int]
type BoilCommand struct {
	Pot teapot.Teapot
}
