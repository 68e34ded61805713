// Package plain has no directives: cqgen writes nothing for it.
package plain

type GetThingQuery struct{ Result int }
