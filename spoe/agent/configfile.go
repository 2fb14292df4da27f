package agent

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxConfigFileSize bounds what LoadConfigFile reads; an agent config is a
// few hundred bytes.
const maxConfigFileSize = 1 << 20

// LoadConfigFile overlays the YAML file at path onto base. Unknown keys,
// wrong types and syntax errors are reported as "path:line: message".
func LoadConfigFile(path string, base Config) (Config, error) {
	data, err := readLimited(path)
	if err != nil {
		return base, err
	}
	cfg := base
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return base, positionedYAMLError(path, err)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return base, fmt.Errorf("%s: only one YAML document is allowed", path)
	}
	return cfg, nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	if len(data) > maxConfigFileSize {
		return nil, fmt.Errorf("config file %s: larger than %d bytes", path, maxConfigFileSize)
	}
	return data, nil
}

// yamlLine matches the "line N: message" yaml.v3 puts in its errors.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// positionedYAMLError rewrites yaml.v3's errors as one "path:line: message"
// per problem.
func positionedYAMLError(path string, err error) error {
	var lines []string
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) {
		lines = typeErr.Errors
	} else {
		lines = []string{err.Error()}
	}
	errs := make([]error, 0, len(lines))
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if m := yamlLine.FindStringSubmatch(l); m != nil {
			errs = append(errs, fmt.Errorf("%s:%s: %s", path, m[1], m[2]))
			continue
		}
		errs = append(errs, fmt.Errorf("%s: %s", path, strings.TrimPrefix(l, "yaml: ")))
	}
	return errors.Join(errs...)
}
