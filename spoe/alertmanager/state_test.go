package alertmanager

import (
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// dueKeys returns "key:firing" or "key:resolved" for each due alert.
func dueKeys(s *activeSet, now time.Time) []string {
	var out []string
	for _, o := range s.due(now, time.Minute) {
		out = append(out, o.key+":"+stateName(o.resolved))
	}
	return out
}

func TestActiveSetEvictsLeastRecentlyTouched(t *testing.T) {
	s := newActiveSet(2)
	s.fire("a", sample, t0)
	s.fire("b", sample, t0.Add(time.Second))
	s.fire("a", sample, t0.Add(2*time.Second))
	if n := s.fire("c", sample, t0.Add(3*time.Second)); n != 1 {
		t.Fatalf("evicted %d, want 1", n)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range s.entries {
			if !yield(k) {
				return
			}
		}
	})
	if diff := cmp.Diff([]string{"a", "c"}, keys); diff != "" {
		t.Errorf("kept keys (-want +got):\n%s", diff)
	}
}

func TestActiveSetLifecycle(t *testing.T) {
	s := newActiveSet(10)
	s.fire("a", sample, t0)
	s.fire("never-sent", sample, t0)
	batch := s.due(t0, time.Minute)
	s.sent(batch[:1], true, t0, time.Minute) // only "a" got through
	s.entries["never-sent"].nextSend = t0.Add(time.Hour)

	if got := dueKeys(s, t0.Add(30*time.Second)); len(got) != 0 {
		t.Errorf("due before the resend interval: %q", got)
	}
	if diff := cmp.Diff([]string{"a:firing"}, dueKeys(s, t0.Add(time.Minute))); diff != "" {
		t.Errorf("due at the resend interval (-want +got):\n%s", diff)
	}
	s.resolve("never-sent", time.Time{}, t0)
	if _, ok := s.entries["never-sent"]; ok {
		t.Error("resolving an alert Alertmanager never received should forget it")
	}
	s.resolve("a", t0.Add(-time.Hour), t0) // before startsAt: clamped
	out := s.due(t0, time.Minute)
	if len(out) != 1 || !out[0].resolved || !out[0].p.EndsAt.Equal(t0) {
		t.Fatalf("resolved batch = %+v, want a resolved at %v", out, t0)
	}
	s.sent(out, true, t0, time.Minute)
	if len(s.entries) != 0 {
		t.Errorf("entries after the resolve was sent: %d, want 0", len(s.entries))
	}
}

func TestActiveSetRelabelResolvesOldLabels(t *testing.T) {
	s := newActiveSet(10)
	s.fire("a", sample, t0)
	s.sent(s.due(t0, time.Minute), true, t0, time.Minute)
	moved := sample
	moved.Cause = "server_timeout"
	s.fire("a", moved, t0.Add(time.Second))
	out := s.due(t0.Add(time.Second), time.Minute)
	type brief struct {
		Key, Cause string
		Resolved   bool
	}
	var got []brief
	for _, o := range out {
		got = append(got, brief{o.key, o.p.Labels["cause"], o.resolved})
	}
	want := []brief{{"a", "server_abort", true}, {"a", "server_timeout", false}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("due after relabel (-want +got):\n%s", diff)
	}
	s.sent(out, true, t0.Add(time.Second), time.Minute)
	if e := s.entries["a"]; e == nil || !e.resolvedAt.IsZero() {
		t.Errorf("after sending, entry a = %+v, want it kept and firing", e)
	}
}

func TestActiveSetEmptyKeyIsAKeyLikeAnyOther(t *testing.T) {
	s := newActiveSet(10)
	s.fire("", sample, t0)
	s.sent(s.due(t0, time.Minute), true, t0, time.Minute)
	s.resolve("", time.Time{}, t0)
	s.sent(s.due(t0, time.Minute), true, t0, time.Minute)
	if len(s.entries) != 0 {
		t.Errorf("entries after resolving key \"\": %d, want 0", len(s.entries))
	}
}

func TestAlertLabelsDefaultsAndInvalidNames(t *testing.T) {
	got := Alert{Backend: "be", Labels: map[string]string{"alertname": "Custom", "9x": "a", "ok_1": "b", "empty": ""}}.labels()
	want := map[string]string{"alertname": "Custom", "severity": "warning", "backend": "be", "ok_1": "b"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func TestAlertsURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:9093":               "http://127.0.0.1:9093/api/v2/alerts",
		"http://127.0.0.1:9093/":              "http://127.0.0.1:9093/api/v2/alerts",
		"https://am.example/prefix":           "https://am.example/prefix/api/v2/alerts",
		"http://127.0.0.1:9093/api/v2/alerts": "http://127.0.0.1:9093/api/v2/alerts",
		"http://127.0.0.1:9093/?x=1#fragment": "http://127.0.0.1:9093/api/v2/alerts",
	} {
		got, err := alertsURL(in)
		if err != nil || got != want {
			t.Errorf("alertsURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "127.0.0.1:9093", "ftp://host", "http://", "http://%zz"} {
		if _, err := New(Config{URL: bad}, nil, nil); err == nil {
			t.Errorf("New with URL %q succeeded, want an error", bad)
		}
	}
}
