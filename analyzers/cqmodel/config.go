package cqmodel

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
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
	CommandPackages   list // package names whose exported structs a handler takes are commands
	QueryPackages     list // package names whose exported structs a handler takes are queries
	PublishMethods    list // bus methods whose message argument is an event
	ListenerMethods   list // bus methods whose handler argument takes an event
	HandlerRegistrars list // bus methods that register a command/query handler
	BusTypes          list // the buses whose publish and listener methods count (pkg.Type, path/pkg.Type, or pkg for functions); none: any bus-shaped one
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

// FlagPrefix is what the settings' flags are named with: cqlint's driver
// names an analyzer's flags after it (-cqmodel.query-suffixes), and cqgen
// registers the same names (RegisterFlags with this prefix).
const FlagPrefix = "cqmodel."

// RegisterFlags adds the settings to fs, each named prefix+name: "" for
// the analyzer, whose driver adds FlagPrefix; FlagPrefix for cqgen.
func (c *Config) RegisterFlags(fs *flag.FlagSet, prefix string) {
	for _, f := range c.flags() {
		fs.Var(f.value, prefix+f.name, f.usage)
	}
}

type setting struct {
	name, usage string
	value       flag.Value
}

// flags are the settings in the order of the flags table in docs/cqlint.md.
func (c *Config) flags() []setting {
	return []setting{
		{"command-suffixes", "comma-separated type-name suffixes of commands (at least one)", suffixes{&c.CommandSuffixes}},
		{"query-suffixes", "comma-separated type-name suffixes of queries (at least one)", suffixes{&c.QuerySuffixes}},
		{"event-suffixes", "comma-separated type-name suffixes of events (at least one)", suffixes{&c.EventSuffixes}},
		{"event-packages", "comma-separated package names whose structs are events", &c.EventPackages},
		{"command-packages", "comma-separated package names whose exported structs that a function there takes are commands (CQRS code without suffixes: command)", &c.CommandPackages},
		{"query-packages", "comma-separated package names whose exported structs that a function there takes are queries (CQRS code without suffixes: query)", &c.QueryPackages},
		{"publish-methods", "comma-separated bus method names that publish an event", &c.PublishMethods},
		{"listener-methods", "comma-separated bus method names that register an event listener", &c.ListenerMethods},
		{"handler-registrars", "comma-separated bus method names that register a command/query handler", &c.HandlerRegistrars},
		{"bus-types", "comma-separated buses whose publish and listener methods count: pkg.Type or import/path.Type of a bus type, pkg or import/path of a package with bus functions (none: any bus-shaped one)", &c.BusTypes},
		{"require-use", "count a suffixed struct as a command/query/event only when it is used as one (a Result field, a service-method parameter, a Publish argument)", (*boolFlag)(&c.RequireUse)},
	}
}

// Args are the settings of c that differ from the defaults, as cqgen
// flags (--cqmodel.query-suffixes=Query,Request), for a command that a
// message suggests: run with the same policy, cqgen sees the same types.
func (c *Config) Args() []string {
	var out []string
	def := DefaultConfig().flags()
	for i, f := range c.flags() {
		if v := f.value.String(); v != def[i].value.String() {
			out = append(out, "--"+FlagPrefix+f.name+"="+shellQuote(v))
		}
	}
	return out
}

// shellQuote quotes s for a POSIX shell when it holds anything but the
// letters, digits and punctuation of names and lists.
func shellQuote(s string) string {
	for _, r := range s {
		if !(r == ',' || r == '.' || r == '_' || r == '-' || r == '/' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	if s == "" {
		return "''"
	}
	return s
}

// boolFlag is a bool flag value, as flag.BoolVar makes one, but usable
// as a Value of its own.
type boolFlag bool

func (b *boolFlag) String() string   { return strconv.FormatBool(bool(*b)) }
func (b *boolFlag) IsBoolFlag() bool { return true }
func (b *boolFlag) Type() string     { return "bool" }

func (b *boolFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false, not %q", s)
	}
	*b = boolFlag(v)
	return nil
}

// list is a comma-separated flag value.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

// Type names the value in cqgen's (pflag's) help.
func (l *list) Type() string { return "strings" }

func (l *list) Set(s string) error {
	*l = nil
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			*l = append(*l, f)
		}
	}
	return nil
}

// suffixes is a list of type-name suffixes, which may not be empty: with
// none, nothing would be a command (query, event), and a run would
// select nothing without saying why. The error comes from Set, so every
// driver reports it as a bad flag value.
type suffixes struct{ *list }

// String is the list's; flag.PrintDefaults calls it on a zero suffixes,
// whose list is nil, to find whether a default is worth printing.
func (s suffixes) String() string {
	if s.list == nil {
		return ""
	}
	return s.list.String()
}

func (s suffixes) Set(v string) error {
	var l list
	l.Set(v)
	if len(l) == 0 {
		return errors.New("empty: name at least one suffix")
	}
	*s.list = l
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
