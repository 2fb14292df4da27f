package bridge

import (
	"github.com/hapguard/hapguard/spoe/confignote"
)

// maxNotes bounds the notes of one anomaly: the most specific findings
// first, so a configuration with hundreds of findings still gives a short,
// readable answer.
const maxNotes = 5

// explain returns the notes of idx that explain a, in relation order (the
// most specific rule first), then by position; at most maxNotes.
func explain(idx *scopeIndex, relations []Relation, a confignote.Anomaly) []confignote.Note {
	if idx == nil {
		return nil
	}
	related := relatedRules(relations, a.Kind, a.Cause)
	if len(related) == 0 {
		return nil
	}
	cands := idx.candidates(a.Backend)
	var notes []confignote.Note
	for _, rr := range related {
		for _, f := range cands {
			if f.diag.RuleID != rr.rule {
				continue
			}
			if rr.reach == Server && a.Server != "" && !concernsServer(f.directive, a.Server) {
				continue
			}
			notes = append(notes, f.note)
			if len(notes) == maxNotes {
				return notes
			}
		}
	}
	return notes
}
