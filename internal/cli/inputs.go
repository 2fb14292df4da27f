package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/hapguard/hapguard/lint"
)

// readInputs loads the paths as HAProxy's -f options would: a file as is, a
// directory's *.cfg files in lexical order, "-" from stdin under stdinName.
func readInputs(paths []string, stdin io.Reader, stdinName string) ([]lint.Input, error) {
	var inputs []lint.Input
	for _, p := range paths {
		files, err := expandPath(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			in, err := readInput(f, stdin, stdinName)
			if err != nil {
				return nil, err
			}
			inputs = append(inputs, in)
		}
	}
	return inputs, nil
}

func expandPath(p string) ([]string, error) {
	if p == "-" {
		return []string{p}, nil
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", p, err)
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	files, err := filepath.Glob(filepath.Join(p, "*.cfg"))
	if err != nil {
		return nil, fmt.Errorf("cannot list %s: %w", p, err)
	}
	if len(files) == 0 {
		// A wrong directory must not pass the gate silently.
		return nil, fmt.Errorf("no *.cfg file in directory %s (as with haproxy -f DIR, only *.cfg files are read)", p)
	}
	sort.Strings(files)
	return files, nil
}

func readInput(path string, stdin io.Reader, stdinName string) (lint.Input, error) {
	if path == "-" {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return lint.Input{}, fmt.Errorf("cannot read standard input: %w", err)
		}
		return lint.Input{Name: stdinName, Data: data}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return lint.Input{}, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return lint.Input{Name: path, Data: data}, nil
}
