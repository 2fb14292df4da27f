package rules

import "github.com/hapguard/hapguard/lint"

// BadSuppression reports inline suppressions that are malformed or stale.
// Its findings come from lint.ApplySuppressions, which needs every other
// rule's findings first; Run has nothing to add on its own.
var BadSuppression = &lint.Rule{
	ID:       "HG006",
	Name:     "bad-suppression",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Suppression comment without a reason, naming an unknown rule, or suppressing nothing",
		Why: `A "# hapguard:ignore" comment silences a finding that could mean 502s in
production. One without a reason leaves the next engineer unable to tell a
deliberate exception from a shortcut; one that names a rule that does not exist
or no longer fires hides nothing and only misleads. None of them changes what
HAProxy does; they keep the exceptions honest.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:8080 check\n    # hapguard:ignore HG301\n    server s2 10.0.0.2:8080",
		Good:   "backend be_app\n    server s1 10.0.0.1:8080 check\n    # hapguard:ignore HG301 -- s2 is a cold standby checked by the orchestrator\n    server s2 10.0.0.2:8080",
		Fix:    "Add `-- reason` after the rule list, correct the rule ID, or delete the comment.",
		Manual: "hapguard README, \"Suppressing findings\"",
		Since:  "0.1.0",
	},
	Run: func(*lint.Pass) error { return nil },
}
