package haproxylog

import (
	"strconv"
	"strings"
	"testing"
)

func TestInternerIsBoundedAndShares(t *testing.T) {
	in := newInterner(3)
	a := in.get([]byte("be_api"))
	if b := in.get([]byte("be_api")); b != a || in.len() != 1 {
		t.Fatalf("second get = %q, len %d", b, in.len())
	}
	for i := range 100 {
		in.get([]byte("srv" + strconv.Itoa(i)))
		if in.len() > 3 {
			t.Fatalf("interner holds %d names, limit 3", in.len())
		}
	}
	long := strings.Repeat("x", maxNameLen+1000)
	if got := in.get([]byte(long)); got != long[:maxNameLen] {
		t.Fatalf("long name kept at %d bytes, want %d", len(got), maxNameLen)
	}
}

func TestInternerReusesAllocation(t *testing.T) {
	in := newInterner(0)
	name := []byte("be_checkout")
	in.get(name)
	if allocs := testing.AllocsPerRun(100, func() { in.get(name) }); allocs != 0 {
		t.Fatalf("get of a known name allocates %v times", allocs)
	}
}
