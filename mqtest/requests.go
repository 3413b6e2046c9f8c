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
	// Body is the request body with the members the model marks sensitive
	// (broker user and LDAP service account passwords) replaced by
	// "<redacted>", by the model's one redaction rule
	// ([api.Operation.RedactBody]): a body that holds one is logged as the
	// input re-encoded. A body that is not the operation's JSON input, or of
	// a request that routed to no operation, is logged as "<redacted>".
	Body []byte
	// Status is the status answered; 0 when the connection was closed
	// without an answer.
	Status int
	// Principal and AccessKeyID name the caller when the access key was
	// known.
	Principal   string
	AccessKeyID string
}

// Requests returns every request received since the Handler was made or
// [Handler.ResetRequests] was called, in order of arrival.
func (h *Handler) Requests() []Request {
	h.rmu.Lock()
	defer h.rmu.Unlock()
	out := make([]Request, len(h.reqs))
	for i, r := range h.reqs {
		r.Query = cloneValues(r.Query)
		r.Header = r.Header.Clone()
		r.Body = slices.Clone(r.Body)
		out[i] = r
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (h *Handler) ResetRequests() {
	h.rmu.Lock()
	defer h.rmu.Unlock()
	h.reqs = nil
}

// record is a Request being served; finish logs it once.
type record struct {
	Request
	done bool
}

// finish appends the request to the log, once. It runs before the answer
// is written (so a client that got its answer finds its request logged), or
// deferred when the request ends another way.
func (h *Handler) finish(r *record) {
	if r.done {
		return
	}
	r.done = true
	h.rmu.Lock()
	defer h.rmu.Unlock()
	h.reqs = append(h.reqs, r.Request)
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
