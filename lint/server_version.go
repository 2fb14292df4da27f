package lint

// ServerKeywordAvailable reports whether the documented server option word
// exists in HAProxy version v, as far as the two manuals tell. Words that
// are no documented option report true: there is nothing to say about them
// here.
func ServerKeywordAvailable(word string, v Version) bool {
	e, ok := serverKeywordTable[word]
	return !ok || e.versions.availableIn(v)
}
