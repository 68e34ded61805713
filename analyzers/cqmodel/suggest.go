package cqmodel

import (
	"unicode"
)

// readVerbs open the names of methods that read: what they take is a
// query. mutationVerbs open those that change state: a command.
var (
	readVerbs = set("Get", "List", "Search", "Find", "Count", "Is", "Has", "Can", "Check",
		"Query", "Fetch", "Load", "Lookup", "Read", "Exists", "Validate", "Resolve")
	mutationVerbs = set("Create", "Update", "Delete", "Remove", "Add", "Set", "Save", "Insert",
		"Upsert", "Put", "Patch", "Send", "Publish", "Start", "Stop", "Enable", "Disable",
		"Register", "Unregister", "Assign", "Unassign", "Rename", "Move", "Import", "Mark",
		"Reset", "Revoke", "Grant", "Approve", "Reject", "Cancel", "Archive", "Restore",
		"Apply", "Sync", "Store", "Write", "Clear", "Purge", "Migrate", "Rotate", "Run")
)

func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w] = true
	}
	return m
}

// SuggestRequest names the struct a service method should take: its name
// with the first query suffix when its first word reads (GetUser:
// GetUserQuery), with the first command suffix when it changes state
// (Update: UpdateCommand). For another first word, kind is NotMessage and
// both names are given.
func (c *Config) SuggestRequest(method string) (kind Kind, query, command string) {
	query, command = method+first(c.QuerySuffixes, "Query"), method+first(c.CommandSuffixes, "Command")
	switch verb := firstWord(method); {
	case readVerbs[verb]:
		return Query, query, ""
	case mutationVerbs[verb]:
		return Command, "", command
	}
	return NotMessage, query, command
}

// first is l's first suffix, or def for an empty list: a team whose
// messages all carry directives still needs a name to be told.
func first(l list, def string) string {
	if len(l) > 0 {
		return l[0]
	}
	return def
}

// firstWord is a camel-case name up to its second upper-case letter:
// Get in GetUserByID, Update in Update.
func firstWord(name string) string {
	for i, r := range name {
		if i > 0 && unicode.IsUpper(r) {
			return name[:i]
		}
	}
	return name
}
