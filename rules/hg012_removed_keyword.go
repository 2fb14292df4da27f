package rules

import "github.com/hapguard/hapguard/lint"

// RemovedKeyword reports keywords and forms HAProxy removed and now refuses,
// naming the replacement as HAProxy's own alert does.
var RemovedKeyword = &lint.Rule{
	ID:       "HG012",
	Name:     "removed-keyword",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Keyword or form that HAProxy removed (1.x syntax)",
		Why: `Configurations written for HAProxy 1.x still circulate in tutorials and
repositories. HAProxy 2.x and 3.x refuse them with a fatal alert that names
the replacement: "contimeout", "clitimeout" and "srvtimeout" became "timeout
connect/client/server"; the regex header rules "reqadd", "reqrep", "reqdel",
"rspadd", "rsprep", ... became "http-request"/"http-response" actions;
"block" became "http-request deny"; "redispatch" became "option redispatch";
"option forceclose", "option http-tunnel" and "option http_proxy" are gone;
"nbproc" gave way to threads; "monitor-net" and "mode health" to an
"http-request return" rule; and a listening address on the "listen" or "frontend" line itself
("listen web 0.0.0.0:80") must move to a "bind" line — HAProxy then drops
the whole section, so every line after it is refused too. A reload fails and
the old process keeps running; a fresh start serves nothing. Every version
from 2.6 to 3.4 refuses these lines (checked against each binary).`,
		Bad: "defaults\n    mode http\n    contimeout 5s\n    clitimeout 30s\n    srvtimeout 30s\n\n" +
			"listen web 0.0.0.0:8080\n    reqadd X-Forwarded-Proto:\\ https\n    server s1 10.0.0.1:8080",
		Good: "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n\n" +
			"listen web\n    bind 0.0.0.0:8080\n    http-request add-header X-Forwarded-Proto https\n    server s1 10.0.0.1:8080",
		Fix:            "Use the replacement the message names (HAProxy's own), then run haproxy -c.",
		Manual:         "configuration.txt §4.2 (timeout connect/client/server, http-request, http-response, option redispatch, bind), §3.1 (nbthread); HAProxy 2.1 release notes",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runRemovedKeyword,
}

func runRemovedKeyword(p *lint.Pass) error {
	for _, s := range p.Config.Sections {
		if (s.Kind == "listen" || s.Kind == "frontend") && headerHasAddress(s.Header) {
			p.ReportWord(s.Header, 2, "%s %q has a listening address on its %s line: HAProxy 2.x and later refuse it (\"please use the 'bind' keyword for listening addresses\") and drop the whole section; write \"bind %s\" on the next line",
				s.Kind, s.Name, s.Kind, s.Header.Arg(2).Text())
		}
		for _, d := range s.Directives {
			if r, ok := removedKeyword(d); ok {
				p.ReportWord(d, r.word, "%s: HAProxy refuses it; %s", r.what, r.instead)
			}
		}
	}
	return nil
}

// headerHasAddress reports whether a proxy header carries words after its
// name other than "from NAME": the 1.x "listen NAME ADDR:PORT" form.
func headerHasAddress(h *lint.Directive) bool {
	return len(h.Words) > 2 && h.Arg(2).Text() != "from"
}

// removal is what HAProxy says about a removed keyword.
type removal struct {
	word    int    // the word to point at: 0 the keyword, 1 an option name
	what    string // "'contimeout' was removed in HAProxy 2.1"
	instead string // the replacement, in HAProxy's words
}

// removedKeyword reports whether d is a removed keyword in a section where
// HAProxy recognises it (and refuses it), with HAProxy's replacement.
func removedKeyword(d *lint.Directive) (removal, bool) {
	kw := d.Keyword()
	switch kind := d.Section.Kind; {
	case kind == "global":
		if r, ok := removedGlobal(kw); ok {
			return r, true
		}
	case isProxySettings(d.Section):
		if kw == "option" || kw == "no" && d.Arg(1).Text() == "option" {
			i := 1
			if kw == "no" {
				i = 2
			}
			if r, ok := removedOption(d.Arg(i).Text()); ok {
				r.word = i
				return r, true
			}
			return removal{}, false
		}
		if r, ok := removedForm(d); ok {
			return r, true
		}
		return removedProxyKeyword(kw)
	}
	return removal{}, false
}

// removedForms are removed forms of keywords, by keyword then by second
// word ("" for any second word).
var removedForms = map[string]map[string]removal{
	"mode":      {"health": {word: 1, what: "'mode health' was removed", instead: "use 'http-request return status 200' (or 'monitor-uri')"}},
	"stats":     {"bind-process": {word: 1, what: "'stats bind-process' was removed", instead: "delete it: there is one process"}},
	"reqsetbe":  {"": {what: "'reqsetbe' is a 1.x keyword HAProxy no longer knows", instead: "use 'use_backend NAME if { hdr(...) -m reg ... }'"}},
	"reqisetbe": {"": {what: "'reqisetbe' is a 1.x keyword HAProxy no longer knows", instead: "use 'use_backend NAME if { hdr(...) -m reg -i ... }'"}},
}

func removedForm(d *lint.Directive) (removal, bool) {
	forms, ok := removedForms[d.Keyword()]
	if !ok {
		return removal{}, false
	}
	if r, ok := forms[d.Arg(1).Text()]; ok {
		return r, true
	}
	r, ok := forms[""]
	return r, ok
}

func removedGlobal(kw string) (removal, bool) {
	switch kw {
	case "nbproc":
		return removal{what: "'nbproc' was removed in HAProxy 2.5", instead: "delete it: threads are used automatically on multi-processor machines (nbthread sets their number)"}, true
	case "tune.chksize":
		return removal{what: "'tune.chksize' was removed", instead: "delete it: tune.bufsize is used instead"}, true
	case "debug":
		return removal{what: "'debug' is a 1.x keyword HAProxy no longer knows", instead: "delete it and start haproxy with -d to debug"}, true
	}
	return removal{}, false
}

func removedOption(name string) (removal, bool) {
	switch name {
	case "forceclose":
		return removal{what: "'option forceclose' was removed in HAProxy 2.0", instead: "delete it, or use 'option httpclose' if closing is really needed"}, true
	case "http-tunnel":
		return removal{what: "'option http-tunnel' was removed in HAProxy 2.1", instead: "delete it: it is not needed any more"}, true
	case "http-use-htx":
		return removal{what: "'option http-use-htx' was removed in HAProxy 2.1", instead: "delete it: HTX is always on"}, true
	case "http_proxy":
		return removal{what: "'option http_proxy' was removed in HAProxy 2.5", instead: "use 'http-request set-dst' and 'http-request set-uri' (with 'http-request do-resolve' for DNS)"}, true
	}
	return removal{}, false
}

// removedProxyKeywords maps removed proxy keywords to HAProxy's alert:
// the version that removed them and the replacement (src/cfgparse-listen.c
// and src/proxy.c of 3.4; 2.6 refuses the same list).
var removedProxyKeywords = map[string][2]string{
	"contimeout":  {"2.1", "use 'timeout connect'"},
	"clitimeout":  {"2.1", "use 'timeout client'"},
	"srvtimeout":  {"2.1", "use 'timeout server'"},
	"reqadd":      {"2.1", "use 'http-request add-header'"},
	"reqrep":      {"2.1", "use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header'"},
	"cliexp":      {"2.1", "use 'http-request replace-path', 'http-request replace-uri' or 'http-request replace-header'"},
	"reqirep":     {"2.1", "use 'http-request replace-header'"},
	"reqdel":      {"2.1", "use 'http-request del-header'"},
	"reqidel":     {"2.1", "use 'http-request del-header'"},
	"reqdeny":     {"2.1", "use 'http-request deny'"},
	"reqideny":    {"2.1", "use 'http-request deny'"},
	"reqallow":    {"2.1", "use 'http-request allow'"},
	"reqiallow":   {"2.1", "use 'http-request allow'"},
	"reqtarpit":   {"2.1", "use 'http-request tarpit'"},
	"reqitarpit":  {"2.1", "use 'http-request tarpit'"},
	"reqpass":     {"2.1", "delete it: it never had an effect of its own"},
	"reqipass":    {"2.1", "delete it: it never had an effect of its own"},
	"rspadd":      {"2.1", "use 'http-response add-header'"},
	"rsprep":      {"2.1", "use 'http-response replace-header'"},
	"srvexp":      {"2.1", "use 'http-response replace-header'"},
	"rspirep":     {"2.1", "use 'http-response replace-header'"},
	"rspdel":      {"2.1", "use 'http-response del-header'"},
	"rspidel":     {"2.1", "use 'http-response del-header'"},
	"rspdeny":     {"2.1", "use 'http-response deny'"},
	"rspideny":    {"2.1", "use 'http-response deny'"},
	"block":       {"2.1", "use 'http-request deny', which takes the same condition"},
	"redispatch":  {"2.1", "use 'option redispatch'"},
	"redisp":      {"2.1", "use 'option redispatch'"},
	"appsession":  {"1.6", "use 'cookie NAME insert' (or 'stick-table' with 'stick on') for persistence"},
	"grace":       {"2.5", "delete it (use 'hard-stop-after' or 'close-spread-time' in global for graceful stops)"},
	"monitor-net": {"", "use 'http-request return status 200 if { src NETWORK }'"},
}

func removedProxyKeyword(kw string) (removal, bool) {
	r, ok := removedProxyKeywords[kw]
	if !ok {
		return removal{}, false
	}
	what := "'" + kw + "' was removed from HAProxy"
	if r[0] != "" {
		what = "'" + kw + "' was removed in HAProxy " + r[0]
	}
	return removal{what: what, instead: r[1]}, true
}

// isRemovedKeyword reports whether HG012 owns d, so that the unknown
// keyword check leaves it alone.
func isRemovedKeyword(d *lint.Directive) bool {
	_, ok := removedKeyword(d)
	return ok
}

// legacyTimeoutKeyword maps a timeout to its removed 1.x keyword.
var legacyTimeoutKeyword = map[string]string{"connect": "contimeout", "client": "clitimeout", "server": "srvtimeout"}
