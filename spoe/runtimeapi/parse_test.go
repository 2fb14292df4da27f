package runtimeapi

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func parseFile(t *testing.T, name string) Stat {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := ParseStat(f)
	if err != nil {
		t.Fatalf("ParseStat(%s): %v", name, err)
	}
	return st
}

// Captured from HAProxy 2.6.12 with "show info;show stat" (see the test
// configuration in haproxy_test.go for the shape of the proxies).
func TestParseStatRealHAProxyCapture(t *testing.T) {
	st := parseFile(t, "testdata/haproxy-2.6.12-transition.txt")
	if st.Pid != 6941 {
		t.Errorf("Pid = %d, want 6941", st.Pid)
	}
	type brief struct{ Proxy, Name, Status, Check, Desc string }
	var got []brief
	for _, r := range st.Rows {
		got = append(got, brief{r.Proxy, r.Name, r.Status, r.CheckStatus, r.CheckDesc})
	}
	refused := "Layer4 connection problem: Connection refused"
	want := []brief{
		{"be_api", "s1", "UP 2/3", "L4CON", refused},
		{"be_api", "s2", "DOWN", "L4CON", refused},
		{"be_api", "BACKEND", "UP", "", ""},
		{"be_empty", "BACKEND", "UP", "", ""},
		{"be_dead", "d1", "DOWN", "L4CON", refused},
		{"be_dead", "d2", "no check", "", ""},
		{"be_dead", "d3", "no check", "", ""},
		{"be_dead", "d4", "DRAIN 2/3", "L4CON", refused},
		{"be_dead", "BACKEND", "UP", "", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestParseStatWeirdRows(t *testing.T) {
	st := parseFile(t, "testdata/weird.txt")
	want := Stat{Pid: 4242, Rows: []Row{
		{Proxy: "be_a", Name: "s1", Type: RowServer, Status: "UP 2/3", CheckStatus: "L7STS",
			CheckDesc: `Layer7 wrong status: HTTP status check returned code <503>, "bad"`, HTTP: true,
			Counters: Counters{HTTP5xx: 7, Responses: 7, ResponseErrors: 1, ConnectErrors: 2, Retries: 3, Redispatches: 4, Queued: 5, Sessions: 6}},
		{Proxy: "be_a", Name: "s2", Type: RowServer, Status: "MAINT (via be_b/s9)"},
		{Proxy: "be_a", Name: "s3", Type: RowServer, Status: "DOWN"},
		{Proxy: "be_a", Name: "BACKEND", Type: RowBackend, Status: "UP", HTTP: true,
			Counters: Counters{HTTP5xx: 40, Responses: 40, ResponseErrors: 1, ConnectErrors: 2, Retries: 3, Redispatches: 4, Sessions: 6}},
		{Proxy: "be_b", Name: "s1", Type: RowServer, Status: "no check", HTTP: true}, // hrsp_5xx unreadable, not empty
		{Proxy: "be_b", Name: "quoted,name", Type: RowServer, Status: "NOLB", CheckStatus: "L7OKC",
			CheckDesc: "Layer7 check conditionally passed"},
	}}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("ParseStat (-want +got):\n%s", diff)
	}
}

func TestParseStatErrors(t *testing.T) {
	header := "# pxname,svname,status\n"
	for name, tc := range map[string]struct{ in, want string }{
		"permission denied":  {"Permission denied\n\n", `no CSV header in the answer (first line "Permission denied")`},
		"empty answer":       {"", `no CSV header in the answer (first line "")`},
		"header without ids": {"# foo,bar\nx,y\n\n", "CSV header lacks the pxname or svname column"},
		"truncated":          {header + "be,s1,UP\n", "answer truncated"},
		"line too long":      {header + strings.Repeat("x", maxLineBytes+1) + "\n\n", "token too long"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseStat(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("ParseStat error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestSplitCSVLine(t *testing.T) {
	for in, want := range map[string][]string{
		"":                    {""},
		"a,,b,":               {"a", "", "b", ""},
		`"a,b",c`:             {"a,b", "c"},
		`"say ""hi""",x`:      {`say "hi"`, "x"},
		`"unterminated,still`: {"unterminated,still"},
		`"q"tail,z`:           {"qtail", "z"},
	} {
		if diff := cmp.Diff(want, splitCSVLine(nil, in, maxColumns)); diff != "" {
			t.Errorf("splitCSVLine(%q) (-want +got):\n%s", in, diff)
		}
	}
	if diff := cmp.Diff([]string{"a", "b"}, splitCSVLine(nil, "a,b,c,d", 2)); diff != "" {
		t.Errorf("splitCSVLine with limit 2 (-want +got):\n%s", diff)
	}
}

func FuzzParseStat(f *testing.F) {
	for _, name := range []string{"testdata/weird.txt", "testdata/haproxy-2.6.12-initial.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("# pxname,svname\n\"\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := ParseStat(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		for _, r := range st.Rows {
			if r.Proxy == "" || r.Name == "" {
				t.Fatalf("row without identity: %+v", r)
			}
			_ = r.State()
		}
	})
}
