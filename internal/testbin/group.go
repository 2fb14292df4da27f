package testbin

import (
	"os/user"
	"testing"
)

// SocketGroup returns a group a test can give a unix socket HAProxy
// creates: haproxy where it exists (Debian's haproxy package creates it,
// and the agent's systemd unit runs as it), else the current user's
// primary group, so that the configuration stays valid without root.
func SocketGroup(t testing.TB) string {
	t.Helper()
	if _, err := user.LookupGroup("haproxy"); err == nil {
		return "haproxy"
	}
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	g, err := user.LookupGroupId(u.Gid)
	if err != nil {
		t.Fatal(err)
	}
	return g.Name
}
