package mqtest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mqrest/mqrest/api"
)

// Request is one request the emulator received, as [Handler.Requests]
// reports it. Secrets are redacted: the signature, the session token and
// every password in the body.
type Request struct {
	// Time is when the request arrived, on the emulator clock.
	Time time.Time
	// Operation is the operation the request routed to, or "".
	Operation string
	// Method and Path (escaped, as sent) locate the request; Query is its
	// decoded query.
	Method string
	Path   string
	Query  url.Values
	// Header holds the request headers, plus Host. Authorization keeps its
	// credential scope and signed headers, with Signature=<redacted>;
	// X-Amz-Security-Token is <redacted>.
	Header http.Header
	// Body is the request body of a request that was authenticated and
	// authorized, with the members the model marks sensitive (broker user
	// and LDAP service account passwords) replaced by "<redacted>", by the
	// model's one redaction rule ([api.Operation.RedactBody]): a body that
	// holds one is logged as the input re-encoded. The body of any other
	// request (unauthenticated, denied, malformed, unrouted, faulted) is not
	// kept: Body is nil.
	Body []byte
	// Status is the status answered; 0 when the connection was closed
	// without an answer.
	Status int
	// Principal and AccessKeyID name the caller when the access key was
	// known.
	Principal   string
	AccessKeyID string
}

// Requests returns the requests in the request log ([WithRequestLog]), in
// order of arrival: the last ones received since the Handler was made or
// [Handler.ResetRequests] was called, as many as the log holds.
func (h *Handler) Requests() []Request {
	h.rmu.Lock()
	defer h.rmu.Unlock()
	return h.reqs.list()
}

// ResetRequests forgets the requests received so far.
func (h *Handler) ResetRequests() {
	h.rmu.Lock()
	defer h.rmu.Unlock()
	h.reqs.reset()
}

// Bounds of the request log.
const (
	// DefaultRequestLog is how many requests a Handler's log keeps without
	// [WithRequestLog].
	DefaultRequestLog = 1000
	// DefaultRequestLogBytes bounds the bytes (paths, queries, headers and
	// bodies) the request log holds together, whatever its length: the
	// oldest requests are dropped first.
	DefaultRequestLogBytes = 16 << 20
)

// WithRequestLog sets how many of the last requests [Handler.Requests]
// keeps (default [DefaultRequestLog]); 0 keeps none. The log is a ring: a
// new request past n, or past [DefaultRequestLogBytes] held in all, drops
// the oldest, so the log's memory stays bounded under any load. A negative
// n is taken as 0.
func WithRequestLog(n int) Option {
	return func(c *config) { c.requestLog = max(n, 0) }
}

// record is a Request being served; finish logs it once.
type record struct {
	Request
	done bool
}

// finish adds the request to the log, once. It runs before the answer is
// written (so a client that got its answer finds its request logged), or
// deferred when the request ends another way.
func (h *Handler) finish(r *record) {
	if r.done {
		return
	}
	r.done = true
	h.rmu.Lock()
	defer h.rmu.Unlock()
	h.reqs.add(r.Request)
}

// requestRing is the request log: the last max requests, holding no more
// than maxBytes of paths, queries, headers and bodies together (the oldest
// go first). A zero max keeps nothing. Guarded by Handler.rmu.
type requestRing struct {
	max      int
	maxBytes int
	buf      []Request // buf[head:] are the requests logged, oldest first
	head     int
	held     int // bytes held, by requestSize
}

func newRequestRing(n int) requestRing {
	return requestRing{max: max(n, 0), maxBytes: DefaultRequestLogBytes}
}

// add logs r, evicting the oldest requests past either bound.
func (g *requestRing) add(r Request) {
	if g.max == 0 {
		return
	}
	size := requestSize(&r)
	if size > g.maxBytes {
		// One request alone over the budget (huge headers): keep its
		// outline only.
		r.Body, r.Query, r.Header = nil, nil, http.Header{}
		size = requestSize(&r)
	}
	for g.head < len(g.buf) && (len(g.buf)-g.head >= g.max || g.held+size > g.maxBytes) {
		g.held -= requestSize(&g.buf[g.head])
		g.buf[g.head] = Request{}
		g.head++
	}
	if g.head > 0 && g.head >= len(g.buf)/2 {
		// Move the live part down so the backing array stays within 2*max.
		n := copy(g.buf, g.buf[g.head:])
		clear(g.buf[n:])
		g.buf, g.head = g.buf[:n], 0
	}
	g.buf = append(g.buf, r)
	g.held += size
}

// list copies the requests out, oldest first.
func (g *requestRing) list() []Request {
	out := make([]Request, 0, len(g.buf)-g.head)
	for _, r := range g.buf[g.head:] {
		r.Query = cloneValues(r.Query)
		r.Header = r.Header.Clone()
		r.Body = slices.Clone(r.Body)
		out = append(out, r)
	}
	return out
}

func (g *requestRing) reset() { *g = requestRing{max: g.max, maxBytes: g.maxBytes} }

// requestSize is what a logged request holds in its variable parts.
func requestSize(r *Request) int {
	n := len(r.Body) + len(r.Path) + len(r.Operation) + len(r.Principal) + len(r.AccessKeyID)
	for k, vs := range r.Query {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	for k, vs := range r.Header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

// requestID returns the next X-Amzn-RequestId.
func (h *Handler) requestID() string {
	h.ridMu.Lock()
	defer h.ridMu.Unlock()
	return uuid(h.ridRand)
}

// redacted is what the log shows instead of a secret.
const redacted = api.Redacted

// redactHeader copies the headers, adds Host and hides the signature and the
// session token.
func redactHeader(in http.Header, host string) http.Header {
	h := in.Clone()
	if h == nil {
		h = http.Header{}
	}
	if host != "" {
		h.Set("Host", host)
	}
	if vs := h.Values("Authorization"); len(vs) > 0 {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = redactAuthorization(v)
		}
		h["Authorization"] = out
	}
	if vs := h.Values("X-Amz-Security-Token"); len(vs) > 0 {
		h["X-Amz-Security-Token"] = []string{redacted}
	}
	return h
}

// redactAuthorization keeps everything of a SigV4 Authorization header but
// the signature.
func redactAuthorization(v string) string {
	i := strings.Index(v, "Signature=")
	if i < 0 {
		if strings.HasPrefix(v, "AWS4-HMAC-SHA256 ") && !strings.Contains(v, "Signature") {
			return v
		}
		return redacted
	}
	end := len(v)
	if j := strings.IndexByte(v[i:], ','); j >= 0 {
		end = i + j
	}
	return v[:i] + "Signature=" + redacted + v[end:]
}
