package rules

import (
	"path"
	"testing"
)

// corpusVerdict explains why a rule reports an error on a corpus file that
// haproxy -c accepts: a real defect of the file (HAProxy starts, but the
// traffic fails), or a false positive awaiting its fix.
type corpusVerdict struct {
	// File is "<set folder>/<file>", or "*/<file>" for the file in every set.
	File    string
	Rule    string
	Verdict string
}

// corpusAllowlist holds one entry per file and rule; every error of that
// rule on that file is covered. Entries are grouped by rule and verdict. An
// entry that covers nothing fails the test: remove it once the rule or the
// corpus changes.
func corpusAllowlist() []corpusVerdict {
	var all []corpusVerdict
	for _, group := range [][]corpusVerdict{
		sameVerdict("HG401", "real: the 2.6 regtest sets no timeout at all (haproxy -c only warns); its 3.2 version adds them",
			"haproxy-regtests-2.6/connection-http_reuse_aggressive--h1.cfg",
			"haproxy-regtests-2.6/connection-http_reuse_always--h1.cfg",
			"haproxy-regtests-2.6/connection-http_reuse_be_transparent--h1.cfg",
			"haproxy-regtests-2.6/connection-http_reuse_dispatch--h1.cfg",
			"haproxy-regtests-2.6/connection-http_reuse_never--h1.cfg",
			"haproxy-regtests-2.6/connection-http_reuse_safe--h1.cfg",
			"haproxy-regtests-2.6/connection-proxy_protocol_send_unique_id--h1.cfg",
			"haproxy-regtests-2.6/connection-tcp_to_http_upgrade--h1.cfg",
			"haproxy-regtests-2.6/http-messaging-h2_desync_attacks--hap.cfg",
			"haproxy-regtests-2.6/sample_fetches-cook--h1.cfg",
			"haproxy-regtests-2.6/sample_fetches-so_name--h1.cfg",
			"haproxy-regtests-2.6/server-cli_add_check_server--h1.cfg",
			"haproxy-regtests-2.6/server-cli_add_track_server--h1.cfg",
			"haproxy-regtests-2.6/startup-default_rules--h14.cfg",
			"haproxy-regtests-2.6/startup-default_rules--h17.cfg",
			"haproxy-regtests-2.6/webstats-webstats-scope-and-post-change--h1.cfg",
		),
		sameVerdict("HG518", "real: frontend fe only feeds a stick table from tcp-request rules and routes nowhere; the test checks peers sync, a request would get 503 or a closed connection",
			"*/peers-basic_sync--h1.cfg", "*/peers-basic_sync--h2.cfg", "*/peers-basic_sync--h3.cfg",
			"*/peers-basic_sync_wo_stkt_backend--h1.cfg", "*/peers-basic_sync_wo_stkt_backend--h2.cfg",
			"*/peers-basic_sync_wo_stkt_backend--h3.cfg", "*/peers-tls_basic_sync--h4.cfg",
			"*/peers-tls_basic_sync_wo_stkt_backend--h4.cfg"),
		sameVerdict("HG518", "real: frontend fe3 only exercises tcp-request connection/session set-src/set-dst and has no backend; a request to it gets 503",
			"*/connection-cli_src_dst--h1.cfg"),
		sameVerdict("HG518", "real: frontends fe and fe2 only carry guids for the stats file; a request to them gets 503",
			"haproxy-regtests-3.2/stats-stats-file--h1.cfg"),
	} {
		all = append(all, group...)
	}
	return all
}

// sameVerdict builds the entries of several files that share a verdict.
func sameVerdict(rule, verdict string, files ...string) []corpusVerdict {
	out := make([]corpusVerdict, len(files))
	for i, f := range files {
		out[i] = corpusVerdict{File: f, Rule: rule, Verdict: verdict}
	}
	return out
}

// checkAllowlist fails on every error finding on an accepted file that
// the allowlist does not explain, and on allowlist entries that explain
// nothing.
func checkAllowlist(t *testing.T, results []corpusResult) {
	t.Helper()
	u := newAllowlistUse(corpusAllowlist())
	for _, r := range results {
		if !r.accepted() {
			continue
		}
		for _, d := range r.Errors {
			if !u.explains(r.File, d.RuleID) {
				t.Errorf("%s:%d:%d: %s [%s] on a file haproxy -c accepts (exit %s): fix the rule, or explain it in corpusAllowlist",
					r.File, d.Pos.Line, d.Pos.Col, d.Message, d.RuleID, r.Exit)
			}
		}
	}
	u.reportUnused(t, "corpusAllowlist")
}

// allowlistUse tracks which entries of an allowlist explained a finding.
type allowlistUse struct {
	allow []corpusVerdict
	used  []bool
}

func newAllowlistUse(allow []corpusVerdict) *allowlistUse {
	return &allowlistUse{allow: allow, used: make([]bool, len(allow))}
}

// explains reports whether an entry covers rule on file, and marks it used.
func (u *allowlistUse) explains(file, rule string) bool {
	i := findVerdict(u.allow, file, rule)
	if i < 0 {
		return false
	}
	u.used[i] = true
	return true
}

// reportUnused fails on every entry that explained nothing.
func (u *allowlistUse) reportUnused(t *testing.T, name string) {
	t.Helper()
	for i, v := range u.allow {
		if !u.used[i] {
			t.Errorf("%s entry {%s %s} explains no finding any more: remove it", name, v.File, v.Rule)
		}
	}
}

func findVerdict(allow []corpusVerdict, file, rule string) int {
	wildcard := "*/" + path.Base(file)
	for i, v := range allow {
		if v.Rule == rule && (v.File == file || v.File == wildcard) {
			return i
		}
	}
	return -1
}
