package lint

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

// TestKeywordTablesMatchBinaries checks the keyword tables of every LTS
// branch against that branch's real binary, both ways: every keyword,
// option and action the binary registers is known for that version, and
// every one the tables give that version is accepted by the binary (a
// `haproxy -c` probe that writes each on its own line and reads which lines
// it calls unknown).
func TestKeywordTablesMatchBinaries(t *testing.T) {
	for _, v := range LTSVersions() {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			bin := testbin.HAProxy(t, v.String())
			dump := dumpKeywords(t, bin)
			checkRegistered(t, v, dump)
			checkProbes(t, bin, v)
			checkActions(t, bin, v)
		})
	}
}

// buildDependent are keyword prefixes that only builds with an optional
// library have (the CI binaries are built without them): the tables keep
// them so that such builds are not told their keywords are unknown.
var buildDependent = []string{
	"51degrees-", "deviceatlas-", "wurfl-", // device detection: USE_51DEGREES, USE_DEVICEATLAS, USE_WURFL
	"tune.quic.", "quic-", // QUIC: USE_QUIC (bind quic-*, the quic-initial rule set)
	"tune.zlib.",                         // USE_ZLIB (the binaries use the built-in slz)
	"ssl-engine",                         // USE_ENGINE (OpenSSL engines)
	"ech",                                // Encrypted Client Hello: an OpenSSL with ECH
	"profiling.memory", "debug.counters", // USE_MEMORY_PROFILING, DEBUG_COUNTERS
}

func buildDependentKeyword(kw string) bool {
	for _, p := range buildDependent {
		if strings.HasPrefix(kw, p) {
			return true
		}
	}
	return false
}

// registeredToReject are keywords HAProxy registers only to refuse them
// with a better message than "unknown keyword" (removed syntax); the
// tables do not give them any version.
var registeredToReject = map[string]string{
	"clitimeout": "removed in 2.1: 'timeout client'", "contimeout": "removed in 2.1: 'timeout connect'",
	"srvtimeout": "removed in 2.1: 'timeout server'", "nbproc": "removed in 2.5: threads are used instead",
	"process": "bind option removed in 2.7: 'thread' (2.6 only warns)",
	"usesrc":  "only allowed after 'source': the server line's usesrc is refused",
}

// ownArguments are server options whose dump entry shows no argument
// count because they parse their own, "name(arg) value" form.
var ownArguments = map[string]bool{"set-proxy-v2-tlv-fmt": true}

// registered is what `haproxy -dKcfg` lists.
type registered struct {
	global, proxy, options []string
	bind, server           map[string]bool // option -> takes a value
}

func dumpKeywords(t *testing.T, bin string) registered {
	t.Helper()
	out := runBinary(t, bin, "-dKcfg", "-q", "-c", "-f", "/dev/null")
	r := registered{bind: map[string]bool{}, server: map[string]bool{}}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "\t") {
			section = strings.TrimSpace(line)
			continue
		}
		f := strings.Fields(line)
		takesValue := strings.HasPrefix(f[len(f)-1], "+")
		switch {
		case section == "global":
			r.global = append(r.global, f[0])
		case section != "listen":
		case f[0] == "bind":
			r.bind[f[len(f)-1-b2i(takesValue)]] = takesValue
		case f[0] == "server":
			r.server[f[len(f)-1-b2i(takesValue)]] = takesValue
		case f[0] == "option":
			r.options = append(r.options, "option "+f[1])
		case len(f) == 1:
			r.proxy = append(r.proxy, f[0])
		}
	}
	if len(r.global) == 0 || len(r.bind) == 0 || len(r.server) == 0 {
		t.Fatalf("%s -dKcfg: no keywords read from:\n%s", bin, out)
	}
	return r
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkRegistered: every registered keyword is known for v.
func checkRegistered(t *testing.T, v Version, r registered) {
	t.Helper()
	for _, kw := range r.global {
		if registeredToReject[kw] != "" {
			continue
		}
		if _, st := globalKeyword(kw, v); st != KeywordOK && st != KeywordUnchecked {
			t.Errorf("HAProxy %s registers global keyword %q; the tables say %v", v, kw, st)
		}
	}
	for _, kw := range append(r.proxy, r.options...) {
		if registeredToReject[kw] != "" {
			continue
		}
		if !proxyKeywordIn(kw, v) {
			t.Errorf("HAProxy %s registers proxy keyword %q; the tables do not have it for %s", v, kw, v)
		}
	}
	for name, table := range map[string]func(string) Option{"bind": BindOptionInfo, "server": ServerOptionInfo} {
		opts := r.bind
		if name == "server" {
			opts = r.server
		}
		for opt, takesValue := range opts {
			o := table(opt)
			if registeredToReject[opt] != "" && (v.AtLeast(2, 8) || name == "server") {
				continue
			}
			if !o.Versions.Has(v) || (o.TakesValue != takesValue && !ownArguments[opt]) {
				t.Errorf("HAProxy %s registers %s option %q (takes a value: %t); the tables: %+v", v, name, opt, takesValue, o)
			}
		}
	}
}

// proxyKeywordIn reports whether kw, or a keyword starting with kw and a
// space, is a proxy keyword of v.
func proxyKeywordIn(kw string, v Version) bool {
	d := &Directive{Words: []Word{NewWord(kw, 1)}}
	if first, rest, ok := strings.Cut(kw, " "); ok {
		d.Words = []Word{NewWord(first, 1), NewWord(rest, len(first)+2)}
	}
	if _, st := proxyKeywordStatus(d, "listen", v); st != KeywordUnknown && st != KeywordWrongVersion {
		return true
	}
	for name, vs := range proxyOverride {
		if strings.HasPrefix(name, kw+" ") && vs.Has(v) {
			return true
		}
	}
	for name, e := range proxyKeywordTable {
		if strings.HasPrefix(name, kw+" ") && e.versions.Has(v) {
			return true
		}
	}
	return false
}

func runBinary(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = t.TempDir()
	out, _ := cmd.CombinedOutput() // -c on a probe exits 1 by design
	if ctx.Err() != nil {
		t.Fatalf("%s %v: timed out", bin, args)
	}
	return string(out)
}

var unknownAlert = regexp.MustCompile(`probe\.cfg:(\d+)\].*unknown (?:keyword|option) '([^']+)'`)

// probeChunk is how many probed lines go in one file: HAProxy stops after
// 50 fatal errors, and a line may raise two.
const probeChunk = 20

// probe writes head and then lines, probeChunk at a time, each chunk ended
// by an unknown sentinel line, and returns the words HAProxy calls unknown.
func probe(t *testing.T, bin string, head, lines []string, sentinel string) map[string]bool {
	t.Helper()
	unknown := map[string]bool{}
	for start := 0; start < len(lines); start += probeChunk {
		probeLines(t, bin, head, lines[start:min(start+probeChunk, len(lines))], sentinel, unknown)
	}
	return unknown
}

// probeLines adds to unknown the words of lines HAProxy calls unknown. A
// reported sentinel proves the parser read every line; when some line
// stops it (a few known keywords abort parsing without an argument), the
// lines are probed in halves: a single line that stops the parser is known.
func probeLines(t *testing.T, bin string, head, lines []string, sentinel string, unknown map[string]bool) {
	t.Helper()
	word := strings.Fields(sentinel)[len(strings.Fields(sentinel))-1]
	text := append(append(append([]string{}, head...), lines...), sentinel)
	out := runBinary(t, bin, "-c", "-dr", "-f", writeProbe(t, text))
	found := map[string]bool{}
	for _, m := range unknownAlert.FindAllStringSubmatch(out, -1) {
		found[m[2]] = true
	}
	switch {
	case found[word]:
		delete(found, word)
		for w := range found {
			unknown[w] = true
		}
	case len(lines) > 1:
		half := len(lines) / 2
		probeLines(t, bin, head, lines[:half], sentinel, unknown)
		probeLines(t, bin, head, lines[half:], sentinel, unknown)
	}
}

// checkProbes: every keyword the tables give v is accepted by its binary.
func checkProbes(t *testing.T, bin string, v Version) {
	t.Helper()
	var lines []string
	for _, kw := range sortedKeys(globalKeywordTable, globalOverride) {
		if _, st := globalKeyword(kw, v); st == KeywordOK {
			lines = append(lines, "    "+kw)
		}
	}
	reportUnknown(t, v, "global keyword", probe(t, bin, []string{"global"}, lines, "    hapguard-sentinel"))
	lines = nil
	for _, kw := range sortedKeys(proxyKeywordTable, proxyOverride) {
		if proxyKeywordIn(kw, v) {
			lines = append(lines, "    "+kw)
		}
	}
	listen := []string{"listen probe", "    mode http", "    bind 127.0.0.1:1"}
	reportUnknown(t, v, "proxy keyword", probe(t, bin, listen, lines, "    hapguard-sentinel"))
	lines = nil
	for i, opt := range sortedKeys(bindKeywordTable, bindOverride) {
		if BindOptionInfo(opt).Versions.Has(v) {
			lines = append(lines, fmt.Sprintf("    bind 127.0.0.1:%d %s", 1000+i, opt))
		}
	}
	for _, opt := range sortedKeys(serverKeywordTable, serverOverride) {
		if ServerOptionInfo(opt).Versions.Has(v) {
			lines = append(lines, "    server s-"+opt+" 127.0.0.1:1 "+opt)
		}
	}
	reportUnknown(t, v, "bind or server option", probe(t, bin, listen[:2], lines, "    server sentinel 127.0.0.1:1 hapguard-sentinel"))
}

func reportUnknown(t *testing.T, v Version, what string, unknown map[string]bool) {
	t.Helper()
	for w := range unknown {
		if !buildDependentKeyword(w) {
			t.Errorf("the tables give HAProxy %s the %s %q; its binary calls it unknown", v, what, w)
		}
	}
}

func sortedKeys[V, W any](a map[string]V, b map[string]W) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func writeProbe(t *testing.T, lines []string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "probe.cfg")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
