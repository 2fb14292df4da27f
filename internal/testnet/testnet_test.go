package testnet

import (
	"net"
	"strconv"
	"testing"
)

func TestFreePortsAreBelowTheEphemeralRangeAndBindable(t *testing.T) {
	tcp, udp := FreeTCPPort(t), FreeUDPPort(t)
	for _, p := range []int{tcp, udp} {
		if p < portLow || p >= portHigh {
			t.Errorf("port %d outside %d-%d", p, portLow, portHigh)
		}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp)))
	if err != nil {
		t.Fatalf("TCP port %d: %v", tcp, err)
	}
	ln.Close()
	c, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(udp)))
	if err != nil {
		t.Fatalf("UDP port %d: %v", udp, err)
	}
	c.Close()
}
