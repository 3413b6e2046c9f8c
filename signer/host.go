package signer

import (
	"net/http"
	"strings"
)

// sanitizeHost drops a default port (80 for http, 443 for https) from the
// request host by setting req.Host, as aws/signer/v4 does before signing.
func sanitizeHost(req *http.Request) {
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	if port := portOnly(host); port != "" && isDefaultPort(req.URL.Scheme, port) {
		req.Host = stripPort(host)
	}
}

// portOnly returns the port of hostport without the colon, or "".
func portOnly(hostport string) string {
	colon := strings.IndexByte(hostport, ':')
	if colon == -1 {
		return ""
	}
	if i := strings.Index(hostport, "]:"); i != -1 {
		return hostport[i+len("]:"):]
	}
	if strings.Contains(hostport, "]") {
		return ""
	}
	return hostport[colon+len(":"):]
}

// stripPort returns hostport without its port (and, for an IPv6 literal,
// without its brackets, as the SDK does).
func stripPort(hostport string) string {
	colon := strings.IndexByte(hostport, ':')
	if colon == -1 {
		return hostport
	}
	if i := strings.IndexByte(hostport, ']'); i != -1 {
		return strings.TrimPrefix(hostport[:i], "[")
	}
	return hostport[:colon]
}

// isDefaultPort reports whether port is the default port of scheme.
func isDefaultPort(scheme, port string) bool {
	return strings.EqualFold(scheme, "http") && port == "80" ||
		strings.EqualFold(scheme, "https") && port == "443"
}
