package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/signer"
)

// call is one logical call: what stays the same across its attempts.
type call struct {
	op   *api.Operation
	in   any // the input as sent: validated, its idempotency token filled
	url  string
	body []byte
	hash string
	cfg  callConfig // retryer, logger, hooks, observability of the call
	// status and requestID are those of the last attempt's response.
	status    int
	requestID string
}

// errNoOperation is the error of a call without an operation.
var errNoOperation = fmt.Errorf("%w: no operation given", api.ErrWrongInput)

var uriPool = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// do is the one request path every operation goes through: the call
// options (configure), validate → build (newCall), then per attempt sign →
// request hooks → send → decode, with retries. With a tracer or a meter,
// a span and the call's metrics wrap it all from validation on, and each
// attempt has its own span.
func (c *Client) do(ctx context.Context, op *api.Operation, in, out any, opts []CallOption) error {
	if err := checkContext(ctx); err != nil {
		return err
	}
	if op == nil {
		return errNoOperation
	}
	cfg, err := c.configure(op, opts)
	if err != nil {
		return err
	}
	if !cfg.obs.on() {
		return c.run(ctx, op, in, out, &cfg)
	}
	start := time.Now()
	ctx, span := cfg.obs.startCall(ctx, op)
	err = c.run(ctx, op, in, out, &cfg)
	cfg.obs.endCall(ctx, op, span, start, err)
	return err
}

// run is a call of do once it is configured.
func (c *Client) run(ctx context.Context, op *api.Operation, in, out any, cfg *callConfig) error {
	cl, err := c.newCall(op, in)
	if err != nil {
		return err
	}
	cl.cfg = *cfg
	err = c.retryLoop(ctx, &cl, out)
	if c.recorder != nil && reachedService(err) {
		c.recorder.record(c, op, cl.in, out, err)
	}
	return err
}

// DryRun runs the request path of op with in and stops before sending: it
// validates in, fills the idempotency token (a fresh one on each call when
// in leaves it empty), builds the request and signs it with the client's
// credentials and clock, exactly as the first attempt of a call would. It
// returns the signed request and its body (nil when the operation sends
// none); the request's Body reads the same bytes. Nothing is sent, nothing
// is retried, recorded or traced, and in is never modified. The request
// hooks of opts (WithRequestHook) see the request once it is signed; the
// other call options do not apply to a request that is not sent, but a
// nil or bad one fails DryRun as it fails a call.
//
// in follows the rules of [Client.Invoke]: a pointer to op's input type, or
// nil for an empty input. Invalid input fails with a *[ValidationError],
// input of another type with an error wrapping api.ErrWrongInput.
//
// The request carries ctx and can be printed, inspected or sent with any
// http.Client, soon: AWS refuses a signature whose X-Amz-Date is more than
// a few minutes off. It holds the Authorization signature, any session
// token, and in the body any secret of in (passwords): redact them before
// showing it.
func (c *Client) DryRun(ctx context.Context, op *api.Operation, in any, opts ...CallOption) (*http.Request, []byte, error) {
	if err := checkContext(ctx); err != nil {
		return nil, nil, err
	}
	if op == nil {
		return nil, nil, errNoOperation
	}
	cfg, err := c.configure(op, opts)
	if err != nil {
		return nil, nil, err
	}
	cl, err := c.newCall(op, in)
	if err != nil {
		return nil, nil, err
	}
	req, err := c.newRequest(ctx, &cl)
	if err != nil {
		return nil, nil, fmt.Errorf("mqrest: %s: %w", op.Name, err)
	}
	for _, h := range cfg.hooks {
		h(req)
	}
	return req, cl.body, nil
}

// newCall does what a call does once, before any attempt: validate in
// (nil, or a nil pointer, is the empty input), fill its idempotency token,
// build the URL and encode the body. The token is filled in a copy, once
// per call, so every retry carries the same one and the caller's input is
// never modified.
func (c *Client) newCall(op *api.Operation, in any) (call, error) {
	if in == nil {
		in = op.NewInput()
	}
	if err := op.Validate(in); err != nil {
		return call{}, err
	}
	in, err := op.WithIdempotencyToken(in, newUUID)
	if err != nil {
		return call{}, err
	}
	bp := uriPool.Get().(*[]byte)
	buf, err := op.AppendRequestURI(append((*bp)[:0], c.base...), in)
	cl := call{op: op, in: in, url: string(buf)}
	*bp = buf
	uriPool.Put(bp)
	if err != nil {
		return call{}, err
	}
	if cl.body, err = op.EncodeBody(in); err != nil {
		return call{}, err
	}
	cl.hash = signer.PayloadHash(cl.body)
	return cl, nil
}

// newRequest builds and signs the HTTP request of one attempt of cl: a
// fresh reader over the body, the headers, and a SigV4 signature at the
// client's clock corrected by the learned skew. Nothing is changed on the
// request after signing.
func (c *Client) newRequest(ctx context.Context, cl *call) (*http.Request, error) {
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.op.Method, cl.url, body)
	if err != nil {
		return nil, err
	}
	if cl.body != nil {
		req.Header["Content-Type"] = jsonContentType
	}
	req.Header["User-Agent"] = []string{c.userAgent}
	if err := c.signer.SignAt(ctx, req, cl.hash, c.now()); err != nil {
		return nil, err
	}
	return req, nil
}

func (c *Client) retryLoop(ctx context.Context, cl *call, out any) error {
	retryer := cl.cfg.retryer
	maxAttempts := retryer.MaxAttempts()
	releaseRetry := func(error) error { return nil }
	skewFixed := false
	var lastErr error
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			rel, err := retryer.GetRetryToken(ctx, lastErr)
			if err != nil { // retry quota exhausted: stop retrying
				return lastErr
			}
			releaseRetry = rel
			delay, err := retryer.RetryDelay(attempt-1, lastErr)
			if err != nil {
				return lastErr
			}
			if err := sleep(ctx, delay); err != nil {
				return lastErr
			}
		}
		releaseAttempt, err := attemptToken(ctx, retryer)
		if err != nil { // the rate limiter's wait ended with ctx, or it refused
			if ctxErr := ctx.Err(); ctxErr != nil {
				err = ctxErr
			}
			return &RequestError{Operation: cl.op.Name, Attempts: attempt, Err: err}
		}
		if obs := cl.cfg.obs; obs.on() {
			start := time.Now()
			actx, span := obs.startAttempt(ctx, cl.op, attempt)
			err = c.attempt(actx, cl, out, attempt)
			obs.endAttempt(ctx, cl, span, start, err)
		} else {
			err = c.attempt(ctx, cl, out, attempt)
		}
		_ = releaseAttempt(err)
		if err == nil {
			_ = releaseRetry(nil)
			return nil
		}
		setAttempts(err, attempt)
		lastErr = err
		if ctx.Err() != nil {
			return err
		}
		if !skewFixed && c.learnSkew(err) {
			skewFixed = true
			attempt-- // a re-signed retry for clock skew does not count
			continue
		}
		if attempt >= maxAttempts || !shouldRetry(retryer, cl.op, err) {
			return err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// reachedService reports whether the call got an answer from the service
// (success, or an API error such as NotFound or AccessDenied): such a call
// needed its IAM actions.
func reachedService(err error) bool {
	if err == nil {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae)
}

// now is the signing time: the clock corrected by the learned skew.
func (c *Client) now() time.Time {
	return c.clock().Add(time.Duration(c.skew.Load()))
}

func (c *Client) attempt(ctx context.Context, cl *call, out any, attempt int) error {
	req, err := c.newRequest(ctx, cl)
	if err != nil {
		return &RequestError{Operation: cl.op.Name, Attempts: attempt, Err: err}
	}
	for _, h := range cl.cfg.hooks {
		h(req)
	}
	cl.status, cl.requestID = 0, ""
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.log(ctx, cl, attempt, 0, "", start, err)
		return &RequestError{Operation: cl.op.Name, Attempts: attempt, Err: err}
	}
	defer resp.Body.Close()
	reqID := requestID(resp.Header)
	cl.status, cl.requestID = resp.StatusCode, reqID
	bp, data, readErr := readBody(resp.Body, resp.ContentLength, c.maxBody)
	defer putBody(bp, data)
	c.log(ctx, cl, attempt, resp.StatusCode, reqID, start, readErr)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if errors.Is(readErr, ErrResponseTooLarge) {
			return &DecodeError{Operation: cl.op.Name, StatusCode: resp.StatusCode, RequestID: reqID, Err: readErr}
		}
		e := decodeAPIError(cl.op.Name, resp, data, reqID)
		if readErr != nil {
			e.truncated = true
		}
		return c.classify(cl, e)
	}
	if readErr != nil {
		return &DecodeError{Operation: cl.op.Name, StatusCode: resp.StatusCode, RequestID: reqID, Err: readErr,
			cutShort: !errors.Is(readErr, ErrResponseTooLarge)}
	}
	if cl.op.HasOutputBody() && len(data) > 0 {
		if err := decodeOutput(cl, data, out); err != nil {
			return &DecodeError{Operation: cl.op.Name, StatusCode: resp.StatusCode, RequestID: reqID, Err: err}
		}
	}
	api.SetRequestID(out, reqID)
	return nil
}

var jsonContentType = []string{"application/json"}

// maxPresize bounds the page size a list is presized for.
const maxPresize = 1000

// decodeOutput decodes a successful response body into out. The item list
// of a page whose input sets a page size is presized for it, so that
// decoding allocates the items once instead of doubling its way up; a list
// the response leaves out is set back to nil, as without presizing.
func decodeOutput(cl *call, data []byte, out any) error {
	p := cl.op.Paging
	if p == nil || !presize(p, cl.in, out) {
		return cl.op.DecodeOutput(data, out)
	}
	err := cl.op.DecodeOutput(data, out)
	p.Trim(out)
	return err
}

// presize gives out's item list room for the page size in asks for, and
// reports whether in asks for one.
func presize(p *api.Paging, in, out any) bool {
	n := p.PageSizeOf(in)
	if n == nil || *n <= 0 || *n > maxPresize {
		return false
	}
	p.Presize(out, int(*n))
	return true
}

func requestID(h http.Header) string {
	if v := h.Get("X-Amzn-Requestid"); v != "" {
		return v
	}
	return h.Get("X-Amz-Request-Id")
}

// bodyPool recycles response buffers: every decoded value copies what it
// keeps, so a body is garbage once decoded.
var bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// maxPooledBody keeps a rare huge response from pinning its buffer.
const maxPooledBody = 1 << 20

// readBody reads at most max bytes of r, whose length is n (-1: unknown),
// into a pooled buffer sized from n, which must go back with putBody once
// data is no longer used; more than max bytes is ErrResponseTooLarge.
func readBody(r io.Reader, n, max int64) (*[]byte, []byte, error) {
	bp := bodyPool.Get().(*[]byte)
	b := (*bp)[:0]
	if n >= 0 && n < max && int64(cap(b)) < n+1 {
		b = make([]byte, 0, n+1) // +1: EOF is seen without growing
	}
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		m, err := r.Read(b[len(b):min(int64(cap(b)), max+1)])
		b = b[:len(b)+m]
		if err == io.EOF {
			break
		}
		if err != nil {
			return bp, b, err
		}
		if int64(len(b)) > max {
			return bp, b[:max], ErrResponseTooLarge
		}
	}
	return bp, b, nil
}

// putBody returns a buffer of readBody to the pool.
func putBody(bp *[]byte, b []byte) {
	if cap(b) <= maxPooledBody {
		*bp = b[:0]
		bodyPool.Put(bp)
	}
}

func (c *Client) log(ctx context.Context, cl *call, attempt, status int, reqID string, start time.Time, err error) {
	logger := cl.cfg.logger
	if logger == nil { // a call not made by do
		logger = c.logger
	}
	if !logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	path := cl.url[len(c.base):]
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	attrs := []slog.Attr{
		slog.String("operation", cl.op.Name), slog.String("method", cl.op.Method), slog.String("path", path),
		slog.Int("attempt", attempt), slog.Int("status", status), slog.String("request_id", reqID),
		slog.Duration("duration", time.Since(start)),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	logger.LogAttrs(ctx, slog.LevelDebug, "mqrest call", attrs...)
}
