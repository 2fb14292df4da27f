package rules

// corpusDisagreements explains each corpus file where the linter and a
// version's haproxy -c disagree, keyed "VERSION SET/FILE" ("*" for every
// version that checks the file). Each reason says who is right.
func corpusDisagreements() map[string]string {
	masterWorker := "a 'program' section needs master-worker mode, which is a command-line flag (-W) the linter cannot see; " +
		"the regression test runs haproxy -W"
	bytesArg := "bytes(-1): HAProxy 3.2+ refuses a negative offset of the 'bytes' converter; " +
		"the linter does not check converter arguments (a negative test of the regression suite)"
	return map[string]string{
		"2.6 haproxy-regtests-2.6/mcli-mcli_start_progs--h1.cfg": masterWorker,
		"3.2 haproxy-regtests-3.2/mcli-mcli_start_progs--h1.cfg": masterWorker,
		"3.2 haproxy-regtests-3.2/converter-bytes--h2.cfg":       bytesArg,
		"3.2 haproxy-regtests-3.2/converter-bytes--h3.cfg":       bytesArg,
		"3.2 haproxy-regtests-3.2/converter-bytes--h4.cfg":       bytesArg,
		"3.4 haproxy-regtests-3.4/converter-bytes--h2.cfg":       bytesArg,
		"3.4 haproxy-regtests-3.4/converter-bytes--h3.cfg":       bytesArg,
		"3.4 haproxy-regtests-3.4/converter-bytes--h4.cfg":       bytesArg,
		"* realworld/rw013.cfg": "'log rsyslog:514' names a docker-compose service: HAProxy resolves log servers at startup " +
			"even with -dr and this machine has no such host; the linter does not resolve names (environment, not a fault of the file)",
		"* realworld/rw028.cfg": "HG306: with WEBSERVER1 and EXPOSED_PORT unset the checked servers have no port; haproxy -c -dr accepts " +
			"the empty address, the checks then fail at run time. The linter's claim that HAProxy refuses it is too strong here (HG306 owns it)",
		"3.0 realworld/rw029.cfg": "HAProxy 3.0.0 refuses a log-format using an HTTP-only alias (%ST) in a 'mode tcp' proxy; 2.6, 2.8, 3.2 and 3.4 " +
			"accept the file. A 3.0.0-only rejection the linter does not model",
		"3.4 realworld/rw051.cfg": "HG014: HAProxy 3.4.0 accepts this listen section's repeated server names (db1..db3 twice) while it " +
			"refuses them in a backend; 2.6-3.2 refuse both. The linter reports the duplicates for every version",
	}
}
