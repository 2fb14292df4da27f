package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/lint"
)

// severities lints src with one rule and returns each finding's line and
// severity.
func severities(t *testing.T, r *lint.Rule, src string) map[int]lint.Severity {
	t.Helper()
	opts := lint.DefaultOptions()
	cfg := lint.Load([]lint.Input{{Name: "test.cfg", Data: []byte(src)}}, opts)
	diags, err := lint.Run(cfg, []*lint.Rule{r}, opts)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]lint.Severity{}
	for _, d := range diags {
		got[d.Pos.Line] = d.Severity
	}
	return got
}

func TestUncheckedServerSeverity(t *testing.T) {
	src := `backend be_pair
    server s1 10.0.0.1:80
    server s2 10.0.0.2:80 check
backend be_lone
    server s1 10.0.0.1:80
backend be_lone_active
    server s1 10.0.0.1:80
    server s2 10.0.0.2:80 backup check
    server s3 10.0.0.3:80 disabled
`
	want := map[int]lint.Severity{2: lint.Warning, 5: lint.Info, 7: lint.Info}
	if diff := cmp.Diff(want, severities(t, UncheckedServer, src)); diff != "" {
		t.Errorf("severities by line (-want +got):\n%s", diff)
	}
}

func TestTimeoutInvalidSeverity(t *testing.T) {
	src := `defaults
    timeout connect 1.5s
    timeout client 30sec
    default-server inter 2mn
`
	want := map[int]lint.Severity{2: lint.Error, 3: lint.Warning, 4: lint.Warning}
	if diff := cmp.Diff(want, severities(t, TimeoutInvalid, src)); diff != "" {
		t.Errorf("severities by line (-want +got):\n%s", diff)
	}
}
