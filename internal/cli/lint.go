package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/rules"
)

func runLint(args []string, std Stdio) int {
	f, paths, err := parseLintFlags(args, std)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintf(std.Err, "hapguard lint: %v\n", err)
		}
		return ExitUsage
	}
	settings, failOn, err := f.settings()
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: %v\n", err)
		return ExitUsage
	}
	if settings.Options.VersionSource.Guessed() {
		fmt.Fprintln(std.Err, versionNote(settings.Options))
	}
	inputs, err := readInputs(paths, std.In, f.stdinName)
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: %v\n", err)
		return ExitUnreadable
	}
	settings.Loaded = heapPolicy()
	cfg, diags, err := lint.Check(inputs, settings)
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: internal error (please report it): %v\n", err)
	}
	rep := newReport(cfg, diags, settings, f.useColor(std))
	if err := writeReports(f, rep, std); err != nil {
		fmt.Fprintf(std.Err, "hapguard lint: %v\n", err)
		return ExitUnreadable
	}
	return exitFor(diags, failOn)
}

// settings combines defaults, the configuration file and the flags, in
// that order of precedence.
func (f *lintFlags) settings() (lint.Settings, lint.Severity, error) {
	all := rules.All()
	s := lint.Settings{Options: lint.DefaultOptions(), Rules: all, InlineIgnores: !f.noInlineIgnores,
		SuppressionRule: rules.BadSuppression, Resolve: lint.NewResolver(all)}
	failOn := f.failOn
	fc, err := f.configFile()
	if err != nil {
		return s, 0, err
	}
	if fc != nil {
		if err := fc.Apply(all, &s); err != nil {
			return s, 0, err
		}
		if fc.FailOn != nil && !f.set["fail-on"] {
			failOn = fc.FailOn.Severity.String()
		}
	}
	if err := f.applyVersion(fc, &s.Options); err != nil {
		return s, 0, err
	}
	sev, err := lint.ParseSeverity(failOn)
	if err != nil {
		return s, 0, fmt.Errorf("--fail-on: %w", err)
	}
	return s, sev, nil
}

func (f *lintFlags) configFile() (*lint.FileConfig, error) {
	path := f.configPath
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, nil
		}
		if path = lint.FindConfigFile(wd); path == "" {
			return nil, nil
		}
	}
	return lint.LoadConfigFile(path)
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

func exitFor(diags []lint.Diagnostic, failOn lint.Severity) int {
	for _, d := range diags {
		if d.Severity >= failOn {
			return ExitFindings
		}
	}
	return ExitOK
}
