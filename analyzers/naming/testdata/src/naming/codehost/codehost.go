// Package codehost names its queries after a code host's nouns: a lone
// plural (Commits) and a compound noun whose first word is a verb (pull
// request) are nouns, read in context.
package codehost

import "context"

type Commit struct{}

type CommitsQuery struct{ Repo string } // want `query CommitsQuery has no verb in the imperative \(Commits is a noun here\): a query is named in the imperative; rename it to GetCommitsQuery`

type PullRequestsQuery struct{ Repo string } // want `query PullRequestsQuery has no verb in the imperative \(PullRequests is a noun\): a query is named in the imperative; rename it to GetPullRequestsQuery`

type ListPullRequestsQuery struct{ Repo string }

type CreatesUserCommand struct{ Name string } // want `command CreatesUserCommand starts with Creates, not the imperative Create`

type Host interface {
	Commits(ctx context.Context, q CommitsQuery) ([]Commit, error)
	PullRequests(ctx context.Context, q PullRequestsQuery) ([]Commit, error)
	ListPullRequests(ctx context.Context, q ListPullRequestsQuery) ([]Commit, error)
	CreateUser(ctx context.Context, cmd CreatesUserCommand) error
}
