package client

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/signer"
)

// call is one logical call: what stays the same across its attempts.
type call struct {
	op   *api.Operation
	in   any
	url  string
	body []byte
	hash string
}

var uriPool = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// do is the one request path every operation goes through:
// validate → build → (per attempt: sign → send → decode) with retries.
func (c *Client) do(ctx context.Context, op *api.Operation, in, out any) error {
	if reflect.ValueOf(in).IsNil() {
		in = op.NewInput()
	}
	if err := op.Validate(in); err != nil {
		return err
	}
	in = fillIdempotencyToken(op, in)
	bp := uriPool.Get().(*[]byte)
	buf := append((*bp)[:0], c.base...)
	buf, err := op.AppendRequestURI(buf, in)
	if err != nil {
		uriPool.Put(bp)
		return err
	}
	cl := call{op: op, in: in, url: string(buf)}
	*bp = buf
	uriPool.Put(bp)
	if cl.body, err = op.EncodeBody(in); err != nil {
		return err
	}
	cl.hash = signer.PayloadHash(cl.body)
	var page reflect.Value
	if op.Paging != nil {
		page = presizePage(op, in, out)
	}
	err = c.retryLoop(ctx, &cl, out)
	if page.IsValid() && page.Len() == 0 && page.Cap() > 0 {
		page.SetZero() // no list in the response: nil, as without presizing
	}
	if c.recorder != nil && reachedService(err) {
		c.recorder.record(c, op, in, out, err)
	}
	return err
}

func (c *Client) retryLoop(ctx context.Context, cl *call, out any) error {
	maxAttempts := c.retryer.MaxAttempts()
	releaseRetry := func(error) error { return nil }
	skewFixed := false
	var lastErr error
	for attempt := 1; ; attempt++ {
		if attempt > 1 {
			rel, err := c.retryer.GetRetryToken(ctx, lastErr)
			if err != nil { // retry quota exhausted: stop retrying
				return lastErr
			}
			releaseRetry = rel
			delay, err := c.retryer.RetryDelay(attempt-1, lastErr)
			if err != nil {
				return lastErr
			}
			if err := sleep(ctx, delay); err != nil {
				return lastErr
			}
		}
		releaseAttempt := c.retryer.GetInitialToken()
		err := c.attempt(ctx, cl, out, attempt)
		_ = releaseAttempt(err)
		if err == nil {
			_ = releaseRetry(nil)
			return nil
		}
		lastErr = err
		if ctx.Err() != nil {
			return err
		}
		if !skewFixed && c.learnSkew(err) {
			skewFixed = true
			attempt-- // a re-signed retry for clock skew does not count
			continue
		}
		if attempt >= maxAttempts || !c.shouldRetry(cl.op, err) {
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
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.op.Method, cl.url, body)
	if err != nil {
		return &RequestError{Operation: cl.op.Name, Attempts: attempt, Err: err}
	}
	if cl.body != nil {
		req.Header["Content-Type"] = jsonContentType
	}
	req.Header["User-Agent"] = []string{c.userAgent}
	if err := c.signer.SignAt(ctx, req, cl.hash, c.now()); err != nil {
		return &RequestError{Operation: cl.op.Name, Attempts: attempt, Err: err}
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.log(ctx, cl, attempt, 0, "", start, err)
		return &RequestError{Operation: cl.op.Name, Attempts: attempt, Err: err}
	}
	defer resp.Body.Close()
	reqID := requestID(resp.Header)
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
		if err := decodeJSON(data, out); err != nil {
			return &DecodeError{Operation: cl.op.Name, StatusCode: resp.StatusCode, RequestID: reqID, Err: err}
		}
	}
	if m, ok := out.(interface{ Meta() *api.Metadata }); ok {
		m.Meta().RequestID = reqID
	}
	return nil
}

var jsonContentType = []string{"application/json"}

// presizePage gives the output's item list room for the page size the
// input asks for, so that decoding a page allocates its items once instead
// of doubling its way up. It returns the list it presized, or the zero
// Value.
func presizePage(op *api.Operation, in, out any) reflect.Value {
	n := api.Field(in, op.Paging.PageSize)
	if !n.IsValid() || !n.CanInt() || n.Int() <= 0 || n.Int() > 1000 {
		return reflect.Value{}
	}
	items := api.Field(out, op.Paging.Items)
	if !items.IsValid() || items.Cap() > 0 {
		return reflect.Value{}
	}
	items.Set(reflect.MakeSlice(items.Type(), 0, int(n.Int())))
	return items
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
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
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
	c.logger.LogAttrs(ctx, slog.LevelDebug, "mqrest call", attrs...)
}

// fillIdempotencyToken returns in, or a copy of it with the operation's
// idempotency token set to a fresh UUID when the caller left it empty. The
// copy is made once per logical call, so every retry carries the same token,
// and the caller's input is never modified.
func fillIdempotencyToken(op *api.Operation, in any) any {
	if op.IdempotencyToken == "" || api.Field(in, op.IdempotencyToken).String() != "" {
		return in
	}
	cp := reflect.New(op.Input)
	cp.Elem().Set(reflect.ValueOf(in).Elem())
	cp.Elem().FieldByName(op.IdempotencyToken).SetString(newUUID())
	return cp.Interface()
}
