package server

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHelloMaxFrameSize(t *testing.T) {
	type result struct {
		Size uint32
		OK   bool
	}
	body := func(f []byte) []byte { return f[4:] }
	cases := map[string]struct {
		body []byte
		want result
	}{
		"haproxy hello":       {body(helloFrame(16380)), result{16380, true}},
		"after an ipv4 item":  {body(frame(typeHello, 0, 0, append([]byte{2, 'i', 'p', 0x06, 1, 2, 3, 4}, kvs(item{"max-frame-size", uint32(300)})...))), result{300, true}},
		"missing":             {body(frame(typeHello, 0, 0, kvs(item{"capabilities", ""}))), result{}},
		"string typed":        {body(frame(typeHello, 0, 0, kvs(item{"max-frame-size", "16380"}))), result{}},
		"not a hello":         {body(notifyFrame(1, 1)), result{}},
		"truncated key":       {[]byte{typeHello, 0, 0, 0, 1, 0, 0, 20, 'm'}, result{}},
		"truncated varint":    {[]byte{typeHello, 0, 0, 0, 1, 0xF0, 0xF0}, result{}},
		"empty":               {nil, result{}},
		"unknown type":        {[]byte{typeHello, 0, 0, 0, 1, 0, 0, 1, 'x', 0x0E}, result{}},
		"value beyond uint32": {body(frame(typeHello, 0, 0, kvs(item{"max-frame-size", uint64(1 << 40)}))), result{}},
	}
	for name, tc := range cases {
		size, ok := helloMaxFrameSize(tc.body)
		if diff := cmp.Diff(tc.want, result{size, ok}); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}
