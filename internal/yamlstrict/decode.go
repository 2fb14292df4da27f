// Package yamlstrict decodes hapguard's YAML configuration files strictly:
// unknown keys, wrong types and extra documents are errors, each reported as
// "path:line: key.path: message" in the user's terms, never with Go type
// names. Both the lint and the agent configuration files use it.
package yamlstrict

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"
)

// MaxFileSize bounds what ReadFile reads: a configuration file is a few
// kilobytes.
const MaxFileSize = 1 << 20

// ReadFile reads the file at path, refusing one larger than MaxFileSize.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("config file %s: larger than %d bytes", path, MaxFileSize)
	}
	return data, nil
}

// Decode decodes the single YAML document in data into out, which keeps the
// values of keys the document does not set. path names the file in errors.
func Decode(path string, data []byte, out any) error {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file sets nothing
		}
		return positioned(path, nil, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s:%d: only one YAML document is allowed", path, extra.Line)
	}
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	if err := strict.Decode(out); err != nil && !errors.Is(err, io.EOF) {
		return positioned(path, &root, err)
	}
	return nil
}
