package agent

import (
	"fmt"

	"github.com/hapguard/hapguard/spoe/alertmanager"
	"github.com/hapguard/hapguard/spoe/endpoint"
)

// address is one configured socket address and what it is used for.
type address struct {
	key, value string
	use        endpoint.Use
}

// addresses lists the configured (non-empty) socket addresses. Each input
// and output parses its own with the same endpoint.Use, so what passes
// here is what they accept.
func (c Config) addresses() []address {
	all := []address{
		{"spoe_listen", c.SPOEListen, endpoint.Use{}},
		{"syslog_listen", c.SyslogListen, endpoint.Use{Datagram: true}},
		{"haproxy_socket", c.HAProxySocket, endpoint.Use{Dial: true}},
		{"http_listen", c.HTTPListen, endpoint.Use{NoUnix: true}},
	}
	out := all[:0]
	for _, a := range all {
		if a.value != "" {
			out = append(out, a)
		}
	}
	return out
}

// validateAddresses parses every address and, for the listeners, checks
// without binding what would make binding fail (see
// endpoint.CheckListen): this is all a start does before it binds.
func validateAddresses(c Config) []error {
	var errs []error
	for _, a := range c.addresses() {
		e, err := endpoint.Parse(a.value, a.use)
		if err == nil && !a.use.Dial {
			err = e.CheckListen()
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", setting(a.key), err))
		}
	}
	if c.AlertmanagerURL != "" {
		if err := alertmanager.CheckURL(c.AlertmanagerURL); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", setting("alertmanager_url"), err))
		}
	}
	return errs
}

// httpEndpoint is the parsed HTTP listen address.
func (c Config) httpEndpoint() (endpoint.Endpoint, error) {
	e, err := endpoint.Parse(c.HTTPListen, endpoint.Use{NoUnix: true})
	if err != nil {
		return e, fmt.Errorf("%s: %w", setting("http_listen"), err)
	}
	return e, nil
}
