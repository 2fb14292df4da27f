package rules

import "testing"

// TestDocExamples runs every rule on its documentation examples: the rule
// fires on Bad and stays silent on Good, each completed as
// TestHAProxyRejectsBadExamples completes them (a minimal defaults section
// when the example has none), so `hapguard explain` never shows an example
// the rule disagrees with.
func TestDocExamples(t *testing.T) {
	for _, r := range All() {
		if !examplesChecked()[r.ID] {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			if !ruleFires(t, r, completeExample(r.Doc.Bad)) {
				t.Errorf("does not fire on its Bad example:\n%s", completeExample(r.Doc.Bad))
			}
			if ruleFires(t, r, completeExample(r.Doc.Good)) {
				t.Errorf("fires on its Good example:\n%s", completeExample(r.Doc.Good))
			}
		})
	}
}

// examplesChecked lists the rules whose examples TestDocExamples runs. The
// older rules' Bad examples are excerpts (a backend no frontend routes
// to, for instance) that need completing before they join.
func examplesChecked() map[string]bool {
	return map[string]bool{
		"HG310": true, "HG406": true, "HG407": true, "HG409": true, "HG508": true, "HG509": true,
		"HG511": true, "HG512": true, "HG514": true, "HG518": true,
	}
}
