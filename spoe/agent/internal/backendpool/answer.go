package backendpool

import (
	"bufio"
	"errors"
	"net"
	"strconv"
	"strings"
	"time"
)

// abortDelay is how long CloseBeforeHeaders works on a request before it
// closes the connection.
const abortDelay = 20 * time.Millisecond

// errHeadTooLarge is returned for a request head over maxHeaderBytes.
var errHeadTooLarge = errors.New("request head too large")

// readRequestHead consumes one request head (the pool serves bodiless
// requests only) up to the empty line.
func readRequestHead(r *bufio.Reader) error {
	total := 0
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		total += len(line)
		if total > maxHeaderBytes {
			return errHeadTooLarge
		}
		if strings.TrimRight(string(line), "\r\n") == "" && total > len(line) {
			return nil
		}
	}
}

// answer writes the response the current mode calls for and reports whether
// the connection may serve another request.
func (s *Server) answer(c net.Conn) bool {
	switch s.Mode() {
	case Healthy:
		return s.writeStatus(c, 200, "OK")
	case Status500:
		return s.writeStatus(c, 500, "Internal Server Error")
	case Status503:
		return s.writeStatus(c, 503, "Service Unavailable")
	case Slow:
		time.Sleep(s.slowDelay)
		return s.writeStatus(c, 200, "OK")
	case Garbage:
		c.Write([]byte("\x00\x01 this is not HTTP \xff\r\n\r\n"))
		return false
	case Hang:
		hang(c)
		return false
	case CloseBeforeHeaders:
		// Work a little, then die: the request was surely sent and read.
		time.Sleep(abortDelay)
		return false
	}
	return false // CloseBeforeHeaders, Refuse
}

func (s *Server) writeStatus(c net.Conn, code int, reason string) bool {
	body := s.name + "\n"
	resp := "HTTP/1.1 " + strconv.Itoa(code) + " " + reason + "\r\n" +
		"Content-Type: text/plain\r\nX-Backend-Server: " + s.name + "\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	_, err := c.Write([]byte(resp))
	return err == nil
}

// hang waits, without answering, until the peer closes or hangLimit passes.
func hang(c net.Conn) {
	c.SetReadDeadline(time.Now().Add(hangLimit))
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}
