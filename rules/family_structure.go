package rules

import "github.com/hapguard/hapguard/lint"

// structureRules are the HG0xx rules: the configuration's structure.
func structureRules() []*lint.Rule {
	return []*lint.Rule{LexicalFault, OutOfSection, BadDefaultsFrom, BadSuppression, InvalidDirective, DuplicateSection,
		RepeatedSetting, StickCounterOutOfRange, HTTPCheckHiddenHeaders, FrontendBackendSameName, EmptyArgument,
		RemovedKeyword, MissingFinalNewline, DuplicateServerName}
}

// reportFaults reports the load-time faults of one kind.
func reportFaults(p *lint.Pass, kind lint.FaultKind) {
	for _, f := range p.Config.Faults {
		if f.Kind == kind {
			p.Reportf(f.Pos, "%s", f.Message)
		}
	}
}
