// Package bridge joins hapguard's two halves: it lints the configuration
// HAProxy runs and answers the agent's question "which lines explain this
// anomaly?" (spoe/confignote.Explainer). It sits above both lint and spoe;
// neither imports it, and spoe never imports the linter (DESIGN §1).
//
// The knowledge lives in relations.go: one table, readable in one place,
// saying which rules can explain which anomaly causes. The rest is
// plumbing: locating each finding in the backend or server it concerns
// (scope.go), keeping the current lint result and reloading it when HAProxy
// reloads or the files change (explainer.go), and a metric of the running
// configuration's findings (metrics.go).
package bridge
