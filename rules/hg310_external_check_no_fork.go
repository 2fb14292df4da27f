package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// ExternalCheckNoFork reports external health checks that HAProxy refuses
// to start with, or that cannot fork once it runs.
var ExternalCheckNoFork = &lint.Rule{
	ID:       "HG310",
	Name:     "external-check-cannot-fork",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "option external-check without insecure-fork-wanted (or without global external-check)",
		Why: `An external check runs a program for every check, which needs fork(). Unless
"insecure-fork-wanted" is set in the global section (or haproxy runs with
-dI), HAProxy forbids new processes once it runs, by setting RLIMIT_NPROC to
0 (src/haproxy.c). Every check then fails ("Failed to fork process for
external health check"), every server of the backend goes DOWN and its
requests get 503 (measured on 2.6.12 running as nobody; as root the fork
works). The limit binds any user but root, so the
failure is certain when the global section drops privileges ("user"/"uid"
other than root: error) and likely otherwise (containers usually run
unprivileged: warning). haproxy -c only warns ("'insecure-fork-wanted' not
enabled in the global section, 'option external-check' will likely fail",
2.6 to 3.4; HAProxy 3.4.0 crashes with SIGSEGV on any configuration with
"option external-check", under -c and at startup). Without
"external-check" in the global section HAProxy refuses to start ("unable to
find required 'global.external-check'", measured on 2.6.12): error.`,
		Bad: `global
    external-check
    user haproxy
backend be_app
    option external-check
    external-check command /usr/local/bin/check-app
    server app1 10.0.0.1:8080 check`,
		Good: `global
    external-check
    insecure-fork-wanted
    user haproxy
backend be_app
    option external-check
    external-check command /usr/local/bin/check-app
    server app1 10.0.0.1:8080 check`,
		Fix: `Add "insecure-fork-wanted" (and "external-check") to the global section, or better,
replace the external check by an agent-check or an HTTP/TCP check.`,
		Manual: "configuration.txt §3.1 \"external-check\", \"insecure-fork-wanted\" (\"-dI\" named from 3.4), §4.2 \"option external-check\"",
		Since:  "0.2.0",
	},
	Run: runExternalCheckNoFork,
}

func runExternalCheckNoFork(p *lint.Pass) error {
	enabled := p.Config.GlobalLookup("external-check") != nil
	forkOK := globalFlagOn(p.Config, "insecure-fork-wanted")
	user := unprivilegedUser(p.Config)
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if proto, opt := checkProtocol(s); proto != "external-check" || !hasCheckedServer(p.Config, s) || proxyDisabled(s) {
			continue
		} else if !enabled {
			p.Report(lint.Diagnostic{Pos: opt.Pos(), End: opt.EndOf(1), Severity: lint.Error,
				Message: s.Kind + " \"" + s.Name + "\" uses option external-check but the global section has no \"external-check\": HAProxy refuses to start"})
		} else if !forkOK {
			reportNoFork(p, s, opt, user)
		}
	}
	return nil
}

func reportNoFork(p *lint.Pass, s *lint.Section, opt *lint.Directive, user *lint.Directive) {
	d := lint.Diagnostic{Pos: opt.Pos(), End: opt.EndOf(1)}
	d.Message = s.Kind + " \"" + s.Name + "\" uses option external-check without \"insecure-fork-wanted\" in global: HAProxy forbids fork() once running, so unless it runs as root every check fails, all servers go DOWN and requests get 503"
	if user != nil {
		d.Severity = lint.Error
		d.Message = s.Kind + " \"" + s.Name + "\" uses option external-check without \"insecure-fork-wanted\" in global: HAProxy forbids fork() once running as " + user.Text() + " (" + user.Pos().String() + "), so every check fails, all servers go DOWN and requests get 503"
	}
	p.Report(d)
}

// globalFlagOn reports whether a global flag keyword is on: the last of
// "KEYWORD" and "no KEYWORD" wins.
func globalFlagOn(cfg *lint.Config, keyword string) bool {
	on := false
	for _, s := range cfg.SectionsOf("global") {
		for _, d := range s.Directives {
			switch {
			case d.Is(keyword) && len(d.Words) == 1:
				on = true
			case d.Is("no", keyword):
				on = false
			}
		}
	}
	return on
}

// unprivilegedUser returns the global "user"/"uid" line that makes HAProxy
// run as another user than root, or nil.
func unprivilegedUser(cfg *lint.Config) *lint.Directive {
	for _, kw := range []string{"user", "uid"} {
		if d := cfg.GlobalLookup(kw); d != nil && d.Arg(1).Text() != "root" && d.Arg(1).Text() != "0" && d.Arg(1).Text() != "" {
			return d
		}
	}
	return nil
}
