package lint

// Option describes a bind or server option word.
type Option struct {
	// Known is true when some supported HAProxy version has the option.
	Known bool
	// TakesValue is true when the option is followed by its argument.
	TakesValue bool
	// Versions are the LTS branches that have it.
	Versions VersionSet
}

// ServerOptionInfo looks a server or default-server option up (manual §5.2,
// completed from the binaries).
func ServerOptionInfo(word string) Option {
	return lookupOption(serverKeywordTable, serverOverride, word)
}

// BindOptionInfo looks a bind option up (manual §5.1, completed from the
// binaries).
func BindOptionInfo(word string) Option { return lookupOption(bindKeywordTable, bindOverride, word) }

// ServerKeyword reports whether word is a server option of some version
// and whether it takes a value.
func ServerKeyword(word string) (known, takesValue bool) {
	o := ServerOptionInfo(word)
	return o.Known, o.TakesValue
}

// ServerKeywordAvailable reports whether the server option word exists in
// HAProxy version v. Words that are no option of any version report true:
// there is nothing to say about them here.
func ServerKeywordAvailable(word string, v Version) bool {
	o := ServerOptionInfo(word)
	return !o.Known || o.Versions.Has(v)
}

func lookupOption(table, override map[string]optionKeyword, word string) Option {
	e, ok := override[word]
	if !ok {
		e, ok = table[word]
	}
	return Option{Known: ok && e.versions != 0, TakesValue: e.takesValue, Versions: e.versions}
}

// Action returns the LTS branches whose rule set (e.g. "http-request",
// "tcp-request content") has the action name ("track-scN" as "track-sc");
// rulesetKnown is false for an unknown rule set.
func Action(ruleset, name string) (vs VersionSet, rulesetKnown bool) {
	actions, ok := actionKeywordTable[ruleset]
	if !ok {
		return 0, false
	}
	if o, found := actionOverride[ruleset][name]; found {
		return o, true
	}
	return actions[name], true
}
