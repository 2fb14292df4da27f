package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/lint/report"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// errReported is returned for usage errors already printed.
var errReported = errors.New("usage error")

type lintFlags struct {
	formats         stringList
	outputs         stringList
	failOn          string
	version         string
	stdinName       string
	color           string
	configPath      string
	noInlineIgnores bool
	set             map[string]bool // flags given explicitly
}

func parseLintFlags(args []string, std Stdio) (*lintFlags, []string, error) {
	f := &lintFlags{set: map[string]bool{}}
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(std.Err)
	fs.Usage = func() {
		fmt.Fprintln(std.Err, "usage: hapguard lint [flags] PATH... (files, directories of *.cfg, or - for stdin)")
		fs.PrintDefaults()
	}
	fs.Var(&f.formats, "format", fmt.Sprintf("output format, repeatable: %s (default text)", strings.Join(report.Formats(), ", ")))
	fs.Var(&f.outputs, "output", "write the report of the matching --format to this file (repeatable, paired in order)")
	fs.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning or info")
	fs.StringVar(&f.version, "haproxy-version", "", "HAProxy LTS the configuration is for: "+lint.LTSList()+
		" (default: the config file's, else the version of haproxy on PATH, else "+lint.NewestLTS().String()+")")
	fs.StringVar(&f.stdinName, "stdin-filename", "<stdin>", "file name to report for input read from -")
	fs.StringVar(&f.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	fs.StringVar(&f.configPath, "config", "", "lint configuration file (default: .hapguard.yaml found from the working directory up)")
	fs.BoolVar(&f.noInlineIgnores, "no-inline-ignores", false, "ignore # hapguard:ignore comments (for audits)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, err
		}
		return nil, nil, errReported // the flag package printed it
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if fs.NArg() == 0 {
		fs.Usage()
		return nil, nil, errReported
	}
	if len(f.formats) == 0 {
		f.formats = stringList{"text"}
	}
	if len(f.outputs) > len(f.formats) {
		return nil, nil, fmt.Errorf("%d --output for %d --format", len(f.outputs), len(f.formats))
	}
	for _, format := range f.formats {
		if _, err := report.Lookup(format); err != nil {
			return nil, nil, fmt.Errorf("--format: %w", err)
		}
	}
	if f.color != "auto" && f.color != "always" && f.color != "never" {
		return nil, nil, fmt.Errorf("--color: want auto, always or never")
	}
	return f, fs.Args(), nil
}

// applyVersion sets the HAProxy version and its source: the flag, else the
// configuration file (already applied), else the haproxy binary on PATH,
// else the default (the newest LTS).
func (f *lintFlags) applyVersion(fc *lint.FileConfig, o *lint.Options) error {
	switch {
	case f.version != "":
		v, err := lint.ParseLTS(f.version)
		if err != nil {
			return fmt.Errorf("--haproxy-version: %w", err)
		}
		o.HAProxyVersion, o.VersionSource = v, lint.VersionFromFlag()
	case fc != nil && fc.HAProxyVersion != nil:
		// set by FileConfig.Apply, with its source
	default:
		if v, src, ok := detectVersion(); ok {
			o.HAProxyVersion, o.VersionSource = v, src
		}
	}
	return nil
}
