package haproxylog

// DefaultMaxNames is the default number of distinct frontend, backend and
// server names a Parser keeps interned.
const DefaultMaxNames = 4096

// maxNameLen is the longest name kept: HAProxy's names are short, and
// truncating longer ones bounds what a hostile line can make the table and
// every queued event hold.
const maxNameLen = 256

// interner turns the bytes of a proxy or server name into a string without
// allocating once the name has been seen. It holds at most max names; when it
// is full it starts over, which keeps memory bounded while names come and go
// at runtime (servers added and removed through the runtime API).
type interner struct {
	names map[string]string
	max   int
}

func newInterner(maxNames int) *interner {
	if maxNames <= 0 {
		maxNames = DefaultMaxNames
	}
	return &interner{names: make(map[string]string, min(maxNames, 256)), max: maxNames}
}

// get returns b (at most maxNameLen bytes of it) as a string, shared with
// earlier calls for the same bytes.
func (in *interner) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	b = b[:min(len(b), maxNameLen)]
	if s, ok := in.names[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	if len(in.names) >= in.max {
		clear(in.names)
	}
	in.names[s] = s
	return s
}

// len returns how many names are interned.
func (in *interner) len() int { return len(in.names) }
