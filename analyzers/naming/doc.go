// Package naming defines an Analyzer that checks the mood and tense of the
// names of commands, queries and events.
//
// # Analyzer naming
//
// naming: commands and queries are named in the imperative, events in the past tense
//
// The name is split into words (GetUserByIDQuery: Get User By ID Query;
// acronyms, plural acronyms such as IDs, digits such as V2 and S3 stay
// whole) and the suffix (Command, Cmd, Query, Event, as the -cqmodel.*
// flags set them) is set aside.
//
// A command or query (as cqmodel classifies the package's own types) is
// an instruction, so its name starts with a verb in its base form:
// CreateFolderCommand, SetUsingOrgCommand, UpsertUserCommand,
// GetUserByIDQuery. Reported: a noun first (FolderCreateCommand, suggest
// CreateFolderCommand), a past or -ing form (CreatedFolderCommand,
// CreatingFolderCommand), a third person (CreatesFolderCommand) and no
// verb at all (DashboardQuery, suggest GetDashboardQuery; a command gets
// no suggestion). A query that is a boolean predicate
// (IsStarredByUserQuery, HasEditPermissionInFoldersQuery, CanViewQuery) is
// accepted; -naming.predicates sets its first words (empty: none).
//
// An event is something that already happened, so its name, less an Event
// suffix, ends in a past tense or past participle, phrasal verbs included:
// UserCreated, StickersSentEvent, UserLoggedIn, SignUpCompleted,
// PasswordReset, IndexBuilt, TeamLeft. Reported, each with a corrected
// name: the imperative (CreateUser, suggest UserCreated; BuildIndex,
// suggest IndexBuilt), a base form (UserCreate, OrgUpdate), a
// nominalisation (UserCreation, TokenRevocation: TokenRevoked), an -ing
// form (DashboardSaving), a plural or third person (DashboardChanges:
// DashboardChanged), and no verb at all (UserEvent, no suggestion). A
// suggestion puts the object first and the participle last (WriteFile:
// FileWritten); a few intransitive irregular verbs take the simple past
// instead (BeginMigration: MigrationBegan).
//
// Mood and tense come from an English verb lexicon (package lexicon) with
// irregular forms (sent, built, began, left), not from suffixes. A verb
// that is mostly a noun in English (team, state, rule) does not count as
// the imperative at the start of a name, except for those software uses as
// verbs (star, patch, log). A name that starts with a verb but ends in
// create, get, fetch, upsert, insert or publish reads noun first
// (WriteConfigCreateCmd: CreateWriteConfigCmd) unless it has Or or And
// (GetOrCreate...). A struct named like a query or command but published
// is judged as a query or command (the events rule reports the
// publishing); a //cq:event directive makes it an event. A team's own
// verbs and words that must never be taken as verbs are added with
// -naming.verbs=reindex,spin:spun:spun and -naming.nonverbs=alert,...
//
// The package's own types are judged at their declaration, except those a
// _test.go file declares: a test's fixtures (a TestEvent published to see
// the bus work) are no part of the API. A struct of
// another package that this package publishes or listens for is an event
// by that use, which its own package never sees: it is judged here, once,
// at its first bus call, with its declaration's position in the message,
// unless its package is an event package or its declaration carries a
// //cq: directive or a //cqlint:ignore naming (then it is judged, or not,
// where it is declared).
//
// # Why
//
// A command or query asks a service to do something, so it reads as an
// instruction: CreateFolderCommand, GetDashboardQuery. An event reports
// something that has already happened and that listeners react to, so it
// reads in the past tense: UserCreated. With the mood in the name, a
// reader tells a request from a notification without looking up the type,
// and a bus call that publishes an instruction stands out.
//
// # Bad
//
//	type FolderCreateCommand struct{ Title string } // naming: command FolderCreateCommand starts with Folder, not a verb: a command is named in the imperative; rename it to CreateFolderCommand
//	type SendReportEvent struct{}                   // naming: event SendReportEvent is in the imperative, not the past tense: an event is named in the past tense; rename it to ReportSentEvent
//
// # Good
//
//	type CreateFolderCommand struct{ Title string }
//	type ReportSentEvent struct{}
//
// # Fix
//
// The message names the corrected name when one can be derived. A rename
// of the type and every use in the package (its _test.go files and the
// first word of its doc comment included) is offered as a suggested fix
// only for an unexported type, and only when the new name is not used in
// the package already, is not suggested for another of its types too
// (two renames to one name would not build), and no Go file of the
// package's directory that the pass does not see (another GOOS or build
// tag; the tests under -test=false) mentions the type: renaming an
// exported type would break its importers, which a pass does not see.
// Apply the fixes with
//
//	cqlint -fix ./...
//
// (or preview them with cqlint -fix -diff ./..., or apply them through
// go fix -fixtool=$(which cqlint) ./...); rename an exported type with
// gopls or your editor.
package naming
