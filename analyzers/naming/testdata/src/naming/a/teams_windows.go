package a

// Built only on Windows: a rename that skipped this file would break that
// build.
var _ = teamDeleteCommand{}
