// Command keywordgen extracts HAProxy's keyword tables from the
// configuration manual of every supported LTS branch (2.6, 2.8, 3.0, 3.2,
// 3.4) into lint/keywords_gen.go: the proxy keywords matrix (§4.1), the
// global keywords (§3), the actions per rule set (§4.3's matrix from 3.0,
// the "<rule set> <action>" entries of §4.2 before), the bind options
// (§5.1) and the server options (§5.2). Each keyword carries the set of
// versions whose manual lists it. Run it with `go generate ./lint` next to
// ../shared; rules/keywords_binary_test.go checks the result against each
// version's binary.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
)

// manuals are the LTS branches, oldest first; a keyword's version set has
// bit i for manuals[i].
var manuals = []string{"2.6", "2.8", "3.0", "3.2", "3.4"}

// tables is everything extracted, keyed by keyword.
type tables struct {
	proxy   map[string]*proxyEntry
	global  map[string]int
	server  map[string]optionEntry
	bind    map[string]optionEntry
	actions map[string]map[string]int // rule set -> action -> versions
}

func main() {
	root := "../shared/reference"
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	t := tables{proxy: map[string]*proxyEntry{}, global: map[string]int{}, server: map[string]optionEntry{},
		bind: map[string]optionEntry{}, actions: map[string]map[string]int{}}
	for i, m := range manuals {
		lines, err := readLines(fmt.Sprintf("%s/haproxy-%s/configuration.txt", root, m))
		if err != nil {
			fmt.Fprintln(os.Stderr, "keywordgen:", err)
			os.Exit(1)
		}
		bit := 1 << i
		readMatrix(lines, bit, t.proxy)
		readGlobal(lines, bit, t.global)
		readOptions(between(lines, "5.2. Server and default-server options", "5.3. "), bit, t.server)
		readOptions(between(lines, "5.1. Bind options", "5.2. "), bit, t.bind)
		readActions(lines, bit, t.actions)
	}
	if err := write("keywords_gen.go", t); err != nil {
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

// between returns the lines of the section starting with start, up to the
// next line starting with end, skipping the table of contents.
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
