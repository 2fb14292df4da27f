package wiring

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ExtraFileName is the name WriteFiles gives haproxy-hapguard.cfg.
const ExtraFileName = "haproxy-hapguard.cfg"

// Print writes the wiring for opts in three delimited parts: the SPOE
// engine file, the lines for each watched frontend, and haproxy-hapguard.cfg.
func Print(w io.Writer, opts Options) error {
	wiring, err := Render(opts)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, wiring.Text()); err != nil {
		return fmt.Errorf("wiring: write: %w", err)
	}
	return nil
}

// Text is the printed form of the wiring, ready to paste.
func (w Wiring) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#### part 1 of 3: %s (SPOE engine file, HAProxy %s) ####\n", w.SPOEConfPath, w.Version)
	b.WriteString(w.SPOEConf)
	fmt.Fprintf(&b, "#### end of %s ####\n\n", w.SPOEConfPath)
	b.WriteString("#### part 2 of 3: lines for your haproxy.cfg ####\n")
	if w.Global != "" {
		b.WriteString("# add to your global section:\n" + w.Global)
	}
	b.WriteString("# add to each HTTP frontend:\n" + w.Frontend)
	b.WriteString("# add to each HTTP backend to watch:\n" + w.Backend)
	b.WriteString("# or, to each HTTP listen section to watch (with the frontend lines):\n" + w.Listen)
	b.WriteString("#### end of lines for your haproxy.cfg ####\n\n")
	fmt.Fprintf(&b, "#### part 3 of 3: %s (load it after your configuration: -f haproxy.cfg -f %s) ####\n", ExtraFileName, ExtraFileName)
	b.WriteString(w.Extra)
	fmt.Fprintf(&b, "#### end of %s ####\n", ExtraFileName)
	return b.String()
}

// Example is a complete, minimal user haproxy.cfg to load before Extra: one
// HTTP frontend bound on bind, with the frontend lines, routing to backend
// be_app with the given servers (loopback addresses in every example).
func (w Wiring) Example(bind string, servers []string) string {
	var b strings.Builder
	b.WriteString("global\n" + lines("maxconn 4096") + w.Global + "\n")
	b.WriteString("defaults\n" + lines("mode http", "timeout connect 2s", "timeout client 10s", "timeout server 10s") + "\n")
	b.WriteString("frontend fe_main\n" + lines("bind "+bind, "default_backend be_app") + w.Frontend + "\n")
	b.WriteString("backend be_app\n" + w.Backend)
	for i, addr := range servers {
		b.WriteString(lines(fmt.Sprintf("server s%d %s check", i+1, addr)))
	}
	return b.String()
}

// WriteFiles renders the wiring for opts and writes, into dir, the SPOE
// engine file (under the base name of its configured path) and
// haproxy-hapguard.cfg. It returns the wiring and the paths written.
func WriteFiles(dir string, opts Options) (Wiring, []string, error) {
	wiring, err := Render(opts)
	if err != nil {
		return Wiring{}, nil, err
	}
	files := []struct{ name, content string }{
		{filepath.Base(wiring.SPOEConfPath), wiring.SPOEConf},
		{ExtraFileName, wiring.Extra},
	}
	var paths []string
	for _, f := range files {
		path := filepath.Join(dir, f.name)
		if err := os.WriteFile(path, []byte(f.content), 0o644); err != nil {
			return Wiring{}, nil, fmt.Errorf("wiring: write %s: %w", f.name, err)
		}
		paths = append(paths, path)
	}
	return wiring, paths, nil
}
