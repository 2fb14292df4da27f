package server

// helloMaxFrameSize returns the max-frame-size item of a HAPROXY-HELLO frame
// body (the frame without its length prefix). It never panics: truncated or
// malformed input just reports ok=false and the library decides what to do.
func helloMaxFrameSize(body []byte) (size uint32, ok bool) {
	const typeHaproxyHello, flagsLen = 0x01, 4
	if len(body) < 1+flagsLen || body[0] != typeHaproxyHello {
		return 0, false
	}
	b := body[1+flagsLen:]
	for range 2 { // stream-id and frame-id
		if b, ok = skipVarint(b); !ok {
			return 0, false
		}
	}
	for len(b) > 0 {
		keyLen, n := uvarint(b)
		if n == 0 || uint64(len(b)-n) < keyLen {
			return 0, false
		}
		key := string(b[n : n+int(keyLen)])
		b = b[n+int(keyLen):]
		value, isInt, rest, valid := typedValue(b)
		if !valid {
			return 0, false
		}
		if key == "max-frame-size" && isInt && value <= 1<<32-1 {
			return uint32(value), true
		}
		b = rest
	}
	return 0, false
}

// typedValue decodes one SPOP TYPED-DATA item (SPOE.txt §3.1), returning its
// value when it is an integer, and the bytes after it.
func typedValue(b []byte) (value uint64, isInt bool, rest []byte, ok bool) {
	if len(b) == 0 {
		return 0, false, nil, false
	}
	kind, b := b[0]&0x0F, b[1:]
	switch kind {
	case 0, 1: // null, boolean: no data
		return 0, false, b, true
	case 2, 3, 4, 5: // int32, uint32, int64, uint64
		v, n := uvarint(b)
		return v, n > 0, b[n:], n > 0
	case 6, 7: // IPv4, IPv6
		size := 4
		if kind == 7 {
			size = 16
		}
		if len(b) < size {
			return 0, false, nil, false
		}
		return 0, false, b[size:], true
	case 8, 9: // string, binary
		l, n := uvarint(b)
		if n == 0 || uint64(len(b)-n) < l {
			return 0, false, nil, false
		}
		return 0, false, b[n+int(l):], true
	}
	return 0, false, nil, false
}

func skipVarint(b []byte) ([]byte, bool) {
	_, n := uvarint(b)
	return b[n:], n > 0
}

// uvarint decodes SPOP's variable-length integer (SPOE.txt §3.1). n is the
// number of bytes used, 0 when b is truncated or the value overflows.
func uvarint(b []byte) (v uint64, n int) {
	if len(b) == 0 {
		return 0, 0
	}
	v = uint64(b[0])
	if v < 240 {
		return v, 1
	}
	shift := uint(4)
	for i := 1; i < len(b) && i < 10; i++ {
		v += uint64(b[i]) << shift
		shift += 7
		if b[i] < 128 {
			return v, i + 1
		}
	}
	return 0, 0
}
