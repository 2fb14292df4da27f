package runtimeapi

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// BenchmarkParseStat parses a 10,000-server answer built from a real row.
func BenchmarkParseStat(b *testing.B) {
	capture, err := os.ReadFile("testdata/haproxy-2.6.12-transition.txt")
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(capture, []byte("\n"))
	var header, row []byte
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("# pxname")) {
			header, row = l, lines[i+2] // the first server row
		}
	}
	var buf bytes.Buffer
	buf.Write(header)
	buf.WriteByte('\n')
	for i := range 10000 {
		fmt.Fprintf(&buf, "be_%d,s%d%s\n", i/10, i, row[bytes.IndexByte(row[7:], ',')+7:])
	}
	buf.WriteByte('\n')
	answer := buf.Bytes()
	b.SetBytes(int64(len(answer)))
	b.ReportAllocs()
	for b.Loop() {
		st, err := ParseStat(bytes.NewReader(answer))
		if err != nil || len(st.Rows) != 10000 {
			b.Fatalf("rows %d, err %v", len(st.Rows), err)
		}
	}
}
