package cqmodel

import (
	"flag"
	"strings"
	"testing"
)

// flag.PrintDefaults calls String on a zero value of every flag's type:
// none may panic, and the suffix flags show their defaults.
func TestPrintDefaults(t *testing.T) {
	fs := flag.NewFlagSet("cqlint", flag.ContinueOnError)
	var out strings.Builder
	fs.SetOutput(&out)
	DefaultConfig().RegisterFlags(fs, FlagPrefix)
	fs.PrintDefaults()
	if strings.Contains(out.String(), "panic") {
		t.Errorf("PrintDefaults panicked in a String method:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "(default Query)") {
		t.Errorf("PrintDefaults does not show the query suffixes' default:\n%s", out.String())
	}
}
