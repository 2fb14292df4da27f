package cli

import (
	"log/slog"

	"github.com/hapguard/hapguard/internal/bridge"
	"github.com/hapguard/hapguard/lint"
)

// configExplainer builds the bridge that names, in each anomaly, the lines
// of the configuration HAProxy runs behind it; nil when no configuration is
// watched.
func configExplainer(paths []string, logger *slog.Logger) (*bridge.Explainer, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	return bridge.New(bridge.Options{
		Load: lintForAgent(paths), Paths: paths,
		Logger: logger.With("part", "haproxy configuration"),
	})
}

// lintForAgent lints paths exactly as `hapguard lint PATH...` would with no
// flags: the .hapguard.yaml found from the working directory, the version
// of the haproxy on PATH (else the newest LTS), every rule.
func lintForAgent(paths []string) bridge.LoadFunc {
	return func() (bridge.Result, error) {
		f := &lintFlags{failOn: "warning", set: map[string]bool{}}
		settings, _, err := f.settings()
		if err != nil {
			return bridge.Result{}, err
		}
		inputs, err := readInputs(paths, nil, "")
		if err != nil {
			return bridge.Result{}, err
		}
		// A rule's internal fault (err) leaves the other rules' findings.
		cfg, diags, err := lint.Check(inputs, settings)
		return bridge.Result{Config: cfg, Diags: diags, Redactor: lint.NewRedactor(cfg, settings.Options.Env), Fault: err}, nil
	}
}
