package client

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"

	"github.com/mqrest/mqrest/api"
)

// CallOption changes one call, as the official SDK's optFns do: every
// operation method, iterator (each page's call), [Client.Invoke] and
// [Client.DryRun] take them after the input.
//
//	out, err := c.DescribeBroker(ctx, in, client.WithCallMaxAttempts(5))
//
// Options apply in order; a later one overrides an earlier one of the same
// kind, except WithRequestHook, whose hooks all run. A nil option, or one
// with a bad value, fails the call with a *[CallOptionError] before
// anything is sent.
type CallOption func(*callOptions) error

// callOptions is what the options of one call set.
type callOptions struct {
	maxAttempts int
	retryer     aws.Retryer
	logger      *slog.Logger
	hooks       []func(*http.Request)
	tracer      tracing.TracerProvider
	meter       metrics.MeterProvider
	meters      int // how many times meter was set
}

// CallOptionError is the error of a call given a nil call option or one
// with a bad value. Nothing was sent.
type CallOptionError struct {
	// Operation is the operation called.
	Operation string
	// Index is the option's position among the call's options.
	Index int
	// Err says what is wrong with it.
	Err error
}

// Error describes the bad option.
func (e *CallOptionError) Error() string {
	return fmt.Sprintf("mqrest: %s: call option %d: %v", e.Operation, e.Index, e.Err)
}

// Unwrap returns Err.
func (e *CallOptionError) Unwrap() error { return e.Err }

// ErrNilCallOption is the Err of a *[CallOptionError] for a nil option.
var ErrNilCallOption = errors.New("nil option")

// WithCallMaxAttempts sets how many times this call is attempted in all (1:
// no retries). The retryer stays the client's (or WithCallRetryer's), so
// the call still shares the client's retry quota.
func WithCallMaxAttempts(n int) CallOption {
	return func(o *callOptions) error {
		if n < 1 {
			return fmt.Errorf("WithCallMaxAttempts: %d < 1", n)
		}
		o.maxAttempts = n
		return nil
	}
}

// WithCallRetryer sets the retryer deciding whether and when this call is
// retried, in place of the client's. The operation's retry rule still
// applies on top of it: operations that are not safe to repeat are retried
// only when the service did not process the request.
func WithCallRetryer(r aws.Retryer) CallOption {
	return func(o *callOptions) error {
		if r == nil {
			return errors.New("WithCallRetryer: nil retryer")
		}
		o.retryer = r
		return nil
	}
}

// WithCallLogger sets the logger of this call, in place of the client's
// (see [WithLogger]).
func WithCallLogger(l *slog.Logger) CallOption {
	return func(o *callOptions) error {
		if l == nil {
			return errors.New("WithCallLogger: nil logger")
		}
		o.logger = l
		return nil
	}
}

// WithRequestHook makes fn see the HTTP request of each attempt of this
// call once it is signed, just before it is sent (and the request
// [Client.DryRun] returns). fn may read the request or add a header that
// is not signed; changing what the signature covers (the URL, signed
// headers, the body) makes the service reject it. fn runs on the calling
// goroutine.
func WithRequestHook(fn func(*http.Request)) CallOption {
	return func(o *callOptions) error {
		if fn == nil {
			return errors.New("WithRequestHook: nil hook")
		}
		o.hooks = append(o.hooks, fn)
		return nil
	}
}

// WithCallTracerProvider traces this call through tp, in place of the
// client's provider (see [WithTracerProvider]).
func WithCallTracerProvider(tp tracing.TracerProvider) CallOption {
	return func(o *callOptions) error {
		if tp == nil {
			return errors.New("WithCallTracerProvider: nil provider")
		}
		o.tracer = tp
		return nil
	}
}

// WithCallMeterProvider measures this call through mp, in place of the
// client's provider (see [WithMeterProvider]). Its instruments are created
// for the call: set a provider used for every call on the client instead.
func WithCallMeterProvider(mp metrics.MeterProvider) CallOption {
	return func(o *callOptions) error {
		if mp == nil {
			return errors.New("WithCallMeterProvider: nil provider")
		}
		o.meter = mp
		o.meters++
		return nil
	}
}

// callConfig is how one call runs: the client's settings with its call
// options applied.
type callConfig struct {
	retryer aws.Retryer
	logger  *slog.Logger
	hooks   []func(*http.Request)
	obs     *observability
}

// configure returns how a call of op with opts runs. Without options it
// only copies the client's settings: it allocates nothing.
func (c *Client) configure(op *api.Operation, opts []CallOption) (callConfig, error) {
	cfg := callConfig{retryer: c.retryer, logger: c.logger, obs: &c.obs}
	if len(opts) == 0 {
		return cfg, nil
	}
	var o callOptions
	meterAt := 0
	for i, opt := range opts {
		if opt == nil {
			return cfg, &CallOptionError{Operation: op.Name, Index: i, Err: ErrNilCallOption}
		}
		n := o.meters
		if err := opt(&o); err != nil {
			return cfg, &CallOptionError{Operation: op.Name, Index: i, Err: err}
		}
		if o.meters != n {
			meterAt = i
		}
	}
	if o.retryer != nil {
		cfg.retryer = o.retryer
	}
	if o.maxAttempts > 0 {
		cfg.retryer = retry.AddWithMaxAttempts(cfg.retryer, o.maxAttempts)
	}
	if o.logger != nil {
		cfg.logger = o.logger
	}
	cfg.hooks = o.hooks
	if o.tracer != nil || o.meter != nil {
		obs := c.obs
		if o.tracer != nil {
			obs.setTracerProvider(o.tracer)
		}
		if o.meter != nil {
			if err := obs.setMeterProvider(o.meter); err != nil {
				return cfg, &CallOptionError{Operation: op.Name, Index: meterAt,
					Err: fmt.Errorf("WithCallMeterProvider: %w", err)}
			}
		}
		cfg.obs = &obs
	}
	return cfg, nil
}
