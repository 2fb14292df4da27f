package agent

import (
	"fmt"
	"log/slog"
	"net"
	"os"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/alertmanager"
	"github.com/hapguard/hapguard/spoe/endpoint"
)

// newOutputs builds the HTTP listener and the Alertmanager client, when
// configured. The Alertmanager client becomes p's notifier.
func newOutputs(cfg Config, p *pipeline, reg *prometheus.Registry, logger *slog.Logger) ([]service, error) {
	var services []service
	var httpAddr endpoint.Endpoint
	if cfg.HTTPListen != "" {
		var err error
		if httpAddr, err = cfg.httpEndpoint(); err != nil {
			return nil, err
		}
	}
	if cfg.AlertmanagerURL != "" {
		generator := ""
		if cfg.HTTPListen != "" {
			generator = "http://" + httpAddr.Address + "/api/v1/anomalies"
		}
		c, err := alertmanager.New(alertmanager.Config{URL: cfg.AlertmanagerURL, GeneratorURL: generator}, reg, logger)
		if err != nil {
			return nil, fmt.Errorf("alertmanager output: %w", err)
		}
		p.notifier = alertNotifier{client: c, instance: instanceLabel(cfg.HTTPListen)}
		services = append(services, service{"alertmanager output", c.Run})
	}
	if cfg.HTTPListen != "" {
		h, err := listenHTTP(httpAddr, newHTTPHandler(reg, p.detector.Anomalies, logger), cfg.ShutdownTimeout)
		if err != nil {
			return nil, err
		}
		services = append(services, service{"http listener", h.Run})
	}
	return services, nil
}

// alertNotifier pushes anomaly transitions to Alertmanager.
type alertNotifier struct {
	client   *alertmanager.Client
	instance string // the "instance" label of every alert
}

// instanceLabel names this agent among a fleet's, like the "instance" label
// Prometheus gives a scraped target: the host name, and the port of the
// HTTP listener when there is one (several agents on one host differ by it).
func instanceLabel(httpListen string) string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	if _, port, err := net.SplitHostPort(httpListen); err == nil && port != "" {
		return net.JoinHostPort(host, port)
	}
	return host
}

// Notify fires or resolves the alert of r without blocking.
func (n alertNotifier) Notify(r Report) {
	key := r.Kind + "/" + r.Backend + "/" + r.Server
	if r.State == StateResolved {
		n.client.Resolve(key, r.ResolvedAt)
		return
	}
	n.client.Fire(key, alertmanager.Alert{
		Backend: r.Backend, Server: r.Server, Kind: r.Kind, Cause: r.Cause,
		Summary: r.Summary, Description: r.Message, NextStep: r.NextStep, StartsAt: r.FiredAt,
		Config: r.configText("\n"),
		Labels: map[string]string{"instance": n.instance},
	})
}
