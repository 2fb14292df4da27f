// Command gencfg writes a large, valid HAProxy configuration for the lint
// benchmark (see internal/benchcfg). With -shape, it writes one of the
// scaling shapes; a shape of several files needs -dir.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hapguard/hapguard/internal/benchcfg"
)

func main() {
	backends := flag.Int("backends", 1000, "number of backends (default shape)")
	shape := flag.String("shape", "", "shape to generate: "+shapeNames())
	n := flag.Int("n", 1000, "size of the shape")
	dir := flag.String("dir", "", "write the shape's files into this directory instead of standard output")
	flag.Parse()
	if err := run(*shape, *n, *backends, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gencfg:", err)
		os.Exit(1)
	}
}

func run(shape string, n, backends int, dir string) error {
	if shape == "" {
		return benchcfg.Write(os.Stdout, backends)
	}
	s, ok := benchcfg.ShapeByName(shape)
	if !ok {
		return fmt.Errorf("-shape %q: want one of %s", shape, shapeNames())
	}
	if n < 1 || n > 10_000_000 {
		return fmt.Errorf("-n %d: want 1 to 10000000", n)
	}
	files := s.Files(n)
	if dir == "" {
		if len(files) > 1 {
			return fmt.Errorf("-shape %s writes %d files: give -dir", shape, len(files))
		}
		_, err := os.Stdout.Write(files[0].Data)
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("-dir: %w", err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return fmt.Errorf("-dir: %w", err)
		}
	}
	return nil
}

func shapeNames() string {
	var names []string
	for _, s := range benchcfg.Shapes() {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}
