package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestMeasurePrintsThreeFigures(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-runs", "2", "--", "sh", "-c", "exit 3"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d (a command's own status is ignored): %s", code, errs.String())
	}
	if fields := strings.Fields(out.String()); len(fields) != 3 {
		t.Errorf("output %q: want wall, cpu and MiB", out.String())
	}
}

func TestMeasureRefusesBadUse(t *testing.T) {
	for _, args := range [][]string{{"-runs", "0", "--", "true"}, {"-runs", "101", "--", "true"}, {}} {
		var out, errs bytes.Buffer
		if code := run(args, &out, &errs); code != 2 || errs.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, errs.String())
		}
	}
	var out, errs bytes.Buffer
	if code := run([]string{"--", "/nonexistent/program"}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "/nonexistent/program") {
		t.Errorf("missing program: exit %d, stderr %q", code, errs.String())
	}
}
