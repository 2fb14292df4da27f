package lint

import (
	"regexp"
	"strings"
)

// placeholderPatterns match host names that are template markers left
// unfilled rather than addresses: "<pg-node1-ip>", "{{ backend_ip }}",
// "%%HOST%%", "@ADDR@", "BOOTSTRAP_IP", "ipaddr_here", "your-server",
// "changeme". Real names never take these shapes: angle brackets, braces,
// '%' and '@' are not host-name characters, and DNS names are not written as
// upper-case words joined by underscores.
var placeholderPatterns = []*regexp.Regexp{
	regexp.MustCompile(`^<.*>$`),
	regexp.MustCompile(`\{\{|\}\}`),
	regexp.MustCompile(`^%%?[A-Za-z_][A-Za-z0-9_]*%%?$`),
	regexp.MustCompile(`^@[A-Za-z_][A-Za-z0-9_]*@$`),
	regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$`),
	regexp.MustCompile(`(?i)[_.-]here$|changeme|change[_-]me|replace[_-]?me|placeholder`),
	regexp.MustCompile(`(?i)^your[_.-]`),
}

// maskedIPv4 matches an IPv4 address with some parts written as x:
// "x.x.x.x", "10.0.0.xxx".
var maskedIPv4 = regexp.MustCompile(`(?i)^((x+|[0-9]{1,3})\.){3}(x+|[0-9]{1,3})$`)

// LooksLikePlaceholder reports whether host is an unfilled template marker
// rather than an address HAProxy could resolve.
func LooksLikePlaceholder(host string) bool {
	if host == "" || strings.Contains(host, "$") {
		return false // empty, or an environment variable: not a template marker
	}
	if strings.ContainsAny(host, "xX") && maskedIPv4.MatchString(host) {
		return true
	}
	for _, re := range placeholderPatterns {
		if re.MatchString(host) {
			return true
		}
	}
	return false
}
