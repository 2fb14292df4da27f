package rules

import "github.com/hapguard/hapguard/lint"

// FrontendBackendSameName reports a frontend and a backend sharing a name,
// which HAProxy refuses since 3.3.
var FrontendBackendSameName = &lint.Rule{
	ID:       "HG010",
	Name:     "frontend-backend-same-name",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "A frontend and a backend share a name (refused since HAProxy 3.3)",
		Why: `Up to 3.2 a frontend and a backend may carry the same name, and many
configurations pair them that way ("frontend api" routing to "backend api").
HAProxy 3.3 stopped accepting it ("backend 'api' has the same name as frontend
'api' declared at ... This is no longer supported as of 3.3. Please rename one
or the other"), so the upgrade to 3.4 fails to load such a configuration.
Reported when checking for 3.4; checked against the 2.6 to 3.4 binaries.`,
		Bad:            "frontend api\n    bind :8080\n    default_backend api\nbackend api\n    server s1 10.0.0.1:8080",
		Good:           "frontend fe_api\n    bind :8080\n    default_backend be_api\nbackend be_api\n    server s1 10.0.0.1:8080",
		Fix:            "Rename the frontend or the backend (and the use_backend/default_backend lines naming the backend).",
		Manual:         "configuration.txt §4 (Proxies)",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runFrontendBackendSameName,
}

func runFrontendBackendSameName(p *lint.Pass) error {
	if !p.Options.HAProxyVersion.AtLeast(3, 3) {
		return nil
	}
	first := map[string]*lint.Section{}
	for _, s := range p.Config.SectionsOf("frontend", "backend") {
		if s.Name == "" {
			continue
		}
		prev, seen := first[s.Name]
		if !seen {
			first[s.Name] = s
			continue
		}
		if prev.Kind != s.Kind {
			p.ReportWord(s.Header, 1, "%s %q has the same name as %s %q declared at line %d: HAProxy %s refuses it (no longer supported as of 3.3); rename one",
				s.Kind, s.Name, prev.Kind, prev.Name, prev.Pos().Line, p.Options.HAProxyVersion)
		}
	}
	return nil
}
