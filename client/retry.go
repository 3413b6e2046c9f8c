package client

import (
	"context"
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
// classification (throttling, 5xx, connection errors); the retryer is the
// client's, or the call's own (WithCallRetryer, WithCallMaxAttempts).
func shouldRetry(r aws.Retryer, op *api.Operation, err error) bool {
	if localError(err) {
		return false
	}
	if !r.IsErrorRetryable(err) && !truncatedResponse(err) && !unanswered(err) {
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
	if !errors.As(err, &re) || localError(err) {
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

// AdaptiveRetryer returns aws/retry's adaptive retryer with maxAttempts
// attempts: the standard retryer plus client-side rate limiting, which
// slows attempts down (waiting within the call's context) after throttling
// responses. The client uses it when the retry mode is "adaptive"
// (aws.Config.RetryMode, AWS_RETRY_MODE, a profile's retry_mode).
func AdaptiveRetryer(maxAttempts int) aws.Retryer {
	return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
		ao.StandardOptions = append(ao.StandardOptions, func(so *retry.StandardOptions) { so.MaxAttempts = maxAttempts })
	})
}

// resolveRetryer picks the retryer as aws-sdk-go-v2's service clients do,
// explicit options first: WithRetryer (with WithMaxAttempts on top); else
// cfg.Retryer, with WithMaxAttempts or cfg.RetryMaxAttempts on top; else
// one built for cfg.RetryMode (standard unless "adaptive") with
// WithMaxAttempts, else cfg.RetryMaxAttempts, else 3 attempts.
// config.LoadDefaultConfig sets RetryMaxAttempts from AWS_MAX_ATTEMPTS or
// a profile's max_attempts, and RetryMode from AWS_RETRY_MODE or
// retry_mode. The operation's retry rule applies on top of any of them.
func resolveRetryer(cfg aws.Config, o options) aws.Retryer {
	if o.retryer != nil {
		if o.maxAttempts > 0 {
			return retry.AddWithMaxAttempts(o.retryer, o.maxAttempts)
		}
		return o.retryer
	}
	n := o.maxAttempts
	if n == 0 {
		n = cfg.RetryMaxAttempts
	}
	if cfg.Retryer != nil {
		if r := cfg.Retryer(); r != nil {
			if n > 0 {
				r = retry.AddWithMaxAttempts(r, n)
			}
			return r
		}
	}
	if n <= 0 {
		n = 3
	}
	if cfg.RetryMode == aws.RetryModeAdaptive {
		return AdaptiveRetryer(n)
	}
	return DefaultRetryer(n)
}

// attemptToken takes the retryer's token for one attempt as the SDK's
// retry middleware does: GetAttemptToken of an aws.RetryerV2, which may
// wait within ctx (the adaptive mode's client-side rate limiting) and whose
// release learns the attempt's outcome (how the adaptive mode sees
// throttling); GetInitialToken of a retryer that is no RetryerV2.
func attemptToken(ctx context.Context, r aws.Retryer) (func(error) error, error) {
	if v2, ok := r.(aws.RetryerV2); ok {
		return v2.GetAttemptToken(ctx)
	}
	return r.GetInitialToken(), nil
}

// localError reports a failure of this side that no retry can fix: a
// request the HTTP client refuses to send (an invalid header value or
// name, an unsupported scheme) or a response whose header is larger than
// the transport accepts.
func localError(err error) bool {
	var re *RequestError
	if !errors.As(err, &re) {
		return false
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	msg := re.Err.Error()
	for _, s := range localErrorTexts {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// localErrorTexts are net/http's messages for the failures localError
// names; net/http has no error values for them.
var localErrorTexts = []string{
	"invalid header field value",
	"invalid header field name",
	"invalid trailer field",
	"server response headers exceeded",
	"unsupported protocol scheme",
	"invalid method",
	"net/http: nil Request.URL",
}
