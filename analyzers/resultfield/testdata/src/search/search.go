// Package search has Grafana's search.Query: a query named by its suffix
// alone, with a Result field, taken by a service method (issue 11: it was
// never classified).
package search

import "context"

type Hit struct{ Title string }

type Query struct {
	Title  string
	Result []Hit // want `resultfield: Query.Result \(\[\]Hit\) is filled in by the query's handler`
}

type Service interface {
	SearchHandler(ctx context.Context, q *Query) error
}

type SearchService struct{}

func (s *SearchService) SearchHandler(ctx context.Context, q *Query) error { // want `resultfield: SearchService.SearchHandler writes q.Result \(line 22\) on the Query it receives`
	q.Result = append(q.Result, Hit{Title: q.Title})
	return nil
}

// Cmd is named by a suffix alone and never used as one: no message, and
// its Result is no command's.
type Cmd struct{ Out int }

type runner struct{ Result int }

func run(c *Cmd) *runner { return &runner{Result: c.Out} }
