package runtimeapi

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// errHeader says the CSV header cannot identify rows.
var errHeader = errors.New("CSV header lacks the pxname or svname column")

// columns holds the position of every column the poller reads, found by
// name in the header line; -1 marks a column this HAProxy does not have.
type columns struct {
	pxname, svname, typ, status          int
	checkStatus, checkDesc, lastCheck    int
	hrsp5xx, eresp, econ, wretr, chkfail int
	wredis, qcur, scur, rtime            int
	hrspOthers                           [5]int // hrsp_1xx to hrsp_4xx and hrsp_other
	needed                               int    // fields to split: the last used one, plus one
}

// newColumns maps the header's column names to positions.
func newColumns(header []string) (*columns, error) {
	pos := make(map[string]int, len(header))
	for i, name := range header {
		name = strings.TrimSpace(name)
		if _, dup := pos[name]; !dup && name != "" {
			pos[name] = i
		}
	}
	at := func(name string) int {
		if i, ok := pos[name]; ok {
			return i
		}
		return -1
	}
	c := &columns{
		pxname: at("pxname"), svname: at("svname"), typ: at("type"), status: at("status"),
		checkStatus: at("check_status"), checkDesc: at("check_desc"), lastCheck: at("last_chk"),
		hrsp5xx: at("hrsp_5xx"), eresp: at("eresp"), econ: at("econ"), wretr: at("wretr"),
		chkfail: at("chkfail"), wredis: at("wredis"), qcur: at("qcur"), scur: at("scur"), rtime: at("rtime"),
		hrspOthers: [5]int{at("hrsp_1xx"), at("hrsp_2xx"), at("hrsp_3xx"), at("hrsp_4xx"), at("hrsp_other")},
	}
	if c.pxname < 0 || c.svname < 0 {
		return nil, errHeader
	}
	c.needed = 1 + max(c.pxname, c.svname, c.typ, c.status, c.checkStatus, c.checkDesc, c.lastCheck,
		c.hrsp5xx, c.eresp, c.econ, c.wretr, c.chkfail, c.wredis, c.qcur, c.scur, c.rtime, slices.Max(c.hrspOthers[:]))
	return c, nil
}

// row builds a Row from the fields of one line. It reports false for lines
// that are not a backend or a server (frontends, listeners, junk).
func (c *columns) row(f []string) (Row, bool) {
	proxy, name := field(f, c.pxname), field(f, c.svname)
	typ := c.rowType(f, name)
	if proxy == "" || name == "" || (typ != RowBackend && typ != RowServer) {
		return Row{}, false
	}
	// Strings are cloned so that a Row does not keep its whole line alive.
	r := Row{Proxy: strings.Clone(proxy), Name: strings.Clone(name), Type: typ}
	r.Status = strings.Clone(strings.TrimSpace(field(f, c.status)))
	r.CheckStatus = strings.Clone(normalizeCheckStatus(field(f, c.checkStatus)))
	r.CheckDesc = strings.Clone(checkDescription(field(f, c.checkDesc), field(f, c.lastCheck)))
	r.Counters = Counters{
		HTTP5xx: number(f, c.hrsp5xx), ResponseErrors: number(f, c.eresp),
		ConnectErrors: number(f, c.econ), Retries: number(f, c.wretr),
		CheckFailures: number(f, c.chkfail),
		Redispatches:  number(f, c.wredis), Queued: number(f, c.qcur), Sessions: number(f, c.scur),
		ResponseTimeMs: number(f, c.rtime),
	}
	r.Counters.Responses, r.HTTP = c.responses(f)
	return r, true
}

// responses sums the HTTP responses a row counts (hrsp_1xx to hrsp_5xx and
// hrsp_other), and reports whether the row has them: a proxy in mode tcp
// leaves those columns empty.
func (c *columns) responses(f []string) (uint64, bool) {
	if strings.TrimSpace(field(f, c.hrsp5xx)) == "" {
		return 0, false
	}
	n := number(f, c.hrsp5xx)
	for _, i := range c.hrspOthers {
		n += number(f, i)
	}
	return n, true
}

// rowType reads the "type" column, falling back on the FRONTEND/BACKEND
// names when the column is absent or unreadable.
func (c *columns) rowType(f []string, name string) RowType {
	if t, err := strconv.ParseUint(field(f, c.typ), 10, 8); err == nil && t <= uint64(RowListener) {
		return RowType(t)
	}
	switch name {
	case "FRONTEND":
		return RowFrontend
	case "BACKEND":
		return RowBackend
	}
	return RowServer
}

// field returns column i of a row, or "" when the row is too short.
func field(f []string, i int) string {
	if i < 0 || i >= len(f) {
		return ""
	}
	return f[i]
}

// number parses a counter; empty or malformed values count as 0.
func number(f []string, i int) uint64 {
	n, err := strconv.ParseUint(strings.TrimSpace(field(f, i)), 10, 64)
	if err != nil {
		return 0
	}
	return n
}
