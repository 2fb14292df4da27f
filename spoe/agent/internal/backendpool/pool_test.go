package backendpool

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func startPool(t *testing.T) *Server {
	t.Helper()
	p, err := New([]string{"s1"}, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p.Server("s1")
}

// exchange sends one request on a fresh connection and returns what came back
// before the server closed or one second passed.
func exchange(t *testing.T, addr string) (string, error) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		return "", err
	}
	b, err := io.ReadAll(bufio.NewReader(c))
	return string(b), err
}

func TestModesAnswerAsNamed(t *testing.T) {
	s := startPool(t)
	cases := []struct {
		mode   Mode
		prefix string
	}{
		{Status500, "HTTP/1.1 500 "},
		{Status503, "HTTP/1.1 503 "},
		{Garbage, "\x00\x01 this is not HTTP"},
		{CloseBeforeHeaders, ""},
	}
	for _, tc := range cases {
		if err := s.Set(tc.mode); err != nil {
			t.Fatal(err)
		}
		got, _ := exchange(t, s.Addr())
		if !strings.HasPrefix(got, tc.prefix) || (tc.prefix == "" && got != "") {
			t.Errorf("%s: got %q, want prefix %q", tc.mode, got, tc.prefix)
		}
	}
}

func TestHangNeverAnswers(t *testing.T) {
	s := startPool(t)
	s.Set(Hang)
	got, err := exchange(t, s.Addr())
	var ne net.Error
	if got != "" || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("got %q, %v; want nothing and a timeout", got, err)
	}
}

func TestRefuseClosesAndHealthyReopens(t *testing.T) {
	s := startPool(t)
	if err := s.Set(Refuse); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange(t, s.Addr()); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("err = %v, want connection refused", err)
	}
	if err := s.Set(Healthy); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + s.Addr() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := []string{resp.Status, resp.Header.Get("X-Backend-Server")}
	if diff := cmp.Diff([]string{"200 OK", "s1"}, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func TestSlowWaitsThenAnswers(t *testing.T) {
	s := startPool(t)
	s.Set(Slow)
	start := time.Now()
	resp, err := http.Get("http://" + s.Addr() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if took := time.Since(start); took < 50*time.Millisecond || resp.StatusCode != 200 {
		t.Fatalf("status %d after %v, want 200 after at least 50ms", resp.StatusCode, took)
	}
}
