package rules

import "github.com/hapguard/hapguard/lint"

// EmptyArgument reports arguments that an unset environment variable
// leaves empty where the configured HAProxy refuses them.
var EmptyArgument = &lint.Rule{
	ID:       "HG011",
	Name:     "empty-argument",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "An empty argument, or an unset variable, that HAProxy refuses",
		Why: `HAProxy 3.4 refuses every empty argument: a literal "" as well as a quoted
"${NAME}" whose variable is unset and has no "${NAME-default}" ("argument
number N at position M is empty and marks the end of the argument list").
3.2 only warns that the arguments after it are ignored, older versions drop
it silently, so a configuration that loads today fails on 3.4. From 2.8 a
server whose address expands to nothing is refused as well ("'$HOST'
resolves to an empty address (environment variable missing?)"); 2.6 accepts
it and connects to the wildcard address. Checked against the 2.6 to 3.4
binaries; unset variables are reported only when the environment is supplied
(the "env:" setting of the configuration file).`,
		Bad:            "frontend fe_web\n    bind :8080\n    http-request set-header X-Debug \"\"\n    default_backend be_app\nbackend be_app\n    server s1 10.0.0.1:8080",
		Good:           "frontend fe_web\n    bind :8080\n    http-request del-header X-Debug\n    default_backend be_app\nbackend be_app\n    server s1 10.0.0.1:8080",
		Fix:            "Remove the empty argument (del-header instead of an empty value), set the variable in HAProxy's environment or give it a default with \"${NAME-default}\".",
		Manual:         "configuration.txt §2.3 (Environment variables)",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runEmptyArgument,
}

func runEmptyArgument(p *lint.Pass) error {
	known := p.Options.Env != nil
	env := withSetenv(p.Config, p.Options.Env)
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	for _, s := range p.Config.Sections {
		for _, d := range s.Directives {
			checkEmptyArguments(p, d, known, lookup)
		}
	}
	return nil
}

// checkEmptyArguments reports the first argument of d that the configured
// version refuses as empty: HAProxy stops reading the line there.
func checkEmptyArguments(p *lint.Pass, d *lint.Directive, known bool, lookup func(string) (string, bool)) {
	v := p.Options.HAProxyVersion
	for i, w := range d.Words {
		switch {
		case v.AtLeast(3, 4) && w.Text() == "" && w.Quoted() && !w.HasVars():
			p.ReportWord(d, i, "empty argument: HAProxy %s refuses the configuration (\"argument number %d is empty and marks the end of the argument list\")", v, i)
			return
		case !known || !w.HasVars() || w.Expand(lookup) != "":
		case v.AtLeast(3, 4) && w.VarsQuoted():
			p.ReportWord(d, i, "%q expands to an empty argument (the variable is not set): HAProxy %s refuses the configuration (\"argument number %d is empty and marks the end of the argument list\")",
				w.Text(), v, i)
			return
		case v.AtLeast(2, 8) && d.Is("server") && i == 2:
			p.ReportWord(d, i, "the address %s of server %q expands to nothing (the variable is not set): HAProxy %s refuses the configuration (\"resolves to an empty address\")",
				w.Text(), d.Words[1].Text(), v)
			return
		}
	}
}
