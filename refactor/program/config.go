package program

import (
	"fmt"
	"sort"
	"strings"
)

// A BuildConfig is one build configuration to load and verify besides the
// environment's own: GOOS, GOARCH and CGO_ENABLED override the
// environment, Tags add to the --tags of the run. The zero value is the
// environment's configuration.
type BuildConfig struct {
	GOOS, GOARCH, CGOEnabled string
	Tags                     []string
}

// ParseConfig reads a configuration written as space-separated key=value
// pairs: 'GOOS=windows', 'tags=enterprise', 'GOOS=darwin GOARCH=arm64
// tags=a,b', 'CGO_ENABLED=0'.
func ParseConfig(s string) (BuildConfig, error) {
	var c BuildConfig
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return c, fmt.Errorf("--configs: empty configuration %q (want e.g. 'GOOS=windows' or 'tags=enterprise')", s)
	}
	seen := map[string]bool{}
	for _, f := range fields {
		k, v, ok := strings.Cut(f, "=")
		if !ok || v == "" {
			return c, fmt.Errorf("--configs %q: %q is not key=value (keys: GOOS, GOARCH, CGO_ENABLED, tags)", s, f)
		}
		if seen[k] {
			return c, fmt.Errorf("--configs %q: %s given twice", s, k)
		}
		seen[k] = true
		switch k {
		case "GOOS":
			if !knownOS[v] {
				return c, fmt.Errorf("--configs %q: unknown GOOS %q", s, v)
			}
			c.GOOS = v
		case "GOARCH":
			if !knownArch[v] {
				return c, fmt.Errorf("--configs %q: unknown GOARCH %q", s, v)
			}
			c.GOARCH = v
		case "CGO_ENABLED":
			if v != "0" && v != "1" {
				return c, fmt.Errorf("--configs %q: CGO_ENABLED is 0 or 1, not %q", s, v)
			}
			c.CGOEnabled = v
		case "tags":
			for _, t := range strings.Split(v, ",") {
				if t == "" {
					return c, fmt.Errorf("--configs %q: empty tag in %q", s, v)
				}
				c.Tags = append(c.Tags, t)
			}
		default:
			return c, fmt.Errorf("--configs %q: unknown key %q (keys: GOOS, GOARCH, CGO_ENABLED, tags)", s, k)
		}
	}
	sort.Strings(c.Tags)
	return c, nil
}

// String writes c as ParseConfig reads it; "" for the environment's own.
func (c BuildConfig) String() string {
	parts := c.vars()
	if len(c.Tags) > 0 {
		parts = append(parts, "tags="+strings.Join(c.Tags, ","))
	}
	return strings.Join(parts, " ")
}

// vars are the environment variables c sets, as KEY=value.
func (c BuildConfig) vars() []string {
	var out []string
	for _, kv := range [][2]string{{"GOOS", c.GOOS}, {"GOARCH", c.GOARCH}, {"CGO_ENABLED", c.CGOEnabled}} {
		if kv[1] != "" {
			out = append(out, kv[0]+"="+kv[1])
		}
	}
	return out
}

// env is the environment of the go commands that load c.
func (c BuildConfig) env(base []string) []string {
	return append(append([]string(nil), base...), c.vars()...)
}

// buildFlags are the go command flags that load c, with the run's tags.
func (c BuildConfig) buildFlags(tags string) []string {
	all := append([]string(nil), c.Tags...)
	if tags != "" {
		all = append(all, strings.Split(tags, ",")...)
	}
	if len(all) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(all, ",")}
}

// The operating systems and architectures the go command knows (go tool
// dist list), for file name suffixes and //go:build lines.
var (
	knownOS = set("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
		"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos")
	unixOS = set("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios",
		"linux", "netbsd", "openbsd", "solaris")
	knownArch = set("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64",
		"mips", "mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le",
		"riscv", "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm")
)

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
