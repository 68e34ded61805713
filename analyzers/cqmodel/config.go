package cqmodel

import (
	"flag"
	"strings"
)

// Config is the part of the policy a team can change. Every field is an
// analyzer flag of the cqmodel analyzer (-cqmodel.<name>), so go vet's
// result cache sees every setting: a config file read behind go vet's back
// would give stale results.
type Config struct {
	CommandSuffixes   list // type-name suffixes that make a command
	QuerySuffixes     list // type-name suffixes that make a query
	EventSuffixes     list // type-name suffixes that make an event
	EventPackages     list // package names whose structs are all events
	PublishMethods    list // bus methods whose message argument is an event
	ListenerMethods   list // bus methods whose handler argument takes an event
	HandlerRegistrars list // bus methods that register a command/query handler
	RequireUse        bool // a suffix alone is not enough: the type must be used as a message
}

// DefaultConfig returns the policy described in the package documentation.
func DefaultConfig() *Config {
	return &Config{
		CommandSuffixes:   list{"Command", "Cmd"},
		QuerySuffixes:     list{"Query"},
		EventSuffixes:     list{"Event"},
		EventPackages:     list{"events"},
		PublishMethods:    list{"Publish"},
		ListenerMethods:   list{"AddEventListener"},
		HandlerRegistrars: list{"AddHandler", "AddHandlerCtx"},
		RequireUse:        true,
	}
}

// RegisterFlags adds the settings to fs.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.Var(&c.CommandSuffixes, "command-suffixes", "comma-separated type-name suffixes of commands")
	fs.Var(&c.QuerySuffixes, "query-suffixes", "comma-separated type-name suffixes of queries")
	fs.Var(&c.EventSuffixes, "event-suffixes", "comma-separated type-name suffixes of events")
	fs.Var(&c.EventPackages, "event-packages", "comma-separated package names whose structs are events")
	fs.Var(&c.PublishMethods, "publish-methods", "comma-separated bus method names that publish an event")
	fs.Var(&c.ListenerMethods, "listener-methods", "comma-separated bus method names that register an event listener")
	fs.Var(&c.HandlerRegistrars, "handler-registrars", "comma-separated bus method names that register a command/query handler")
	fs.BoolVar(&c.RequireUse, "require-use", c.RequireUse, "count a suffixed struct as a command/query/event only when it is used as one (a Result field, a service-method parameter, a Publish argument)")
}

// list is a comma-separated flag value.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

func (l *list) Set(s string) error {
	*l = nil
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			*l = append(*l, f)
		}
	}
	return nil
}

func (l list) has(s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// suffix returns the longest suffix of l that name ends with and that leaves
// a non-empty prefix, or "".
func (l list) suffix(name string) string {
	best := ""
	for _, s := range l {
		if len(name) > len(s) && strings.HasSuffix(name, s) && len(s) > len(best) {
			best = s
		}
	}
	return best
}
