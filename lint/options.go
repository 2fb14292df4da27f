package lint

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Options are the settings that rules and the loader may depend on.
type Options struct {
	// HAProxyVersion is the HAProxy the configuration is written for.
	HAProxyVersion Version
	// Env is the environment HAProxy will run with. Nil means unknown: rules
	// then do not guess about unset variables.
	Env map[string]string
	// MinServerTimeout is HG404's threshold.
	MinServerTimeout time.Duration
}

// DefaultOptions returns the options used when nothing is configured.
func DefaultOptions() Options {
	return Options{HAProxyVersion: Version{3, 2}, MinServerTimeout: time.Second}
}

// LookupEnv looks a variable up in Env; ok is false when it is unset or the
// environment is unknown.
func (o Options) LookupEnv(name string) (string, bool) {
	v, ok := o.Env[name]
	return v, ok
}

// Version is an HAProxy major.minor version.
type Version struct{ Major, Minor int }

// ParseVersion reads "2.6", "3.2" or "3.2.0" (the patch level is ignored).
func ParseVersion(s string) (Version, error) {
	parts := strings.SplitN(strings.TrimSpace(s), ".", 3)
	if len(parts) < 2 {
		return Version{}, fmt.Errorf("haproxy version %q: want MAJOR.MINOR, e.g. 2.6", s)
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || major < 1 || minor < 0 {
		return Version{}, fmt.Errorf("haproxy version %q: want MAJOR.MINOR, e.g. 2.6", s)
	}
	return Version{major, minor}, nil
}

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool {
	if v.Major != w.Major {
		return v.Major < w.Major
	}
	return v.Minor < w.Minor
}

// AtLeast reports whether v is w or newer.
func (v Version) AtLeast(major, minor int) bool { return !v.Less(Version{major, minor}) }

// String formats the version as MAJOR.MINOR.
func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }
