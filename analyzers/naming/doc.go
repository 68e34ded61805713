// Package naming defines an Analyzer that checks the mood and tense of the
// names of commands, queries and events.
//
// # Analyzer naming
//
// naming: commands and queries are named in the imperative, events in the
// past tense
//
// A command or query (as cqmodel classifies the package's own types) is
// an instruction, so its name starts with a verb in its base form:
// CreateFolderCommand, SetUsingOrgCommand, UpsertUserCommand,
// GetUserByIDQuery. Reported: a noun first (FolderCreateCommand, suggest
// CreateFolderCommand), a past or -ing form (CreatedFolderCommand,
// CreatingFolderCommand), a third person (CreatesFolderCommand) and no
// verb at all (DashboardQuery, suggest GetDashboardQuery). A query that is
// a boolean predicate (IsStarredByUserQuery, HasEditPermissionInFoldersQuery,
// CanViewQuery) is accepted; -naming.predicates sets its first words (empty:
// none).
//
// An event is something that already happened, so its name, less an Event
// suffix, ends in a past tense or past participle, phrasal verbs included:
// UserCreated, StickersSentEvent, UserLoggedIn, SignUpCompleted,
// PasswordReset, IndexBuilt, TeamLeft. Reported, each with a corrected
// name: the imperative (CreateUser, suggest UserCreated; BuildIndex,
// suggest IndexBuilt), a base form (UserCreate, OrgUpdate), a
// nominalisation (UserCreation, TokenRevocation: TokenRevoked), an -ing
// form (DashboardSaving), a plural or third person (DashboardChanges:
// DashboardChanged), and no verb at all (UserEvent, no suggestion).
//
// Mood and tense come from an English verb lexicon (package lexicon) with
// irregular forms (sent, built, began, left), not from suffixes. A verb
// that is mostly a noun in English (team, state, rule) does not count as
// the imperative at the start of a name, except for those software uses as
// verbs (star, patch, log). A team's own verbs and words that must never
// be taken as verbs are added with -naming.verbs=reindex,spin:spun:spun and
// -naming.nonverbs=alert,...
//
// The message names the corrected name. A rename is offered as a
// suggested fix only for an unexported type, every use of which is in the
// package, and only when the new name is not used in the package already:
// renaming an exported type would break its importers, which a pass does
// not see. The package's own types are judged at their declaration. A
// struct of another package that this package publishes or listens for
// is an event by that use, which its own package never sees: it is judged
// here, once, at its first bus call, with its declaration's position in
// the message, unless its package is an event package or its declaration
// carries a //cq: directive or a //cqlint:ignore naming (then it is
// judged, or not, where it is declared).
package naming
