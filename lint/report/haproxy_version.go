package report

import "github.com/hapguard/hapguard/lint"

// haproxyTarget is the HAProxy version the configuration was checked as,
// and where that version came from, as the machine-readable formats state
// it.
type haproxyTarget struct {
	Version string `json:"version"`
	// Source is "flag", "config-file", "haproxy-binary" or "default".
	Source string `json:"source"`
	// Detail says it in words (the file and line, or the binary).
	Detail string `json:"detail"`
}

// target returns the version metadata of r; nil when the report carries
// no version (reports built by hand in tests).
func target(r *Report) *haproxyTarget {
	if r.HAProxyVersion == (lint.Version{}) {
		return nil
	}
	return &haproxyTarget{Version: r.HAProxyVersion.String(), Source: r.VersionSource.Kind, Detail: r.VersionSource.String()}
}
