package lint

import (
	"regexp"
	"strings"
)

// maskedIPv4 matches an IPv4 address with some parts written as x:
// "x.x.x.x", "10.0.0.xxx".
var maskedIPv4 = regexp.MustCompile(`(?i)^((x+|[0-9]{1,3})\.){3}(x+|[0-9]{1,3})$`)

// LooksLikePlaceholder reports whether host is an unfilled template marker
// rather than an address HAProxy could resolve: "<pg-node1-ip>",
// "{{ backend_ip }}", "%%HOST%%", "@ADDR@", "BOOTSTRAP_IP", "ipaddr_here",
// "your-server", "changeme", "x.x.x.x". Real names never take these shapes:
// angle brackets, braces, '%' and '@' are not host-name characters, and DNS
// names are not written as upper-case words joined by underscores. Every
// server's address is asked, so the shapes are tested by hand rather than
// by regular expressions (placeholder_test.go holds them to the
// expressions they were first written as).
func LooksLikePlaceholder(host string) bool {
	if host == "" || strings.Contains(host, "$") {
		return false // empty, or an environment variable: not a template marker
	}
	if strings.ContainsAny(host, "xX") && maskedIPv4.MatchString(host) {
		return true
	}
	switch {
	case host[0] == '<' && host[len(host)-1] == '>' && len(host) > 1,
		strings.Contains(host, "{{") || strings.Contains(host, "}}"),
		isMarkerWord(host, '%'), isMarkerWord(host, '@'),
		isUpperSnake(host):
		return true
	}
	lower := strings.ToLower(host)
	if i := len(lower) - len("here"); i > 0 && strings.HasSuffix(lower, "here") && strings.ContainsRune("_.-", rune(lower[i-1])) {
		return true
	}
	for _, word := range []string{"changeme", "change_me", "change-me", "replaceme", "replace_me", "replace-me", "placeholder"} {
		if strings.Contains(lower, word) {
			return true
		}
	}
	return strings.HasPrefix(lower, "your") && len(lower) > 4 && strings.ContainsRune("_.-", rune(lower[4]))
}

// isMarkerWord reports whether host is an identifier between marks:
// "%HOST%", "%%HOST%%", "@ADDR@" (for '@' only single marks).
func isMarkerWord(host string, mark byte) bool {
	inner, ok := trimMarks(host, mark)
	if !ok || inner == "" || !isIdentStart(inner[0]) {
		return false
	}
	for i := 1; i < len(inner); i++ {
		if !isIdentStart(inner[i]) && (inner[i] < '0' || inner[i] > '9') {
			return false
		}
	}
	return true
}

// trimMarks strips the marks around an identifier: one on each side, or
// for '%' one or two on each side.
func trimMarks(host string, mark byte) (string, bool) {
	if len(host) < 2 || host[0] != mark || host[len(host)-1] != mark {
		return "", false
	}
	inner := host[1 : len(host)-1]
	if mark == '%' {
		inner = strings.TrimPrefix(inner, "%")
		inner = strings.TrimSuffix(inner, "%")
	}
	return inner, true
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// isUpperSnake reports whether host is upper-case words (and digits)
// joined by underscores, starting with a letter: "MASTER_0_IP".
func isUpperSnake(host string) bool {
	if host[0] < 'A' || host[0] > 'Z' {
		return false
	}
	underscore, prev := false, byte(0)
	for i := 0; i < len(host); i++ {
		c := host[i]
		switch {
		case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
		case c == '_' && prev != '_' && i < len(host)-1:
			underscore = true
		default:
			return false
		}
		prev = c
	}
	return underscore
}
