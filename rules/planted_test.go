package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
)

// plantedFault is one fault written into a real configuration of the
// corpus: the rule must report it at the right line.
type plantedFault struct {
	rule string
	file string // under corpus/realworld
	// anchor matches the line the fault is planted at: insert goes after
	// it (before it when insertBefore is set), or replace/with rewrite it.
	anchor       string
	insert       string
	insertBefore bool
	replace      string
	with         string
	// at matches the line the finding must be on in the planted text; when
	// empty, the first planted line.
	at string
}

// plantedFaults are a few faults per catalogue rule, planted in
// configurations of real users.
func plantedFaults() []plantedFault {
	return []plantedFault{
		{rule: "HG309", file: "rw003.cfg", anchor: `server couchdb1`, replace: `check inter 5s`, with: `check inter 5s port 9999`},
		{rule: "HG309", file: "rw009.cfg", anchor: `^    option httpchk GET /$`, replace: `option httpchk GET /`, with: `option tcp-check`, at: `server db1.zone1.mydomain.com 127.0.0.1:5984 check$`},
		{rule: "HG310", file: "rw001.cfg", anchor: `option  mysql-check user haproxy`, replace: `option  mysql-check user haproxy`, with: `option external-check`},
		{rule: "HG310", file: "rw009.cfg", anchor: `^backend bigcouch-mgr-backend`, insert: "    option external-check\n    external-check command /bin/true"},
		{rule: "HG406", file: "rw001.cfg", anchor: `option  tcplog`, insert: "    timeout server 10s"},
		{rule: "HG406", file: "rw058.cfg", anchor: `^backend k8s-control-plane`, insert: "\ttimeout server 5s"},
		{rule: "HG407", file: "rw009.cfg", anchor: `timeout tunnel 2m`, replace: `2m`, with: `0`},
		{rule: "HG407", file: "rw058.cfg", anchor: `timeout server  50000`, insert: "\ttimeout tunnel 0"},
		{rule: "HG409", file: "rw009.cfg", anchor: `timeout http-request 15s`, replace: `15s`, with: `0`, at: `^frontend couchdb-data`},
		{rule: "HG508", file: "rw003.cfg", anchor: `retries 4`, replace: `retries 4`, with: `retries 0`},
		{rule: "HG508", file: "rw009.cfg", anchor: `^backend bigcouch-data-backend`, insert: "    retry-on conn-failure response-timeout"},
		{rule: "HG509", file: "rw003.cfg", anchor: `option http-server-close`, replace: `option http-server-close`, with: `http-reuse always`},
		{rule: "HG509", file: "rw058.cfg", anchor: `^backend k8s-ingress-http`, insert: "\thttp-reuse always"},
		{rule: "HG511", file: "rw009.cfg", anchor: `^backend bigcouch-mgr-backend`, insert: "    http-reuse aggressive"},
		{rule: "HG511", file: "rw003.cfg", anchor: `option http-server-close`, replace: `option http-server-close`, with: `option http-keep-alive`, at: `^defaults`},
		{rule: "HG512", file: "rw009.cfg", anchor: `option redispatch`, replace: `option redispatch`, with: `no option redispatch`, at: `^backend bigcouch-data-backend`},
		{rule: "HG512", file: "rw003.cfg", anchor: `option redispatch`, replace: `option redispatch`, with: `option log-separate-errors`, at: `^backend couchdbs`},
		{rule: "HG513", file: "rw009.cfg", anchor: `^frontend couchdb-data`, insert: "  maxconn 50000"},
		{rule: "HG513", file: "rw003.cfg", anchor: `maxconn 512`, insert: "        ulimit-n 600"},
		{rule: "HG514", file: "rw009.cfg", anchor: `^defaults`, insertBefore: true, insert: "listen early\n    bind 127.0.0.1:22003\n    server s1 127.0.0.1:5984\n"},
		{rule: "HG514", file: "rw058.cfg", anchor: `^defaults`, insertBefore: true, insert: "frontend early\n\tbind *:8080\n\tdefault_backend k8s-ingress-http\n"},
		{rule: "HG515", file: "rw009.cfg", anchor: `timeout tunnel 2m`, insert: "    load-server-state-from-file global"},
		{rule: "HG516", file: "rw009.cfg", anchor: `server db1.zone1.mydomain.com 127.0.0.1:5984`, replace: `5984 check$`, with: `5984 check alpn h2`},
		{rule: "HG516", file: "rw058.cfg", anchor: `^backend k8s-ingress-http`, insert: "\thttp-request set-header X-Grpc 1 if { req.hdr(content-type) -m beg application/grpc }", at: `server worker0 .*31916`},
		{rule: "HG517", file: "rw058.cfg", anchor: `^\tdaemon`, insert: "\ttune.bufsize 4096"},
		{rule: "HG517", file: "rw009.cfg", anchor: `^backend bigcouch-data-backend`, insert: "    http-response set-header Content-Security-Policy \"" + strings.Repeat("script-src https://cdn.example.com; ", 30) + "\""},
		{rule: "HG518", file: "rw058.cfg", anchor: `default_backend k8s-ingress-http`, replace: `default_backend k8s-ingress-http`, with: `option forwardfor`, at: `^frontend http\r?$`},
		{rule: "HG518", file: "rw009.cfg", anchor: `default_backend bigcouch-mgr-backend`, replace: `default_backend bigcouch-mgr-backend`, with: `option forwardfor`, at: `^frontend couchdb-mgr`},
	}
}

// TestPlantedFaults plants each fault and checks that its rule reports it
// at the expected line, and that the rule reported nothing there before.
func TestPlantedFaults(t *testing.T) {
	dir := filepath.Join(testbin.Shared(t), "corpus", "realworld")
	for _, pf := range plantedFaults() {
		t.Run(pf.rule+"/"+pf.file+"/"+pf.anchor, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, pf.file))
			if err != nil {
				t.Fatal(err)
			}
			r, ok := Lookup(pf.rule)
			if !ok {
				t.Fatalf("no rule %s", pf.rule)
			}
			planted, line := pf.plant(t, string(data))
			after := ruleLines(t, r, planted)
			if !after[line] {
				t.Fatalf("%s does not report the planted fault at line %d (reports lines %v):\n%s", pf.rule, line, keys(after), excerpt(planted, line))
			}
			want := strings.Split(planted, "\n")[line-1]
			for n := range ruleLines(t, r, string(data)) {
				if strings.Split(string(data), "\n")[n-1] == want {
					t.Errorf("%s already reported %q (line %d) before the fault was planted", pf.rule, want, n)
				}
			}
		})
	}
}

// plant returns the planted text and the line the finding must be on.
func (pf plantedFault) plant(t *testing.T, text string) (string, int) {
	t.Helper()
	lines := strings.Split(text, "\n")
	anchor := regexp.MustCompile(pf.anchor)
	i := 0
	for i < len(lines) && !anchor.MatchString(lines[i]) {
		i++
	}
	if i == len(lines) {
		t.Fatalf("anchor %q not found", pf.anchor)
	}
	planted := i + 1 // 1-based line of the first planted line
	switch {
	case pf.replace != "":
		lines[i] = regexp.MustCompile(pf.replace).ReplaceAllString(lines[i], pf.with)
	case pf.insertBefore:
		lines = append(lines[:i], append(strings.Split(strings.TrimSuffix(pf.insert, "\n"), "\n"), lines[i:]...)...)
	default:
		lines = append(lines[:i+1], append(strings.Split(pf.insert, "\n"), lines[i+1:]...)...)
		planted = i + 2
	}
	if pf.at != "" {
		at := regexp.MustCompile(pf.at)
		planted = 0
		for j, l := range lines {
			if at.MatchString(l) {
				planted = j + 1
				break
			}
		}
		if planted == 0 {
			t.Fatalf("expected line %q not found after planting", pf.at)
		}
	}
	return strings.Join(lines, "\n"), planted
}

// ruleLines lints text with r alone (for HAProxy 2.6, the version most of
// the real configurations were checked with) and returns the lines it
// reports.
func ruleLines(t *testing.T, r *lint.Rule, text string) map[int]bool {
	t.Helper()
	opts := lint.DefaultOptions()
	opts.HAProxyVersion = lint.Version{Major: 2, Minor: 6}
	cfg := lint.Load([]lint.Input{{Name: "planted.cfg", Data: []byte(text)}}, opts)
	diags, err := lint.Run(cfg, []*lint.Rule{r}, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]bool{}
	for _, d := range diags {
		out[d.Pos.Line] = true
	}
	return out
}

func keys(m map[int]bool) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	return out
}

// excerpt shows the lines around n.
func excerpt(text string, n int) string {
	lines := strings.Split(text, "\n")
	lo, hi := max(0, n-4), min(len(lines), n+3)
	return strings.Join(lines[lo:hi], "\n")
}
