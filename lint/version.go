package lint

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is an HAProxy major.minor version.
type Version struct{ Major, Minor int }

// ltsVersions are the HAProxy long-term-support branches hapguard has
// keyword tables for, oldest first. Each has its manual in
// ../shared/reference and a binary the tests check the tables against.
var ltsVersions = [...]Version{{2, 6}, {2, 8}, {3, 0}, {3, 2}, {3, 4}}

// LTSVersions returns the supported HAProxy LTS branches, oldest first.
func LTSVersions() []Version { return ltsVersions[:] }

// NewestLTS is the version assumed when nothing says which HAProxy the
// configuration is for.
func NewestLTS() Version { return ltsVersions[len(ltsVersions)-1] }

// LTSList is the supported versions as "2.6, 2.8, 3.0, 3.2, 3.4".
func LTSList() string {
	parts := make([]string, len(ltsVersions))
	for i, v := range ltsVersions {
		parts[i] = v.String()
	}
	return strings.Join(parts, ", ")
}

// ParseVersion reads "2.6", "3.2" or "3.2.0" (the patch level is ignored).
// Any version parses; ParseLTS accepts the supported ones only.
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

// ParseLTS reads a version that must be exactly one of LTSVersions
// ("3.4"; "3.4.0" is not accepted: the tables are per branch).
func ParseLTS(s string) (Version, error) {
	for _, v := range ltsVersions {
		if strings.TrimSpace(s) == v.String() {
			return v, nil
		}
	}
	return Version{}, fmt.Errorf("haproxy version %q is not supported: want one of %s", s, LTSList())
}

// LTSFor maps any HAProxy version to the LTS branch whose tables apply:
// the version itself when it is an LTS, else the newest LTS not newer than
// it (3.3 is checked as 3.2: a development branch keeps what the LTS before
// it accepts, while the next LTS may reject what it still takes). Versions
// older than the oldest supported LTS map to it; exact is false whenever
// the result differs from v.
func LTSFor(v Version) (lts Version, exact bool) {
	lts = ltsVersions[0]
	for _, l := range ltsVersions {
		if !v.Less(l) {
			lts = l
		}
	}
	return lts, lts == v
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
