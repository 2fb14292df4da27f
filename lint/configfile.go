package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hapguard/hapguard/internal/yamlstrict"
)

// ConfigFileName is the name of the lint configuration file, looked up
// from the working directory upwards.
const ConfigFileName = ".hapguard.yaml"

// FileConfig is the content of a .hapguard.yaml file. Every field is
// optional; unknown keys are errors.
type FileConfig struct {
	Path           string                   `yaml:"-"`
	HAProxyVersion *versionValue            `yaml:"haproxy-version"`
	FailOn         *severityValue           `yaml:"fail-on"`
	Enable         []ruleRef                `yaml:"enable"`
	Disable        []ruleRef                `yaml:"disable"`
	Severity       map[string]severityValue `yaml:"severity"`
	Thresholds     thresholds               `yaml:"thresholds"`
	Env            map[string]string        `yaml:"env"`
	EnvFile        string                   `yaml:"env-file"`
}

type thresholds struct {
	MinServerTimeout *durationValue `yaml:"min-server-timeout"`
}

// FindConfigFile walks up from dir and returns the first .hapguard.yaml
// (or .hapguard.yml) found, or "" if there is none.
func FindConfigFile(dir string) string {
	for {
		for _, name := range []string{ConfigFileName, ".hapguard.yml"} {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// LoadConfigFile reads and validates a configuration file. Errors name the
// file and line.
func LoadConfigFile(path string) (*FileConfig, error) {
	data, err := yamlstrict.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fc := &FileConfig{Path: path}
	if err := yamlstrict.Decode(path, data, fc); err != nil {
		return nil, err
	}
	if fc.EnvFile != "" {
		envPath := fc.EnvFile
		if !filepath.IsAbs(envPath) {
			envPath = filepath.Join(filepath.Dir(path), envPath)
		}
		env, err := ReadEnvFile(envPath)
		if err != nil {
			return nil, fmt.Errorf("%s: env-file: %w", path, err)
		}
		fc.Env = mergeEnv(env, fc.Env)
	}
	return fc, nil
}

func mergeEnv(base, over map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// versionValue is a supported LTS version with the line it was written on.
type versionValue struct {
	Version
	Line int
}

// UnmarshalYAML validates the version (one of LTSVersions) with its line.
func (v *versionValue) UnmarshalYAML(n *yaml.Node) error {
	ver, err := ParseLTS(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	v.Version, v.Line = ver, n.Line
	return nil
}

type severityValue struct{ Severity }

// UnmarshalYAML validates the severity with its line.
func (s *severityValue) UnmarshalYAML(n *yaml.Node) error {
	sev, err := ParseSeverity(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	s.Severity = sev
	return nil
}

type durationValue struct{ time.Duration }

// UnmarshalYAML validates a Go duration ("1s", "500ms") with its line.
func (d *durationValue) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil || v < 0 {
		return fmt.Errorf("line %d: %q is not a duration like 1s or 500ms", n.Line, n.Value)
	}
	d.Duration = v
	return nil
}

// ruleRef is a rule ID or name with the line it was written on.
type ruleRef struct {
	Name string
	Line int
}

// UnmarshalYAML keeps the line for later validation against the rule set.
func (r *ruleRef) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: a rule ID or name is expected", n.Line)
	}
	r.Name, r.Line = n.Value, n.Line
	return nil
}
