package client

// observability is what the client reports calls to: tracing and metrics.
type observability struct{}
