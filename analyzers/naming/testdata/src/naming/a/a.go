package a

import "context"

type Dashboard struct{}

// Service is a service: the parameters of its methods are commands and
// queries.
type Service interface {
	CreateFolder(ctx context.Context, cmd *CreateFolderCommand) error
	FolderDelete(ctx context.Context, cmd *FolderDeleteCommand) error
	CreatedOrg(ctx context.Context, cmd *CreatedOrgCommand) error
	SendingEmail(ctx context.Context, cmd *SendingEmailCommand) error
	CreatesTeam(ctx context.Context, cmd *CreatesTeamCommand) error
	GetUser(ctx context.Context, q *GetUserByIDQuery) error
	Dashboard(ctx context.Context, q *DashboardQuery) (*Dashboard, error)
	IsStarred(ctx context.Context, q *IsStarredByUserQuery) (bool, error)
	UpdateACL(ctx context.Context, cmd *UpdateDashboardACLCommand) error
	Org(ctx context.Context, cmd *OrgCommand) error
}

type CreateFolderCommand struct{}

type FolderDeleteCommand struct{} // want `naming: command FolderDeleteCommand starts with Folder, not a verb: a command is named in the imperative; rename it to DeleteFolderCommand`

type CreatedOrgCommand struct{} // want `naming: command CreatedOrgCommand starts with the past form Created, not the imperative: .*; rename it to CreateOrgCommand`

type SendingEmailCommand struct{} // want `rename it to SendEmailCommand`

type CreatesTeamCommand struct{} // want `rename it to CreateTeamCommand`

type GetUserByIDQuery struct{}

type DashboardQuery struct{} // want `naming: query DashboardQuery has no verb in the imperative \(Dashboard is not one\): a query is named in the imperative; rename it to GetDashboardQuery`

type IsStarredByUserQuery struct{}

type UpdateDashboardACLCommand struct{}

type OrgCommand struct{} // want `naming: command OrgCommand has no verb in the imperative \(Org is not one\): a command is named in the imperative, like CreateFolderCommand`

// Legacy: a Result field makes a query.
type UsersQuery struct { // want `rename it to GetUsersQuery`
	Result []string
}

// Events.

type UserCreated struct{}

type StickersSentEvent struct{}

type SendReportEvent struct{} // want `naming: event SendReportEvent is in the imperative, not the past tense: an event is named in the past tense; rename it to ReportSentEvent`

type UserCreationEvent struct{} // want `rename it to UserCreatedEvent`

type UserEvent struct{} // want `naming: event UserEvent has no verb in the past tense: an event is named in the past tense, like UserCreated or StickersSentEvent`

//cq:event
type BeginMigration struct{} // want `rename it to MigrationBegan`

//cq:event
type UserLoggedIn struct{}

// A phrasal verb alone (found by FuzzNames: it panicked).
//
//cq:event
type SignUp struct{} // want `naming: event SignUp is the verb's base form, not the past tense: .*; rename it to SignedUp`

type Bus interface {
	Publish(ctx context.Context, msg any) error
}

func publish(ctx context.Context, b Bus) {
	_ = b.Publish(ctx, &BuildIndex{})
	_ = b.Publish(ctx, &IndexBuilt{})
	_ = b.Publish(ctx, &StickersSentEvent{})
	_ = b.Publish(ctx, &SendReportEvent{})
	_ = b.Publish(ctx, &UserCreationEvent{})
	_ = b.Publish(ctx, &UserEvent{})
}

// A payload record named like an event that never reaches the bus (Grafana
// Live's SubscribeEvent, Prometheus' ExemplarEvent): no event, so no
// report, unless -cqmodel.require-use=false.
type ExemplarEvent struct{}

type BuildIndex struct{} // want `rename it to IndexBuilt \(IndexBuilt is already declared in the package: pick another name\)`

type IndexBuilt struct{}

// Not messages: not reported.
type FolderCreate struct{}

type helper struct{}

//cqlint:ignore naming the wire format fixes this name
type OrgUpdateEvent struct{}

// Published, but named as a query: judged as a query (the events analyzer
// reports the publishing).
type testQuery struct{}

type OrgQuery struct{} // want `naming: query OrgQuery has no verb in the imperative \(Org is not one\): a query is named in the imperative; rename it to GetOrgQuery`

func publishQueries(ctx context.Context, b Bus) {
	_ = b.Publish(ctx, &testQuery{})
	_ = b.Publish(ctx, &OrgQuery{})
}

// A query named by its suffix alone (Grafana's search.Query) has no verb.
type Query struct { // want `naming: query Query has no words before its suffix Query: a query is named in the imperative, like CreateFolderCommand`
	Result []string
}
