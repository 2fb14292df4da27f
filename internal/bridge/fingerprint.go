package bridge

import (
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// maxWatchedEntries bounds the directory entries fingerprinted per path, so
// a huge directory cannot make the watch expensive.
const maxWatchedEntries = 10000

// fingerprint summarises the size and modification time of paths (and of
// the *.cfg files of directories, as HAProxy's -f DIR reads them); any
// change to them changes the result. Missing paths count too, so a file
// that appears or disappears is noticed.
func fingerprint(paths []string) uint64 {
	h := fnv.New64a()
	for _, p := range paths {
		stamp(h, p)
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			continue
		}
		entries, _ := filepath.Glob(filepath.Join(p, "*.cfg"))
		sort.Strings(entries)
		if len(entries) > maxWatchedEntries {
			entries = entries[:maxWatchedEntries]
		}
		for _, e := range entries {
			stamp(h, e)
		}
	}
	return h.Sum64()
}

// stamp writes path with its size and modification time (or "missing") to h.
func stamp(h io.Writer, path string) {
	st, err := os.Stat(path)
	if err != nil {
		fmt.Fprintf(h, "%s\x00missing\x00", path)
		return
	}
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00", path, st.Size(), st.ModTime().UnixNano())
}
