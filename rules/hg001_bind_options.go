package rules

import "github.com/hapguard/hapguard/lint"

// checkBindWords reports the first word of a frontend or listen "bind" line
// that is no bind option (a typo such as "verfy"), or one that the
// configured HAProxy version does not have. HAProxy
// refuses both ("unknown keyword"). Values of options are skipped.
func checkBindWords(p *lint.Pass, d *lint.Directive) {
	if !d.Is("bind") || !d.Section.HasFrontend() {
		return
	}
	v := p.Options.HAProxyVersion
	for i := 2; i < len(d.Words); i++ {
		w := d.Words[i]
		if w.HasVars() {
			return
		}
		opt := lint.BindOptionInfo(w.Text())
		switch {
		case !opt.Known:
			p.ReportWord(d, i, "unknown bind option %q: HAProxy refuses the configuration%s", w.Text(), cipherListHint(d, i))
			return
		case !opt.Versions.Has(v):
			p.ReportWord(d, i, "bind option %q does not exist in HAProxy %s (it exists in HAProxy %s): HAProxy %s refuses the configuration",
				w.Text(), v, opt.Versions, v)
			return
		case opt.TakesValue:
			i++ // skip the value
		}
	}
}
