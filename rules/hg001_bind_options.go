package rules

import "github.com/hapguard/hapguard/lint"

// bindOption is one entry of bindOptions.
type bindOption struct {
	takesValue bool
	versions   uint8 // 1: HAProxy 2.6, 2: HAProxy 3.2
}

// checkBindWords reports the first word of a frontend or listen "bind" line
// that is no bind option (a typo such as "verfy"), or one that only newer
// versions know when the configuration is checked as HAProxy 2.6. HAProxy
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
		opt, known := bindOptions[w.Text]
		switch {
		case !known:
			p.ReportWord(d, i, "unknown bind option %q: HAProxy refuses the configuration", w.Text)
			return
		case !v.AtLeast(2, 7) && opt.versions&1 == 0:
			p.ReportWord(d, i, "bind option %q does not exist in HAProxy %s (it exists in HAProxy 3.2): HAProxy %s refuses the configuration", w.Text, v, v)
			return
		case opt.takesValue:
			i++ // skip the value
		}
	}
}
