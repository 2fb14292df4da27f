package alertmanager

import (
	"cmp"
	"maps"
	"time"
)

// DefaultAlertName is the alertname label of alerts that do not set Name.
const DefaultAlertName = "HapguardAnomaly"

// DefaultSeverity is the severity label of alerts that do not set Severity.
const DefaultSeverity = "warning"

// Alert is one anomaly as Alertmanager should see it. The named fields
// become labels (alertname, backend, server, kind, cause, severity) and
// annotations (summary, description, next_step, config); empty ones are left
// out.
type Alert struct {
	Name        string // alertname; DefaultAlertName when empty
	Backend     string
	Server      string
	Kind        string // what was detected, e.g. "error_ratio", "no_server_up"
	Cause       string // event.Cause.String(), e.g. "server_abort"
	Severity    string // DefaultSeverity when empty
	Summary     string
	Description string
	NextStep    string
	// Config names the configuration lines behind the anomaly, one per
	// line (annotation "config").
	Config string
	// StartsAt is when the anomaly began; the time of the first Fire when zero.
	StartsAt time.Time
	// Labels are extra labels (e.g. instance, cluster). The named fields
	// above take precedence when set; names Alertmanager would reject
	// (other than [a-zA-Z_][a-zA-Z0-9_]*) are left out.
	Labels map[string]string
}

// payload is one element of the JSON array POSTed to /api/v2/alerts
// (Alertmanager's postableAlert).
type payload struct {
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations,omitempty"`
	StartsAt     time.Time         `json:"startsAt"`
	EndsAt       time.Time         `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL,omitempty"`
}

// labels returns the alert's label set.
func (a Alert) labels() map[string]string {
	l := make(map[string]string, len(a.Labels)+6)
	maps.Copy(l, a.Labels)
	setIf(l, "alertname", a.Name, cmp.Or(l["alertname"], DefaultAlertName))
	setIf(l, "severity", a.Severity, cmp.Or(l["severity"], DefaultSeverity))
	setIf(l, "backend", a.Backend, l["backend"])
	setIf(l, "server", a.Server, l["server"])
	setIf(l, "kind", a.Kind, l["kind"])
	setIf(l, "cause", a.Cause, l["cause"])
	for k, v := range l {
		if v == "" || !validLabelName(k) {
			delete(l, k)
		}
	}
	return l
}

// validLabelName reports whether name is a Prometheus label name
// ([a-zA-Z_][a-zA-Z0-9_]*); Alertmanager rejects alerts with others.
func validLabelName(name string) bool {
	for i, c := range name {
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return name != ""
}

// annotations returns the alert's annotations.
func (a Alert) annotations() map[string]string {
	an := make(map[string]string, 4)
	setIf(an, "summary", a.Summary, "")
	setIf(an, "description", a.Description, "")
	setIf(an, "next_step", a.NextStep, "")
	setIf(an, "config", a.Config, "")
	return an
}

// setIf sets m[key] to value, or to fallback when value is empty; nothing
// is set when both are empty.
func setIf(m map[string]string, key, value, fallback string) {
	if value == "" {
		value = fallback
	}
	if value != "" {
		m[key] = value
	}
}
