package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// AllServersBackup reports backends whose servers are all marked backup
// without "option allbackups", so that one server takes all the load.
var AllServersBackup = &lint.Rule{
	ID:       "HG505",
	Name:     "all-servers-backup",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Every server of a backend is a backup server",
		Why: `Backup servers are used only when no active server is available. With no
active server at all, HAProxy uses the first available backup server only
(unless "option allbackups" is set): one server takes the whole load while
the others stay idle. Under load it saturates, and requests end in 504
(server timeout) or, with a server maxconn, 503 (queue timeout). This usually
comes from a copied "backup" flag or a default-server line carrying it.`,
		Bad: `frontend fe_main
    bind :80
    default_backend be_web
backend be_web
    server web1 10.0.0.1:8080 check backup
    server web2 10.0.0.2:8080 check backup`,
		Good: `frontend fe_main
    bind :80
    default_backend be_web
backend be_web
    server web1 10.0.0.1:8080 check
    server web2 10.0.0.2:8080 check backup`,
		Fix:    `Remove "backup" from the servers meant to share the load, or set "option allbackups".`,
		Manual: "configuration.txt §5.2 \"backup\"; §4.2 \"option allbackups\"",
		Since:  "0.1.0",
	},
	Run: runAllServersBackup,
}

func runAllServersBackup(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	for _, s := range rt.reachedBackends {
		if on, _ := s.Option("allbackups"); on {
			continue
		}
		if all, n := allServers(s, func(t serverTraits) bool { return t.Backup }); !all || n < 2 {
			continue
		}
		p.ReportWord(s.Header, 1, "every server of %s %q is a backup server and \"option allbackups\" is off: only the first available one, %q, receives traffic",
			s.Kind, s.Name, s.EffectiveServers()[0].Line.Name())
	}
	return nil
}
