package client

import (
	"errors"
	"net"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/mqrest/mqrest/api"
)

// shouldRetry applies the operation's retry rule on top of the retryer's
// classification (throttling, 5xx, connection errors).
func (c *Client) shouldRetry(op *api.Operation, err error) bool {
	if !c.retryer.IsErrorRetryable(err) && !truncatedResponse(err) && !unanswered(err) {
		return false
	}
	if op.Retry == api.RetrySafe {
		return true
	}
	return unprocessed(err)
}

// truncatedResponse reports a response cut short, which the standard
// retryer does not classify; it is retried like a connection reset. A
// successful response is cut short whatever error its body read ends with:
// an unexpected EOF or a reset over HTTP/1.1, a stream error over HTTP/2.
func truncatedResponse(err error) bool {
	var de *DecodeError
	if errors.As(err, &de) && de.cutShort {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae) && ae.truncated && ae.StatusCode >= 500
}

// unanswered reports an attempt that got no response at all: the
// connection closed (a bare EOF), was reset, or its HTTP/2 stream was
// cancelled before the status line. The standard retryer recognizes only
// some of these by their message; the official SDK retries every send
// error, and so does the client for operations it may repeat. (The
// http.Client returns each such failure as a *url.Error; the other
// RequestErrors — building or signing the request — are not retried.)
func unanswered(err error) bool {
	var re *RequestError
	if !errors.As(err, &re) {
		return false
	}
	_, ok := re.Err.(*url.Error)
	return ok
}

// unprocessed reports whether a failure proves the service did not act on
// the request, so that repeating a non-idempotent operation is safe:
// the connection was refused, the call was throttled, or the service
// answered 503 without a body.
func unprocessed(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.StatusCode == 429 || errors.Is(ae, ErrThrottled) {
			return true
		}
		return ae.StatusCode == 503 && ae.emptyBody
	}
	return false
}

// learnSkew detects a clock-skew rejection and records the offset between
// the server's clock (its Date header) and ours. It reports whether the
// call should be re-signed and retried.
func (c *Client) learnSkew(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || ae.serverTime.IsZero() {
		return false
	}
	switch ae.Code {
	case "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture":
	case "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure":
		if !strings.Contains(ae.Message, "Signature expired") && !strings.Contains(ae.Message, "Signature not yet current") {
			return false
		}
	default:
		return false
	}
	offset := ae.serverTime.Sub(c.clock())
	if offset > -time.Minute && offset < time.Minute && c.skew.Load() == 0 {
		// The Date header has one-second resolution; a small offset cannot
		// explain a five-minute window, so only learn real skew.
		return false
	}
	c.skew.Store(int64(offset))
	return true
}

// DefaultRetryer returns the retryer the client uses when none is given:
// aws/retry's standard retryer (exponential backoff with full jitter, a
// retry quota, throttling/5xx/connection errors retryable) with
// maxAttempts attempts.
func DefaultRetryer(maxAttempts int) aws.Retryer {
	return retry.NewStandard(func(so *retry.StandardOptions) { so.MaxAttempts = maxAttempts })
}
