package runtimeapi

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxLineBytes bounds one line of the answer; real rows are about 1 KiB.
const maxLineBytes = 256 << 10

// errTruncated says the answer stopped before the empty line that ends it.
var errTruncated = errors.New("answer truncated: no empty line after the last CSV row")

// ParseStat reads the answer to "show info;show stat" (or "show stat"
// alone). The CSV columns are mapped by the names in the "# pxname,..."
// header, never by position, so unknown or reordered columns are harmless
// and short rows simply lack the missing values. Lines before the header
// are read as "show info" ("Pid: 1234"). HAProxy ends the CSV block with an
// empty line; an answer without it was cut short and is an error. An answer without a header, such
// as "Permission denied" or "Unknown command", is an error naming it.
func ParseStat(r io.Reader) (Stat, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	var (
		st       Stat
		cols     *columns
		first    string
		fieldBuf []string
		ended    bool // the CSV block ended with its empty line
	)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.HasPrefix(line, "#"):
			c, err := newColumns(splitCSVLine(nil, strings.TrimLeft(line, "# ")))
			if err != nil {
				return Stat{}, err
			}
			cols = c
		case cols == nil:
			first = firstNonEmpty(first, line)
			parseInfoLine(&st, line)
		case line == "":
			ended = true
		default:
			ended = false
			fieldBuf = splitCSVLine(fieldBuf[:0], line)
			if row, ok := cols.row(fieldBuf); ok {
				st.Rows = append(st.Rows, row)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return Stat{}, fmt.Errorf("read show stat answer: %w", err)
	}
	if cols == nil {
		return Stat{}, fmt.Errorf("no CSV header in the answer (first line %q)", truncate(first, 120))
	}
	if !ended {
		return Stat{}, errTruncated
	}
	return st, nil
}

// parseInfoLine keeps the process id from a "show info" line.
func parseInfoLine(st *Stat, line string) {
	name, value, ok := strings.Cut(line, ":")
	if !ok || name != "Pid" {
		return
	}
	if pid, err := strconv.Atoi(strings.TrimSpace(value)); err == nil {
		st.Pid = pid
	}
}

func firstNonEmpty(current, line string) string {
	if current != "" {
		return current
	}
	return strings.TrimSpace(line)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
