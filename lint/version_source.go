package lint

import "fmt"

// VersionSource says where the assumed HAProxy version comes from; reports
// state it with the version.
type VersionSource struct {
	// Kind is "flag", "config-file", "haproxy-binary" or "default".
	Kind string
	// Detail says more in words: the file and line, the binary and the
	// version it reported.
	Detail string
}

// Guessed reports whether the version was not given explicitly (by the
// flag or the configuration file), so a report should point it out.
func (s VersionSource) Guessed() bool { return s.Kind != "flag" && s.Kind != "config-file" }

// String is the source in words, e.g. "--haproxy-version" or
// "haproxy on PATH (/usr/sbin/haproxy reports 2.6.12)".
func (s VersionSource) String() string {
	if s.Detail == "" {
		return s.Kind
	}
	return s.Detail
}

// VersionFromFlag is a version given with --haproxy-version.
func VersionFromFlag() VersionSource {
	return VersionSource{Kind: "flag", Detail: "--haproxy-version"}
}

// VersionFromConfigFile is the haproxy-version of a .hapguard.yaml.
func VersionFromConfigFile(path string, line int) VersionSource {
	return VersionSource{Kind: "config-file", Detail: fmt.Sprintf("haproxy-version in %s:%d", path, line)}
}

// VersionFromBinary is the version an haproxy binary reported with -v,
// mapped to lts.
func VersionFromBinary(path string, reported Version, patch string, lts Version) VersionSource {
	d := fmt.Sprintf("%s -v reports %s", path, patch)
	switch {
	case reported.Less(lts):
		d += fmt.Sprintf(", older than every supported LTS: checked as %s, the oldest", lts)
	case reported != lts:
		d += fmt.Sprintf(", not a supported LTS: checked as %s, the newest LTS not newer than it", lts)
	}
	return VersionSource{Kind: "haproxy-binary", Detail: d}
}

// VersionFromDefault is the newest LTS, assumed when nothing else tells.
func VersionFromDefault() VersionSource {
	return VersionSource{Kind: "default", Detail: "default: the newest LTS, no --haproxy-version, config file setting or haproxy binary found"}
}
