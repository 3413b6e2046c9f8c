package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mqrest/mqrest/api"
)

// debugTransport traces each request and response on stderr for --debug:
// method, URL, headers and body, with the signature, the session token and
// every password redacted.
type debugTransport struct {
	next http.RoundTripper
	w    io.Writer
	mu   sync.Mutex
}

// maxTracedBody caps how much of a body --debug prints.
const maxTracedBody = 64 << 10

// RoundTrip traces req, sends it and traces the response.
func (t *debugTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			reqBody, _ = io.ReadAll(io.LimitReader(rc, maxTracedBody))
			rc.Close()
		}
	}
	op := operationOf(req)
	var b strings.Builder
	fmt.Fprintf(&b, "mqctl debug: request %s %s\n", req.Method, req.URL.Redacted())
	h := req.Header.Clone()
	if h.Get("Host") == "" {
		h.Set("Host", req.URL.Host)
	}
	if req.ContentLength > 0 {
		h.Set("Content-Length", fmt.Sprint(req.ContentLength))
	}
	writeHeaders(&b, h)
	if len(reqBody) > 0 {
		writeBody(&b, requestBody(op, reqBody))
	}
	t.write(b.String())

	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.write(fmt.Sprintf("mqctl debug: request failed after %s: %v\n", time.Since(start).Round(time.Millisecond), err))
		return nil, err
	}
	data, readErr := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	b.Reset()
	fmt.Fprintf(&b, "mqctl debug: response %s (%s)\n", resp.Status, time.Since(start).Round(time.Millisecond))
	writeHeaders(&b, resp.Header)
	if len(data) > maxTracedBody {
		data = data[:maxTracedBody]
	}
	if len(data) > 0 {
		writeBody(&b, responseBody(op, resp.StatusCode, data))
	}
	if readErr != nil {
		fmt.Fprintf(&b, "mqctl debug: reading the response body: %v\n", readErr)
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(data), errReader{readErr}))
	}
	t.write(b.String())
	return resp, nil
}

// errReader replays a read error after the traced part of a body.
type errReader struct{ err error }

// Read returns the error.
func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func (t *debugTransport) write(s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	io.WriteString(t.w, s)
}

func writeHeaders(b *strings.Builder, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			fmt.Fprintf(b, "mqctl debug:   %s: %s\n", k, redactHeader(k, v))
		}
	}
}

func writeBody(b *strings.Builder, body string) {
	fmt.Fprintf(b, "mqctl debug:   body: %s\n", body)
}

var signatureRE = regexp.MustCompile(`Signature=[0-9a-fA-F]*`)

// redactHeader hides the secret parts of a header value: the signature of
// Authorization (its credential scope and signed headers stay, they help
// debugging), the whole session token, and any cookie.
func redactHeader(name, value string) string {
	switch strings.ToLower(name) {
	case "authorization":
		return signatureRE.ReplaceAllString(value, "Signature=<redacted>")
	case "x-amz-security-token", "cookie", "set-cookie":
		return "<redacted>"
	}
	return value
}

// routes routes a request to the operation it calls, as the service does.
var routes = sync.OnceValue(func() *http.ServeMux {
	mux := http.NewServeMux()
	for _, op := range api.Operations {
		mux.Handle(op.Pattern(), operationRoute{op})
	}
	return mux
})

// operationRoute is the handler routes finds for an operation's requests.
type operationRoute struct{ op *api.Operation }

// ServeHTTP is never called: routes only matches requests.
func (operationRoute) ServeHTTP(http.ResponseWriter, *http.Request) {}

// operationOf returns the operation req calls, or nil. The path of an
// endpoint URL with a path prefix is routed without it.
func operationOf(req *http.Request) *api.Operation {
	path := req.URL.EscapedPath()
	for {
		if u, err := url.Parse(path); err == nil {
			h, _ := routes().Handler(&http.Request{Method: req.Method, URL: u, Host: req.Host})
			if r, ok := h.(operationRoute); ok {
				return r.op
			}
		}
		i := strings.IndexByte(path[min(1, len(path)):], '/')
		if i < 0 {
			return nil
		}
		path = path[i+1:]
	}
}

// requestBody is a request body of op as --dry-run and --debug show it:
// with the members the model marks sensitive redacted (api.RedactBody). A
// body that is not op's JSON input is not shown, since its secrets could
// not be found.
func requestBody(op *api.Operation, body []byte) string {
	if op != nil {
		if b, ok := op.RedactBody(body); ok {
			return string(b)
		}
	}
	return fmt.Sprintf("<%d bytes, not the JSON input of the operation: not shown>", len(body))
}

// responseBody is a response body of op as --debug shows it: a successful
// response whose output type holds sensitive members with those redacted
// (api.Redact), any other body (errors, and the outputs of this API
// version, none of which holds a secret) as it came.
func responseBody(op *api.Operation, status int, body []byte) string {
	if op == nil || status < 200 || status > 299 {
		return string(body)
	}
	out := op.NewOutput()
	if api.Redact(out) == out {
		return string(body)
	}
	if op.DecodeOutput(body, out) == nil {
		if b, err := op.EncodeOutput(api.Redact(out)); err == nil {
			return string(b)
		}
	}
	return fmt.Sprintf("<%d bytes, not the JSON output of the operation: not shown>", len(body))
}

// debugf writes one --debug line.
func (a *app) debugf(format string, args ...any) {
	if a.g.debug {
		fmt.Fprintf(a.stderr, "mqctl debug: "+format+"\n", args...)
	}
}
