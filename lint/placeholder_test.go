package lint

import (
	"regexp"
	"strings"
	"testing"
)

func TestLooksLikePlaceholder(t *testing.T) {
	for host, want := range map[string]bool{
		"BOOTSTRAP_IP": true, "<pg-node1-ip>": true, "ipaddr_here": true, "x.x.x.x": true,
		"10.0.0.xx": true, "{{ backend_ip }}": true, "%%HOST%%": true, "@ADDR@": true,
		"your-server": true, "your.domain.com": true, "CHANGEME": true, "MASTER_0_IP": true,
		"mysql-node1": false, "web_1": false, "db.example.com": false, "10.0.0.1": false,
		"my-app": false, "MySQL_1": false, "${HOST}": false, "todo-api": false, "localhost": false,
		"nginx": false, "DB": false, "exchange.example": false,
	} {
		if got := LooksLikePlaceholder(host); got != want {
			t.Errorf("LooksLikePlaceholder(%q) = %v, want %v", host, got, want)
		}
	}
}

// placeholderSpec is what LooksLikePlaceholder tests by hand, as it was
// first written.
var placeholderSpec = []*regexp.Regexp{
	regexp.MustCompile(`^<.*>$`),
	regexp.MustCompile(`\{\{|\}\}`),
	regexp.MustCompile(`^%%?[A-Za-z_][A-Za-z0-9_]*%%?$`),
	regexp.MustCompile(`^@[A-Za-z_][A-Za-z0-9_]*@$`),
	regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`),
	regexp.MustCompile(`(?i)[_.-]here$|changeme|change[_-]me|replace[_-]?me|placeholder`),
	regexp.MustCompile(`(?i)^your[_.-]`),
}

func placeholderBySpec(host string) bool {
	if host == "" || strings.Contains(host, "$") {
		return false
	}
	if strings.ContainsAny(host, "xX") && maskedIPv4.MatchString(host) {
		return true
	}
	for _, re := range placeholderSpec {
		if re.MatchString(host) {
			return true
		}
	}
	return false
}

func TestLooksLikePlaceholderMatchesItsSpecification(t *testing.T) {
	for _, h := range []string{"<>", "<", ">", "<a", "{{x", "x}}", "{x}", "%", "%%", "%A", "%A%", "%%A%", "%A%%", "%%%A%%%",
		"%_%", "%1A%", "@A@", "@@A@@", "@A", "A_", "_A", "A__B", "A_B_", "A_1", "AB", "A1_B2", "a_B", "xhere", "x-here",
		"here", "_here", "CHANGE-ME", "changeme", "ReplaceMe", "replace_me", "PLACEHOLDER", "your", "your-", "YOUR.x",
		"yours", "db-1.example.com", "MASTER_0_IP", "10.0.0.x"} {
		if got, want := LooksLikePlaceholder(h), placeholderBySpec(h); got != want {
			t.Errorf("LooksLikePlaceholder(%q) = %v, specification says %v", h, got, want)
		}
	}
}

func FuzzLooksLikePlaceholder(f *testing.F) {
	for _, s := range []string{"%%HOST%%", "MASTER_0_IP", "<x>", "your-app", "a.here"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		for i := 0; i < len(h); i++ {
			if h[i] >= 0x80 || h[i] == '\n' {
				return // host names are ASCII on one line; the expressions fold Unicode
			}
		}
		if got, want := LooksLikePlaceholder(h), placeholderBySpec(h); got != want {
			t.Errorf("LooksLikePlaceholder(%q) = %v, specification says %v", h, got, want)
		}
	})
}
