package wiring

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Print writes the wiring for opts in two delimited parts: the spoe.conf
// file, then the haproxy.cfg lines grouped by the section they belong in.
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
	fmt.Fprintf(&b, "#### part 1 of 2: %s (SPOE engine file, HAProxy %s) ####\n", w.SPOEConfPath, w.Version)
	b.WriteString(w.SPOEConf)
	fmt.Fprintf(&b, "#### end of %s ####\n\n", w.SPOEConfPath)
	b.WriteString("#### part 2 of 2: haproxy.cfg lines ####\n")
	b.WriteString("# add to your global section:\nglobal\n" + w.Global + "\n")
	b.WriteString("# add to the defaults section of your HTTP proxies (replaces option httplog):\ndefaults\n" + w.Defaults + "\n")
	b.WriteString("# add to every HTTP frontend to watch (fe_main stands for yours):\nfrontend fe_main\n" + w.Frontend + "\n")
	b.WriteString("# add as a new backend:\n" + w.Backend)
	b.WriteString("#### end of haproxy.cfg lines ####\n")
	return b.String()
}

// Example is a complete, minimal haproxy.cfg around the wiring: one HTTP
// frontend bound on bind routing to backend be_app with the given servers
// (addresses), loopback by default in every example.
func (w Wiring) Example(bind string, servers []string) string {
	var b strings.Builder
	b.WriteString("global\n" + w.Global + "\n")
	b.WriteString("defaults\n" + lines("mode http", "timeout connect 2s", "timeout client 10s", "timeout server 10s") + w.Defaults + "\n")
	b.WriteString("frontend fe_main\n" + lines("bind "+bind, "default_backend be_app") + w.Frontend + "\n")
	b.WriteString("backend be_app\n")
	for i, addr := range servers {
		b.WriteString(lines(fmt.Sprintf("server s%d %s check", i+1, addr)))
	}
	b.WriteString("\n" + w.Backend)
	return b.String()
}

// WriteFiles renders the wiring for opts and writes dir/spoe-hapguard.conf
// and dir/haproxy-hapguard.cfg (the printed haproxy.cfg part). It returns the
// rendered wiring so callers can also embed its parts.
func WriteFiles(dir string, opts Options) (Wiring, error) {
	wiring, err := Render(opts)
	if err != nil {
		return Wiring{}, err
	}
	text := wiring.Text()
	cfgPart := text[strings.Index(text, "#### part 2 of 2"):]
	files := map[string]string{"spoe-hapguard.conf": wiring.SPOEConf, "haproxy-hapguard.cfg": cfgPart}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			return Wiring{}, fmt.Errorf("wiring: write %s: %w", name, err)
		}
	}
	return wiring, nil
}
