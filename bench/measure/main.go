// Command measure runs a command and prints its wall time, CPU time (user
// plus system, all threads, from the kernel's accounting) in seconds with
// millisecond precision, and its peak resident memory in MiB:
//
//	measure [-runs N] -- COMMAND [ARG...]
//
// With -runs N it runs the command N times and prints the least wall time,
// the least CPU time and the largest peak memory. The command's output is
// discarded and its exit status ignored (a linter exits 1 on findings);
// a command that cannot be started is an error. bench/lint.sh uses it
// instead of /usr/bin/time, whose 10 ms resolution made the growth of
// small runs coarse.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// sample is one run's figures.
type sample struct {
	wall, cpu time.Duration
	peakKiB   int64
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("measure", flag.ContinueOnError)
	fs.SetOutput(stderr)
	runs := fs.Int("runs", 1, "runs of the command (1..100): the least times and the largest memory are printed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *runs < 1 || *runs > 100 {
		fmt.Fprintf(stderr, "measure: -runs %d: must be 1..100\n", *runs)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: measure [-runs N] -- COMMAND [ARG...]")
		return 2
	}
	var best sample
	for i := range *runs {
		s, err := once(fs.Args())
		if err != nil {
			fmt.Fprintf(stderr, "measure: %v\n", err)
			return 1
		}
		if i == 0 {
			best = s
			continue
		}
		best.wall, best.cpu, best.peakKiB = min(best.wall, s.wall), min(best.cpu, s.cpu), max(best.peakKiB, s.peakKiB)
	}
	fmt.Fprintf(stdout, "%.3f %.3f %d\n", best.wall.Seconds(), best.cpu.Seconds(), best.peakKiB/1024)
	return 0
}

// once runs the command once.
func once(argv []string) (sample, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return sample{}, fmt.Errorf("run %s: %w", argv[0], err)
	}
	usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, errors.New("no resource usage for the command on this system")
	}
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), peakKiB: usage.Maxrss}, nil
}
