package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/hapguard/hapguard/spoe/endpoint"
)

// anomaliesResponse is the body of GET /api/v1/anomalies.
type anomaliesResponse struct {
	Active []Report `json:"active"`
	Recent []Report `json:"recent"`
}

// newHTTPHandler serves GET /metrics and GET /api/v1/anomalies. Nothing it
// serves changes state.
func newHTTPHandler(gatherer prometheus.Gatherer, anomalies func() (active, recent []Report), logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(logger.Handler(), slog.LevelError),
		Timeout:       10 * time.Second,
		ErrorHandling: promhttp.ContinueOnError,
	}))
	mux.HandleFunc("GET /api/v1/anomalies", func(w http.ResponseWriter, _ *http.Request) {
		active, recent := anomalies()
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(anomaliesResponse{Active: active, Recent: recent}); err != nil {
			logger.Debug("write anomalies response", "error", err.Error())
		}
	})
	return mux
}

// httpService is the agent's HTTP listener.
type httpService struct {
	ln      net.Listener
	server  *http.Server
	timeout time.Duration
}

// listenHTTP binds addr at once, so that a busy port is a startup error.
func listenHTTP(addr endpoint.Endpoint, handler http.Handler, shutdownTimeout time.Duration) (*httpService, error) {
	ln, err := addr.Listen(0)
	if err != nil {
		return nil, fmt.Errorf("http listener: %w", err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	return &httpService{ln: ln, server: srv, timeout: shutdownTimeout}, nil
}

// Addr returns the bound address.
func (h *httpService) Addr() string { return h.ln.Addr().String() }

// Run serves until ctx is cancelled, then shuts down within the timeout.
func (h *httpService) Run(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- h.server.Serve(h.ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("http listener: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), h.timeout)
	defer cancel()
	if err := h.server.Shutdown(shutdownCtx); err != nil {
		h.server.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http listener: %w", err)
	}
	return nil
}
