package agent

import (
	"github.com/hapguard/hapguard/internal/yamlstrict"
)

// LoadConfigFile overlays the YAML file at path onto base. Unknown keys,
// wrong types and syntax errors are reported as "path:line: key: message".
func LoadConfigFile(path string, base Config) (Config, error) {
	data, err := yamlstrict.ReadFile(path)
	if err != nil {
		return base, err
	}
	cfg := base
	if err := yamlstrict.Decode(path, data, &cfg); err != nil {
		return base, err
	}
	return cfg, nil
}
