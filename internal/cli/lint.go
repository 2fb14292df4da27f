package cli

import (
	"flag"
	"fmt"
	"os"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/lint/report"
	"github.com/hapguard/hapguard/rules"
)

type lintFlags struct {
	format    string
	failOn    string
	version   string
	stdinName string
	color     string
}

func parseLintFlags(args []string, std Stdio) (*lintFlags, []string, error) {
	f := &lintFlags{}
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(std.Err)
	fs.Usage = func() {
		fmt.Fprintln(std.Err, "usage: hapguard lint [flags] PATH... (files, directories of *.cfg, or - for stdin)")
		fs.PrintDefaults()
	}
	fs.StringVar(&f.format, "format", "text", fmt.Sprintf("output format: %v", report.Formats()))
	fs.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning or info")
	fs.StringVar(&f.version, "haproxy-version", lint.DefaultOptions().HAProxyVersion.String(), "HAProxy version the configuration is for (e.g. 2.6, 3.2)")
	fs.StringVar(&f.stdinName, "stdin-filename", "<stdin>", "file name to report for input read from -")
	fs.StringVar(&f.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return nil, nil, fmt.Errorf("no input given")
	}
	return f, fs.Args(), nil
}

func runLint(args []string, std Stdio) int {
	f, paths, err := parseLintFlags(args, std)
	if err != nil {
		return ExitUsage
	}
	opts, failOn, printer, err := f.resolve()
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: %v\n", err)
		return ExitUsage
	}
	inputs, err := readInputs(paths, std.In, f.stdinName)
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: %v\n", err)
		return ExitUnreadable
	}
	cfg := lint.Load(inputs, opts)
	all := rules.All()
	diags, err := lint.Run(cfg, all, opts)
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: internal error (please report it): %v\n", err)
	}
	rep := &report.Report{Diagnostics: diags, Rules: all, ToolVersion: Version,
		Source: sourceLines(cfg), Color: f.useColor(std)}
	if err := printer(std.Out, rep); err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: writing report: %v\n", err)
		return ExitUnreadable
	}
	return exitFor(diags, failOn)
}

func (f *lintFlags) resolve() (lint.Options, lint.Severity, report.Printer, error) {
	opts := lint.DefaultOptions()
	v, err := lint.ParseVersion(f.version)
	if err != nil {
		return opts, 0, nil, fmt.Errorf("--haproxy-version: %w", err)
	}
	opts.HAProxyVersion = v
	failOn, err := lint.ParseSeverity(f.failOn)
	if err != nil {
		return opts, 0, nil, fmt.Errorf("--fail-on: %w", err)
	}
	printer, err := report.Lookup(f.format)
	if err != nil {
		return opts, 0, nil, fmt.Errorf("--format: %w", err)
	}
	return opts, failOn, printer, nil
}

func (f *lintFlags) useColor(std Stdio) bool {
	switch f.color {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	file, ok := std.Out.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func sourceLines(cfg *lint.Config) func(string, int) string {
	files := map[string]*lint.File{}
	for _, f := range cfg.Files {
		files[f.Name] = f
	}
	return func(name string, line int) string {
		if f, ok := files[name]; ok {
			return f.Line(line)
		}
		return ""
	}
}

func exitFor(diags []lint.Diagnostic, failOn lint.Severity) int {
	for _, d := range diags {
		if d.Severity >= failOn {
			return ExitFindings
		}
	}
	return ExitOK
}
