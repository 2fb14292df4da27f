// Command keywordgen extracts HAProxy's keyword tables from the
// configuration manuals (2.6 and 3.2) into lint/keywords_gen.go:
// the proxy keywords matrix (§4.1), the global keywords (§3) and the server
// options (§5.2). Run it with `go generate ./lint` next to ../shared.
package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

// manuals maps a version bit to the manual it comes from.
var manuals = []struct {
	bit  int
	path string
}{
	{1, "2.6"},
	{2, "3.2"},
}

var (
	matrixRow = regexp.MustCompile(`^(\S.*?)\s{2,}(X|-)( \(!\))?\s+(X|-)\s+(X|-)\s+(X|-)\s*$`)
	globalRow = regexp.MustCompile(`^\s+- ([a-z0-9][a-z0-9._-]*)\s*$`)
	serverRow = regexp.MustCompile(`^([a-z0-9][a-z0-9._-]*)( [<\[].*)?$`)
)

type proxyEntry struct {
	cols      [4]bool // defaults frontend listen backend
	named     bool    // only in named defaults
	negatable bool    // marked (*): takes the "no" and "default" prefixes
	versions  int
}

func main() {
	root := "../shared/reference"
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	proxy := map[string]*proxyEntry{}
	global := map[string]int{}
	server := map[string]serverEntry{}
	for _, m := range manuals {
		lines, err := readLines(fmt.Sprintf("%s/haproxy-%s/configuration.txt", root, m.path))
		if err != nil {
			fmt.Fprintln(os.Stderr, "keywordgen:", err)
			os.Exit(1)
		}
		readMatrix(lines, m.bit, proxy)
		readGlobal(lines, m.bit, global)
		readServer(lines, m.bit, server)
	}
	if err := write("keywords_gen.go", proxy, global, server); err != nil {
		fmt.Fprintln(os.Stderr, "keywordgen:", err)
		os.Exit(1)
	}
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open manual: %w", err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

func between(lines []string, start, end string) []string {
	from := -1
	for i, l := range lines {
		if from < 0 && strings.HasPrefix(l, start) && i > 200 {
			from = i
		} else if from >= 0 && strings.HasPrefix(l, end) {
			return lines[from:i]
		}
	}
	return nil
}

func readMatrix(lines []string, bit int, out map[string]*proxyEntry) {
	for _, l := range between(lines, "4.1. Proxy keywords matrix", "4.2. ") {
		m := matrixRow.FindStringSubmatch(l)
		if m == nil || strings.HasPrefix(m[1], "keyword") {
			continue
		}
		kw := strings.TrimSpace(strings.NewReplacer("(*)", "", "(deprecated)", "").Replace(m[1]))
		e := out[kw]
		if e == nil {
			e = &proxyEntry{}
			out[kw] = e
		}
		for i, c := range []string{m[2], m[4], m[5], m[6]} {
			e.cols[i] = e.cols[i] || c == "X"
		}
		e.named = m[3] != ""
		e.negatable = e.negatable || strings.Contains(m[1], "(*)")
		e.versions |= bit
	}
}

func readGlobal(lines []string, bit int, out map[string]int) {
	for _, l := range between(lines, "3. Global parameters", "3.1. ") {
		if m := globalRow.FindStringSubmatch(l); m != nil {
			out[m[1]] |= bit
		}
	}
}

type serverEntry struct {
	versions int
	value    bool
}

func readServer(lines []string, bit int, out map[string]serverEntry) {
	for _, l := range between(lines, "5.2. Server and default-server options", "5.3. ") {
		if m := serverRow.FindStringSubmatch(l); m != nil {
			e := out[m[1]]
			e.versions |= bit
			e.value = e.value || m[2] != ""
			out[m[1]] = e
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
