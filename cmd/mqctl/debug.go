package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
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
	writeBody(&b, reqBody)
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
	writeBody(&b, data)
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

func writeBody(b *strings.Builder, body []byte) {
	if len(body) == 0 {
		return
	}
	fmt.Fprintf(b, "mqctl debug:   body: %s\n", redactBody(body))
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

// redactBody returns a JSON body with the value of every member whose name
// contains "password" (password, serviceAccountPassword, Password)
// replaced by "<redacted>". A body that is not JSON is not shown, since a
// secret in it could not be found.
func redactBody(body []byte) string {
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return fmt.Sprintf("<%d bytes, not JSON: not shown>", len(body))
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(redactValue(v)); err != nil {
		return "<not shown>"
	}
	return strings.TrimSuffix(out.String(), "\n")
}

func redactValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if strings.Contains(strings.ToLower(k), "password") || strings.Contains(strings.ToLower(k), "secret") {
				x[k] = "<redacted>"
				continue
			}
			x[k] = redactValue(e)
		}
	case []any:
		for i, e := range x {
			x[i] = redactValue(e)
		}
	}
	return v
}

// debugf writes one --debug line.
func (a *app) debugf(format string, args ...any) {
	if a.g.debug {
		fmt.Fprintf(a.stderr, "mqctl debug: "+format+"\n", args...)
	}
}
