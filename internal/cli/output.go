package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/lint/report"
)

// newReport builds the report with every secret of the configuration
// masked, so no printer can leak one.
func newReport(cfg *lint.Config, diags []lint.Diagnostic, s lint.Settings, color bool) *report.Report {
	red := lint.NewRedactor(cfg, s.Options.Env)
	masked := make([]lint.Diagnostic, len(diags))
	for i, d := range diags {
		d.Message = red.Message(d.Message)
		masked[i] = d
	}
	files := map[string]*lint.File{}
	for _, f := range cfg.Files {
		files[f.Name] = f
	}
	source := func(name string, line int) string {
		f, ok := files[name]
		if !ok {
			return ""
		}
		return red.Line(name, line, f.Line(line))
	}
	return &report.Report{Diagnostics: masked, Rules: s.Rules, Source: source,
		ToolVersion: Version, Color: color,
		HAProxyVersion: s.Options.HAProxyVersion, VersionSource: s.Options.VersionSource}
}

// writeReports prints one report per --format, to its paired --output or
// to standard output.
func writeReports(f *lintFlags, rep *report.Report, std Stdio) error {
	for i, format := range f.formats {
		printer, err := report.Lookup(format)
		if err != nil {
			return err
		}
		r := *rep
		if i < len(f.outputs) {
			r.Color = false
			if err := writeFile(f.outputs[i], printer, &r); err != nil {
				return err
			}
			continue
		}
		if err := printer(std.Out, &r); err != nil {
			return fmt.Errorf("write %s report: %w", format, err)
		}
	}
	return nil
}

func writeFile(path string, printer report.Printer, r *report.Report) error {
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create report file: %w", err)
	}
	if err := printer(io.Writer(out), r); err != nil {
		out.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return out.Close()
}
