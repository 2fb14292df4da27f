package lint

import (
	"regexp"
	"strings"
)

// Mask replaces secrets in output.
const Mask = "****"

// isSecretHeader reports whether a header's values are credentials
// (ASCII case ignored): Authorization, Proxy-Authorization, Cookie,
// Set-Cookie, a name holding api-key/api_key/apikey or
// auth-token/auth_token/authtoken, or one starting with x-auth, x-token or
// x-secret. Every header rule of a configuration asks it, so it is written
// out rather than a regular expression (ten times faster).
func isSecretHeader(name string) bool {
	name = strings.ToLower(name)
	switch name {
	case "authorization", "proxy-authorization", "cookie", "set-cookie":
		return true
	}
	for _, prefix := range []string{"x-auth", "x-token", "x-secret"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	for _, part := range []string{"api-key", "api_key", "apikey", "auth-token", "auth_token", "authtoken"} {
		if strings.Contains(name, part) {
			return true
		}
	}
	return false
}

// secretName matches environment variable names that hold credentials.
var secretName = regexp.MustCompile(`(?i)pass|secret|token|key|auth|cred`)

// SecretWord is a word of the configuration that holds a credential.
type SecretWord struct {
	Directive *Directive
	Index     int
}

// Secrets lists the words that hold passwords, keys or credentials: stats
// auth, userlist passwords, credential headers in health checks and header
// rules (including inside an `option httpchk` version string), and
// setenv/presetenv values whose names look secret.
func (c *Config) Secrets() []SecretWord {
	var out []SecretWord
	add := func(dirs []*Directive) {
		for _, d := range dirs {
			for _, i := range secretIndexes(d) {
				out = append(out, SecretWord{d, i})
			}
		}
	}
	add(c.Orphans)
	for _, s := range c.Sections {
		add(s.Directives)
	}
	return out
}

func secretIndexes(d *Directive) []int {
	n := len(d.Words)
	switch {
	case d.Is("stats", "auth") && n > 2:
		return []int{2}
	case d.Is("user"):
		return valuesAfter(d, "password", "insecure-password")
	case (d.Is("setenv") || d.Is("presetenv")) && n > 2 && secretName.MatchString(d.Words[1].Text()):
		return []int{2}
	case d.Is("option", "httpchk"):
		return wordsContaining(d, "authorization", "cookie", "token")
	}
	return headerValues(d)
}

// headerValues finds `hdr NAME VALUE` (http-check send) and
// `set-header/add-header NAME VALUE` (http-request, http-response, ...).
func headerValues(d *Directive) []int {
	var out []int
	for i := 0; i+2 < len(d.Words); i++ {
		switch d.Words[i].Text() {
		case "hdr", "set-header", "add-header":
			if isSecretHeader(d.Words[i+1].Text()) {
				out = append(out, i+2)
			}
		}
	}
	return out
}

func valuesAfter(d *Directive, keys ...string) []int {
	var out []int
	for i := 1; i+1 < len(d.Words); i++ {
		for _, k := range keys {
			if d.Words[i].Text() == k {
				out = append(out, i+1)
			}
		}
	}
	return out
}

func wordsContaining(d *Directive, subs ...string) []int {
	var out []int
	for i, w := range d.Words {
		lower := strings.ToLower(w.Text())
		for _, s := range subs {
			if strings.Contains(lower, s) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// secretValues returns the texts to mask in messages: each secret word,
// and for "user:password" pairs the password alone.
func secretValues(words []SecretWord) []string {
	var out []string
	for _, sw := range words {
		t := sw.Directive.Words[sw.Index].Text()
		if t == "" {
			continue
		}
		out = append(out, t)
		if _, pass, ok := strings.Cut(t, ":"); ok && len(pass) >= 3 && sw.Directive.Is("stats", "auth") {
			out = append(out, pass)
		}
	}
	return out
}

// secretInRawLine matches credentials in lines that could not be parsed
// into a directive (a lexical fault), where no word is known: the value
// after a password keyword, stats auth, or an auth scheme.
var secretInRawLine = regexp.MustCompile(`(?i)((?:insecure-)?password|stats\s+auth|authorization:?|bearer|basic|api[-_]?key|token)(\s+|\\ |:\s*)("[^"]*"?|'[^']*'?|\S+)`)

// maskRawLine masks credentials found by keyword in an unparsed line.
func maskRawLine(raw string) string {
	return secretInRawLine.ReplaceAllString(raw, "${1}${2}"+Mask)
}
