// Package haproxylog reads HAProxy's log stream: syslog framings, the
// standard `option httplog` line and the log-format hapguard recommends.
//
// The log is the one place where HAProxy's own 502/503/504 answers appear
// with their cause (the termination state, configuration manual §8.5), and
// where server state changes are announced. A Listener receives the stream
// over UDP or a unix datagram socket, a Parser turns each line into an
// event.Event, and Classify names the probable cause.
package haproxylog

// RecommendedLogFormat is the log-format that `hapguard agent
// print-haproxy-config` prints. It is `option httplog`'s format (configuration
// manual §8.2.3) with the unique-id (%ID) first, so log lines join the SPOE
// events of the same transaction, and without the captured headers, so every
// field sits at a fixed position.
const RecommendedLogFormat = `%ID %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %{+Q}r`

// RecommendedUniqueIDFormat is the unique-id-format the wiring sets. It has no
// spaces, so %ID is always one field of the log line.
const RecommendedUniqueIDFormat = `%{+X}o%ci:%cp_%fi:%fp_%Ts_%rt:%pid`
