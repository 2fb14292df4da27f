package runtimeapi

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxColumns bounds the header; HAProxy 3.2 has under 200 columns.
const maxColumns = 4096

// maxLineBytes bounds one line of the answer; real rows are about 1 KiB.
const maxLineBytes = 256 << 10

// errTruncated says the answer stopped before the empty line that ends it.
var errTruncated = errors.New("answer truncated: no empty line after the last CSV row")

// ParseStat reads the answer to "show info;show stat" (or "show stat"
// alone). The CSV columns are mapped by the names in the "# pxname,..."
// header, never by position, so unknown or reordered columns are harmless
// and short rows simply lack the missing values. Lines before the header
// are read as "show info" ("Pid: 1234"). HAProxy ends the CSV block with an
// empty line; an answer without it was cut short and is an error. So is an
// answer without a header, such as "Permission denied" or "Unknown
// command", whose first line the error quotes.
func ParseStat(r io.Reader) (Stat, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineBytes)
	var p statParser
	for sc.Scan() {
		if err := p.line(strings.TrimRight(sc.Text(), "\r")); err != nil {
			return Stat{}, err
		}
	}
	if err := sc.Err(); err != nil {
		return Stat{}, fmt.Errorf("read show stat answer: %w", err)
	}
	return p.result()
}

// statParser holds what ParseStat has read so far.
type statParser struct {
	st     Stat
	cols   *columns // nil until the header
	first  string   // first non-empty line, quoted when there is no header
	fields []string // reused for every row
	ended  bool     // the last line was the empty one that ends the block
}

func (p *statParser) line(line string) error {
	switch {
	case strings.HasPrefix(line, "#"):
		cols, err := newColumns(splitCSVLine(nil, strings.TrimLeft(line, "# "), maxColumns))
		p.cols, p.ended = cols, false
		return err
	case p.cols == nil:
		p.first = firstNonEmpty(p.first, line)
		parseInfoLine(&p.st, line)
	case line == "":
		p.ended = true
	default:
		p.ended = false
		p.fields = splitCSVLine(p.fields[:0], line, p.cols.needed)
		if row, ok := p.cols.row(p.fields); ok {
			p.st.Rows = append(p.st.Rows, row)
		}
	}
	return nil
}

func (p *statParser) result() (Stat, error) {
	switch {
	case p.cols == nil:
		return Stat{}, fmt.Errorf("no CSV header in the answer (first line %q)", truncate(p.first, 120))
	case !p.ended:
		return Stat{}, errTruncated
	}
	return p.st, nil
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
