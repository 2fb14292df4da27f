package rules

import "github.com/hapguard/hapguard/lint"

// routingRules are the HG5xx rules: routing and balancing.
func routingRules() []*lint.Rule {
	return []*lint.Rule{
		BackendNotFound, NoDefaultBackend, BackendWithoutServers, AllServersIdle, AllServersBackup,
		UnreachableBackend, CookieWithoutRedispatch, ModeMismatch, RetriesWithoutRedispatch,
		UnsafeRetries, HTTPReuseAlways, KeepAliveRace, MaxconnLimits, ProxyBeforeDefaults, NoServerStateFile,
		H2Coherence, BufferTooSmall, FrontendRoutesNowhere,
	}
}
