package haproxylog

import "bytes"

// checkStatuses maps the reason HAProxy writes in a server state message to
// the check status code of `show stat` (HAProxy's check_statuses table).
var checkStatuses = map[string]string{
	"Unknown":                           "UNK",
	"Initializing":                      "INI",
	"Health analyze":                    "HANA",
	"Socket error":                      "SOCKERR",
	"Layer4 check passed":               "L4OK",
	"Layer4 timeout":                    "L4TOUT",
	"Layer4 connection problem":         "L4CON",
	"Layer6 check passed":               "L6OK",
	"Layer6 timeout":                    "L6TOUT",
	"Layer6 invalid response":           "L6RSP",
	"Layer7 timeout":                    "L7TOUT",
	"Layer7 invalid response":           "L7RSP",
	"Layer7 check passed":               "L7OK",
	"Layer7 check conditionally passed": "L7OKC",
	"Layer7 wrong status":               "L7STS",
	"External check error":              "PROCERR",
	"External check timeout":            "PROCTOUT",
	"External check passed":             "PROCOK",
}

// lastCheck is the most recent "Health check for server" message. With
// `option log-health-checks` HAProxy states the reason there and then logs
// the transition ("Server be/s1 is DOWN.") without it.
type lastCheck struct {
	backend, server, status, desc string
}

// is reports whether the remembered check is for backend/server.
func (c *lastCheck) is(backend, server []byte) bool {
	return c.backend == string(backend) && c.server == string(server)
}

// rememberCheck keeps the reason of "be/s1 failed, reason: ..." (the text
// after "Health check for server ").
func (p *Parser) rememberCheck(msg []byte) {
	name, rest := cutField(msg)
	backend, server, ok := bytes.Cut(name, []byte("/"))
	if !ok {
		return
	}
	status, desc := checkReason(rest)
	p.lastCheck = lastCheck{
		backend: p.names.get(backend), server: p.names.get(server),
		status: status, desc: desc,
	}
}

// checkReason extracts the check status code and the reason text, from
// "reason: " up to ", check duration" (or the end of the sentence).
func checkReason(rest []byte) (status, desc string) {
	_, reason, ok := bytes.Cut(rest, []byte("reason: "))
	if !ok {
		return "", ""
	}
	if i := bytes.Index(reason, []byte(", check duration")); i >= 0 {
		reason = reason[:i]
	} else if i := bytes.Index(reason, []byte(". ")); i >= 0 {
		reason = reason[:i]
	}
	head := reason
	if i := bytes.IndexAny(head, ",."); i >= 0 {
		head = head[:i]
	}
	return checkStatuses[string(head)], string(reason[:min(len(reason), maxDescLen)])
}

// maxDescLen bounds the check description kept in an event.
const maxDescLen = 256
