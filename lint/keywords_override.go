package lint

// The manuals' keyword lists miss keywords HAProxy registers, and list a
// few that no build has. These tables give such keywords the LTS branches
// whose binary has them (`haproxy -dKcfg` dumps, the action lists HAProxy
// prints for an unknown action, `haproxy -c` probes); an entry replaces the
// generated one, and an empty set removes it. keywords_binary_test.go
// checks every table against each branch's binary, both ways.

var (
	v28 = Version{2, 8}
	v30 = Version{3, 0}
	v32 = Version{3, 2}
	v34 = Version{3, 4}
)

// globalOverride completes globalKeywordTable.
var globalOverride = map[string]VersionSet{
	"close-spread-time": allVersions, "set-var-fmt": allVersions, "thread-group": allVersions,
	"thread-groups": allVersions, "master-worker": allVersions, "tune.fail-alloc": allVersions,
	"tune.h2.max-frame-size": allVersions, "tune.peers.max-updates-at-once": allVersions,
	"http-err-codes": since(v30), "http-fail-codes": since(v30), "setcap": since(v30),
	"thread-hard-limit": since(v30), "quick-exit": since(v28), "limited-quic": since(v30), "no-quic": since(v28) &^ only(v34),
	"trace": only(v28) | only(v30), "tune.lua.burst-timeout": since(v28),
	"tune.h2.be.initial-window-size": since(v28), "tune.h2.be.max-concurrent-streams": since(v28),
	"tune.h2.fe.initial-window-size": since(v28), "tune.h2.fe.max-concurrent-streams": since(v28),
	"tune.ssl.ocsp-update.maxdelay": since(v28), "tune.ssl.ocsp-update.mindelay": since(v28),
	"acme.scheduler": since(v32), "stress-level": since(v32),
	"shm-stats-file": only(v34), "shm-stats-file-max-objects": only(v34),
}

// proxyOverride completes proxyKeywordTable; a keyword absent from the
// matrix is allowed in every proxy section.
var proxyOverride = map[string]VersionSet{
	"stats show-modules": allVersions, "dynamic-cookie-key": allVersions,
	"hash-balance-factor": allVersions, "max-session-srv-conns": allVersions,
	"option accept-invalid-http-request": allVersions, "option accept-invalid-http-response": allVersions,
	"option accept-unsafe-violations-in-http-request":  since(v32),
	"option accept-unsafe-violations-in-http-response": since(v32),
	"ssl-f-use": since(v32), "hash-key": 0, // a server option, listed in the 3.x matrices
	"crt": 0, // a crt-store keyword in the 3.2 and 3.4 matrices; no proxy takes it
}

// serverOverride completes serverKeywordTable.
var serverOverride = map[string]optionKeyword{
	"init-addr": {true, allVersions}, "ws": {true, allVersions}, "no-check-send-proxy": {false, allVersions},
	"hash-key": {true, since(v30)}, "set-proxy-v2-tlv-fmt": {true, since(v30)}, "init-state": {true, since(v32)},
	"no-verifyhost": {false, 0}, // listed in §5.2, but no binary takes it
}

// bindOverride completes bindKeywordTable.
var bindOverride = map[string]optionKeyword{
	"expose-fd": {true, allVersions}, "shards": {true, allVersions},
	"ocsp-update": {true, 0}, // a crt-list option, listed with the bind options in 2.8
}

// actionOverride completes actionKeywordTable, per rule set. set-mark and
// set-tos stay after 3.0's renaming to set-fc-mark/set-fc-tos; tcp-request
// session and content rules keep the connection-level actions.
var actionOverride = map[string]map[string]VersionSet{
	"tcp-request connection": {"capture": allVersions, "expect-proxy": allVersions, "set-mark": allVersions, "set-tos": allVersions},
	"tcp-request session": {"capture": allVersions, "expect-proxy": allVersions, "expect-netscaler-cip": allVersions,
		"set-mark": allVersions, "set-tos": allVersions},
	"tcp-request content": {"expect-proxy": allVersions, "expect-netscaler-cip": allVersions,
		"set-mark": allVersions, "set-tos": allVersions},
	"tcp-response content": {"sc-set-gpt0": allVersions, "set-mark": allVersions, "set-tos": allVersions},
	"http-request":         {"set-mark": allVersions, "set-tos": allVersions},
	"http-response":        {"set-mark": allVersions, "set-tos": allVersions},
	"http-after-response":  {"del-acl": since(v28)},
}
