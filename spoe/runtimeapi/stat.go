package runtimeapi

import "github.com/hapguard/hapguard/spoe/event"

// BackendServer names one row of interest: a server of a backend, or the
// backend's own aggregate row when Server is "".
type BackendServer struct {
	Backend string
	Server  string
}

// Counters are the values of one "show stat" row that cross-check what the
// other inputs saw (management guide §9.1). The first six are cumulative
// counters; Queued, Sessions and ResponseTimeMs are gauges.
type Counters struct {
	HTTP5xx        uint64 // hrsp_5xx; a backend's includes HAProxy's own 5xx
	Responses      uint64 // hrsp_1xx..hrsp_5xx and hrsp_other: HTTP responses (a server's: those it sent)
	ResponseErrors uint64 // eresp: invalid or aborted responses (srv_abrt too)
	ConnectErrors  uint64 // econ: failed connection attempts
	Retries        uint64 // wretr: connection retries
	CheckFailures  uint64 // chkfail: failed health checks (servers only)
	Redispatches   uint64 // wredis: requests redispatched to another server
	Queued         uint64 // qcur: requests waiting in the queue now
	Sessions       uint64 // scur: current sessions
	ResponseTimeMs uint64 // rtime: average response time of the last 1024 requests, in ms
}

// RowType is the kind of object a "show stat" row describes (field 32).
type RowType uint8

// Row types, numbered as HAProxy numbers them.
const (
	RowFrontend RowType = iota
	RowBackend
	RowServer
	RowListener
)

// Row is the part of one "show stat" line the poller uses.
type Row struct {
	Proxy       string // pxname
	Name        string // svname: a server name, "BACKEND" or "FRONTEND"
	Type        RowType
	Status      string // HAProxy's text, e.g. "UP", "UP 2/3", "no check"
	CheckStatus string // L4OK, L4CON, L7STS, ... without the "* " prefix
	CheckDesc   string // check_desc and last_chk joined
	HTTP        bool   // the row has HTTP response counters (mode http)
	Counters    Counters
}

// Key returns the BackendServer a row is tracked under.
func (r Row) Key() BackendServer {
	if r.Type == RowBackend {
		return BackendServer{Backend: r.Proxy}
	}
	return BackendServer{Backend: r.Proxy, Server: r.Name}
}

// State returns the server state parsed from Status.
func (r Row) State() event.ServerState { return ParseServerStatus(r.Status) }

// Stat is one parsed answer to "show info;show stat": the process id from
// "show info" (0 when absent) and the backend and server rows (frontends
// and listeners are dropped).
type Stat struct {
	Pid  int
	Rows []Row
}
