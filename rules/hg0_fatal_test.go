package rules

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
)

// fatalCase is one configuration that a rule for a fatal HAProxy error
// reports (want true) or leaves alone (want false).
type fatalCase struct {
	name, text string
	rejected   bool
}

// fatalPreamble makes every case a complete, otherwise valid configuration.
const fatalPreamble = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"

// removedKeywordCases builds one case per removed keyword of HG012's tables,
// each in the section where HAProxy recognises it, and the valid forms.
func removedKeywordCases() []fatalCase {
	var cases []fatalCase
	proxy := func(name, line string, rejected bool) fatalCase {
		return fatalCase{name, fatalPreamble + "listen l\n    bind 127.0.0.1:8080\n    " + line + "\n    server s1 127.0.0.1:8081\n", rejected}
	}
	keys := make([]string, 0, len(removedProxyKeywords))
	for kw := range removedProxyKeywords {
		keys = append(keys, kw)
	}
	sort.Strings(keys)
	for _, kw := range keys {
		args := map[string]string{
			"contimeout": " 5s", "clitimeout": " 5s", "srvtimeout": " 5s", "grace": " 5s",
			"appsession": " JSESSIONID len 52 timeout 3h", "monitor-net": " 10.0.0.0/8",
			"block": " if { src 10.0.0.0/8 }", "redispatch": "", "redisp": "",
		}[kw]
		if strings.HasPrefix(kw, "req") || strings.HasPrefix(kw, "rsp") || kw == "cliexp" || kw == "srvexp" {
			args = ` ^X-Test:\ (.*) X-New:\ \1`
			if strings.HasSuffix(kw, "add") || strings.Contains(kw, "del") || strings.Contains(kw, "deny") ||
				strings.Contains(kw, "allow") || strings.Contains(kw, "tarpit") || strings.Contains(kw, "pass") {
				args = ` ^X-Test:`
			}
		}
		cases = append(cases, proxy("HG012-"+kw, kw+args, true))
	}
	for _, opt := range []string{"forceclose", "http-tunnel", "http_proxy", "http-use-htx"} {
		cases = append(cases, proxy("HG012-option-"+opt, "option "+opt, true))
	}
	for name, line := range map[string]string{"mode-health": "mode health", "stats-bind-process": "stats bind-process 1",
		"reqsetbe": `reqsetbe ^Host:\ a be`, "reqisetbe": `reqisetbe ^Host:\ a be`} {
		cases = append(cases, proxy("HG012-"+name, line, true))
	}
	for _, kw := range []string{"nbproc 2", "tune.chksize 16384", "debug"} {
		cases = append(cases, fatalCase{"HG012-global-" + strings.Fields(kw)[0],
			"global\n    " + kw + "\n" + fatalPreamble + "listen l\n    bind 127.0.0.1:8080\n    server s1 127.0.0.1:8081\n", true})
	}
	cases = append(cases,
		fatalCase{"HG012-listen-address", fatalPreamble + "listen l 127.0.0.1:8080\n    server s1 127.0.0.1:8081\n", true},
		fatalCase{"HG012-frontend-address", fatalPreamble + "frontend f 127.0.0.1:8080\n    default_backend b\nbackend b\n    server s1 127.0.0.1:8081\n", true},
		proxy("HG012-valid-replacements", "option redispatch\n    option httpclose\n    http-request add-header X-A b\n    http-request deny if { src 10.0.0.0/8 }", false),
	)
	return cases
}

// fatalStructureCases are the cases of HG013, HG014 and the argument
// count checks of HG001.
func fatalStructureCases() []fatalCase {
	listen := "listen l\n    bind 127.0.0.1:8080\n"
	return []fatalCase{
		{"HG013-no-final-lf", fatalPreamble + listen + "    server s1 127.0.0.1:8081", true},
		{"HG013-comment-without-lf", fatalPreamble + listen + "    server s1 127.0.0.1:8081\n# end", true},
		{"HG013-final-lf", fatalPreamble + listen + "    server s1 127.0.0.1:8081\n", false},
		{"HG014-same-name", fatalPreamble + listen + "    server s1 127.0.0.1:8081\n    server s1 127.0.0.1:8082\n", true},

		{"HG014-distinct", fatalPreamble + listen + "    server s1 127.0.0.1:8081\n    server s2 127.0.0.1:8082\n", false},
		{"HG001-nameserver-without-name", "resolvers r\n    nameserver 127.0.0.11:53\n" + fatalPreamble + listen + "    server s1 127.0.0.1:8081\n", true},
		{"HG001-nameserver", "resolvers r\n    nameserver dns 127.0.0.11:53\n" + fatalPreamble + listen + "    server s1 127.0.0.1:8081\n", false},
		{"HG001-cipher-list-with-spaces", "global\n    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384\n" + fatalPreamble + listen + "    server s1 127.0.0.1:8081\n", true},
		{"HG001-cipher-list", "global\n    ssl-default-bind-ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384\n" + fatalPreamble + listen + "    server s1 127.0.0.1:8081\n", false},
		{"HG001-server-cipher-list-with-spaces", fatalPreamble + listen + "    server s1 127.0.0.1:8081 ssl verify none ciphers ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384\n", true},
		{"HG014-other-proxy", fatalPreamble + listen + "    server s1 127.0.0.1:8081\nbackend b\n    server s1 127.0.0.1:8082\n", false},
	}
}

// TestFatalRulesAgreeWithEveryHAProxy checks the claim of the rules for
// HAProxy's own fatal errors (HG012 removed keywords, HG013 missing final
// newline, HG014 duplicate server names) against every LTS binary: the
// linter reports an error exactly on the cases HAProxy refuses.
func TestFatalRulesAgreeWithEveryHAProxy(t *testing.T) {
	cases := append(removedKeywordCases(), fatalStructureCases()...)
	rules := []*lint.Rule{RemovedKeyword, MissingFinalNewline, DuplicateServerName, InvalidDirective}
	for _, c := range cases {
		if got := hasError(t, c.text, rules); got != c.rejected {
			t.Errorf("%s: linter error = %v, want %v:\n%s", c.name, got, c.rejected, c.text)
		}
	}
	for _, version := range testbin.LTSVersions {
		t.Run(version, func(t *testing.T) {
			t.Parallel() // one haproxy -c at a time per version
			bin := testbin.HAProxy(t, version)
			dir := t.TempDir()
			for _, c := range cases {
				path := filepath.Join(dir, c.name+".cfg")
				if err := os.WriteFile(path, []byte(c.text), 0o600); err != nil {
					t.Fatal(err)
				}
				v := runHAProxyCheck(t, bin, []string{path}, nil)
				switch {
				case v.err != nil:
					t.Fatalf("%s: haproxy -c: %v", c.name, v.err)
				case c.rejected && !v.rejected():
					t.Errorf("%s: HAProxy %s accepts it (exit %d), the rule says it refuses it:\n%s", c.name, version, v.exit, c.text)
				case !c.rejected && !v.accepted():
					t.Errorf("%s: HAProxy %s refuses it (%s), the linter finds no error:\n%s", c.name, version, v.alert, c.text)
				}
			}
		})
	}
}

// hasError lints text with rules and reports whether any error results.
func hasError(t *testing.T, text string, rules []*lint.Rule) bool {
	t.Helper()
	opts := lint.DefaultOptions()
	cfg := lint.Load([]lint.Input{{Name: "case.cfg", Data: []byte(text)}}, opts)
	diags, err := lint.Run(cfg, rules, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == lint.Error {
			return true
		}
	}
	return false
}
