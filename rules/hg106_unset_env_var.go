package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// UnsetEnvVar reports environment variables that expand to nothing, and
// unquoted ones HAProxy keeps literal.
var UnsetEnvVar = &lint.Rule{
	ID:       "HG106",
	Name:     "env-var-unset",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Environment variable that is not set, or that HAProxy will not expand",
		Why: `HAProxy replaces "${NAME}" by the variable's value, or by nothing when it is
unset and has no "${NAME-default}". In a server address an unset variable
silently leaves ":8080", the wildcard address: HAProxy then connects to the
client's own destination and requests fail with 503. Addresses expand
variables even unquoted; everywhere else HAProxy expands them only inside
double quotes and keeps an unquoted "${NAME}" as literal text (a header value
of "${NAME}", or a parse error). Unset variables are reported only when the
environment is supplied (the "env:" setting of the configuration file);
unquoted ones always. A quoted argument that expands to nothing is dropped,
which shifts the arguments after it; and in an address written without
quotes, the "${NAME-default}" form is not understood (HAProxy keeps
"-default}" as text and cannot resolve the address): an error.`,
		Bad:    "backend be_app\n    server s1 \"${APP_HOST}:8080\" check\n    http-request set-header X-Env ${DEPLOY_ENV}",
		Good:   "backend be_app\n    server s1 \"${APP_HOST-10.0.0.1}:8080\" check\n    http-request set-header X-Env \"${DEPLOY_ENV}\"",
		Fix:    "Set the variable in HAProxy's environment, give a default with \"${NAME-default}\", and quote variables outside addresses.",
		Manual: "configuration.txt §2.3 (Environment variables)",
		Since:  "0.1.0",
	},
	Run: runUnsetEnvVar,
}

// addressKeywords are directives whose arguments go through HAProxy's
// address parser, which expands variables even outside quotes.
var addressKeywords = map[string]bool{
	"bind": true, "server": true, "server-template": true, "default-server": true, "nameserver": true,
	"peer": true, "log": true, "mailer": true, "dgram-bind": true, "source": true, "unix-bind": true,
	"stats": true, // "stats socket" takes an address
}

func runUnsetEnvVar(p *lint.Pass) error {
	env := p.Options.Env
	if env != nil {
		env = withSetenv(p.Config, env)
	}
	for _, s := range p.Config.Sections {
		for _, d := range s.Directives {
			for i, w := range d.Words {
				if w.HasVars() {
					checkVars(p, d, i, env)
				}
			}
		}
	}
	return nil
}

func checkVars(p *lint.Pass, d *lint.Directive, i int, env map[string]string) {
	w := d.Words[i]
	inAddress := addressKeywords[d.Keyword()]
	expanded := w.VarsQuoted() || inAddress
	for _, v := range w.Vars() {
		switch {
		case inAddress && !w.Quoted() && v.HasDefault:
			p.Report(lint.Diagnostic{Pos: d.PosOf(i), End: d.EndOf(i), Severity: lint.Error,
				Message: fmt.Sprintf("%q is not in double quotes: the address parser expands ${%s} but not its default, and keeps %q as text; write \"%s\"",
					w.Text(), v.Name, "-"+v.Default+"}", w.Text())})
			return
		case !expanded && looksLikeEnvRef(w.Text()[v.Offset:]):
			p.ReportWord(d, i, "%q is not in double quotes: HAProxy keeps it as literal text; write \"%s\"", w.Text(), w.Text())
			return
		case !expanded:
			continue
		case env == nil || v.HasDefault:
			continue
		}
		if _, set := env[v.Name]; !set {
			p.ReportWord(d, i, "environment variable %q is not set and has no default: %s", v.Name, unsetEffect(d, i, w))
		}
	}
}

// unsetEffect says what an unset variable does to word i of d.
func unsetEffect(d *lint.Directive, i int, w lint.Word) string {
	if (d.Is("server") && i == 2) || (d.Is("server-template") && i == 3) {
		return "the address becomes \"" + w.Expand(func(string) (string, bool) { return "", false }) + "\", a wildcard or no host at all"
	}
	if w.VarsQuoted() && len(w.Vars()) == 1 && len(w.Text()) == varLen(w) {
		return "the argument expands to nothing and HAProxy drops it"
	}
	return "it expands to an empty string"
}

// looksLikeEnvRef reports whether ref (starting at '$') is written like an
// environment variable: "${...}" or "$NAME" in capitals, not a regex anchor
// or a back-reference.
func looksLikeEnvRef(ref string) bool {
	if body, ok := strings.CutPrefix(ref, "${"); ok {
		name, _, _ := strings.Cut(body, "}")
		name, _, _ = strings.Cut(name, "-")
		return isEnvName(name)
	}
	n := 1
	for n < len(ref) && (ref[n] >= 'A' && ref[n] <= 'Z' || ref[n] == '_' || n > 1 && ref[n] >= '0' && ref[n] <= '9') {
		n++
	}
	return n > 2 && (n == len(ref) || !isLowerOrDigit(ref[n]))
}

// varLen returns the length of the word's single variable reference.
func varLen(w lint.Word) int {
	v := w.Vars()[0]
	n := len(v.Name) + 1
	if strings.HasPrefix(w.Text()[v.Offset:], "${") {
		n += 2
	}
	return n
}

// isEnvName reports whether s is a plain variable name ("${jndi:ldap}" in a
// blocking rule is not one).
func isEnvName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func isLowerOrDigit(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// withSetenv adds the variables that global "setenv" and "presetenv" define
// to env.
func withSetenv(c *lint.Config, env map[string]string) map[string]string {
	out := make(map[string]string, len(env))
	for k, v := range env {
		out[k] = v
	}
	for _, s := range c.SectionsOf("global") {
		for _, d := range s.Directives {
			if (d.Is("setenv") || d.Is("presetenv")) && len(d.Words) > 2 {
				out[d.Words[1].Text()] = d.Words[2].Text()
			}
		}
	}
	return out
}
