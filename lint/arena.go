package lint

// arena hands out Words and Directives from large chunks, so that loading a
// configuration of half a million lines makes thousands of allocations
// instead of millions. Chunks are never reused: slices handed out stay valid.
type arena struct {
	words []Word
	dirs  []Directive
}

const arenaChunk = 4096

// copyWords returns a copy of ws backed by the arena.
func (a *arena) copyWords(ws []Word) []Word {
	if len(ws) > arenaChunk/4 {
		return append([]Word(nil), ws...)
	}
	if cap(a.words)-len(a.words) < len(ws) {
		a.words = make([]Word, 0, arenaChunk)
	}
	start := len(a.words)
	a.words = append(a.words, ws...)
	return a.words[start:len(a.words):len(a.words)]
}

// newDirective returns a zeroed Directive backed by the arena.
func (a *arena) newDirective() *Directive {
	if len(a.dirs) == cap(a.dirs) {
		a.dirs = make([]Directive, 0, arenaChunk/4)
	}
	a.dirs = a.dirs[:len(a.dirs)+1]
	return &a.dirs[len(a.dirs)-1]
}
