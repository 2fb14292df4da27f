package lint

import (
	"testing"
	"unsafe"
)

// A configuration of 50,000 backends holds some 3.8 million words: each
// byte of Word is 3.8 MB of heap.
func TestWordIsSixteenBytes(t *testing.T) {
	if got := unsafe.Sizeof(Word{}); got != 16 {
		t.Errorf("Word is %d bytes, want 16", got)
	}
}

func TestWordKeepsTextColumnAndFlags(t *testing.T) {
	w := newWord("${PORT}", 42, flagQuoted|flagVarQuoted)
	if w.Text() != "${PORT}" || w.Col() != 42 || !w.Quoted() || !w.VarsQuoted() || !w.HasVars() {
		t.Errorf("got text %q col %d quoted %v vars-quoted %v", w.Text(), w.Col(), w.Quoted(), w.VarsQuoted())
	}
	cut := w.WithText("${P")
	if cut.Text() != "${P" || cut.Col() != 42 || !cut.Quoted() {
		t.Errorf("WithText: got %q col %d quoted %v", cut.Text(), cut.Col(), cut.Quoted())
	}
	if far := NewWord("x", 1<<30); far.Col() != maxCol || far.Text() != "x" || far.Quoted() {
		t.Errorf("a column past 2^24 must saturate without touching the flags: col %d quoted %v", far.Col(), far.Quoted())
	}
	if empty := (Word{}); empty.Text() != "" || empty.Col() != 0 {
		t.Errorf("zero Word: %q col %d", empty.Text(), empty.Col())
	}
}
