package lint

import "time"

// Options are the settings that rules and the loader may depend on.
type Options struct {
	// HAProxyVersion is the HAProxy the configuration is written for, one
	// of LTSVersions.
	HAProxyVersion Version
	// VersionSource says where HAProxyVersion comes from, for reports:
	// VersionFromDefault unless a flag, the config file or a binary set it.
	VersionSource VersionSource
	// Env is the environment HAProxy will run with. Nil means unknown: rules
	// then do not guess about unset variables.
	Env map[string]string
	// MinServerTimeout is HG404's threshold.
	MinServerTimeout time.Duration
}

// DefaultOptions returns the options used when nothing is configured.
func DefaultOptions() Options {
	return Options{HAProxyVersion: NewestLTS(), VersionSource: VersionFromDefault(), MinServerTimeout: time.Second}
}

// LookupEnv looks a variable up in Env; ok is false when it is unset or the
// environment is unknown.
func (o Options) LookupEnv(name string) (string, bool) {
	v, ok := o.Env[name]
	return v, ok
}
