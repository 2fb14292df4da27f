package wiring

import "github.com/hapguard/hapguard/spoe/endpoint"

// Inputs are the agent's listeners and stats socket that match a wiring,
// in the syntax of `hapguard agent`'s flags and YAML keys (spoe_listen,
// syslog_listen, haproxy_socket): "tcp://host:port", "unix:///path",
// "unixgram:///path", "udp://host:port", or "off".
type Inputs struct {
	SPOE        string
	Syslog      string
	StatsSocket string
}

// inputsOf returns the agent side of opts (defaults applied, validated).
func inputsOf(opts Options) (Inputs, error) {
	in := Inputs{Syslog: Off, StatsSocket: Off}
	spoe, err := endpoint.Parse(opts.AgentAddress, endpoint.Use{})
	if err != nil {
		return in, err
	}
	in.SPOE = spoe.String()
	if opts.SyslogAddress != Off {
		e, err := endpoint.Parse(opts.SyslogAddress, endpoint.Use{Datagram: true})
		if err != nil {
			return in, err
		}
		in.Syslog = e.String()
	}
	if opts.StatsSocket != Off {
		e, err := endpoint.Parse(opts.StatsSocket, endpoint.Use{Dial: true})
		if err != nil {
			return in, err
		}
		in.StatsSocket = e.String()
	}
	return in, nil
}
