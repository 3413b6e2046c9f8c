package client

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Option configures a Client at construction. Options that get a bad value
// make New fail; nothing can be changed afterwards.
type Option func(*options) error

type options struct {
	region      string
	creds       aws.CredentialsProvider
	endpoint    *url.URL
	fips, dual  bool
	httpClient  *http.Client
	maxAttempts int
	retryer     aws.Retryer
	logger      *slog.Logger
	clock       func() time.Time
	account     string
	recorder    *ActionRecorder
	maxBody     int64
	userAgent   string
	obs         observability // tracing and metrics (observe.go)
}

// WithRegion sets the AWS Region, e.g. "eu-west-1".
func WithRegion(region string) Option {
	return func(o *options) error {
		if region == "" {
			return errors.New("mqrest: WithRegion: empty region")
		}
		o.region = region
		return nil
	}
}

// WithCredentials sets the credentials provider. It is wrapped in an
// aws.CredentialsCache unless it already is one.
func WithCredentials(p aws.CredentialsProvider) Option {
	return func(o *options) error {
		if p == nil {
			return errors.New("mqrest: WithCredentials: nil provider")
		}
		o.creds = p
		return nil
	}
}

// WithEndpoint overrides the endpoint URL (an emulator, a proxy, a VPC
// endpoint). Requests go to this base URL, which may carry a path prefix.
func WithEndpoint(rawURL string) Option {
	return func(o *options) error {
		u, err := url.Parse(rawURL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return fmt.Errorf("mqrest: WithEndpoint: %q is not an http(s) URL", rawURL)
		}
		o.endpoint = u
		return nil
	}
}

// WithFIPS selects the FIPS endpoint (mq-fips.{region}...).
func WithFIPS() Option { return func(o *options) error { o.fips = true; return nil } }

// WithDualStack selects the dual-stack (IPv4 and IPv6) endpoint.
func WithDualStack() Option { return func(o *options) error { o.dual = true; return nil } }

// WithHTTPClient sets the HTTP client requests are sent with.
func WithHTTPClient(c *http.Client) Option {
	return func(o *options) error {
		if c == nil {
			return errors.New("mqrest: WithHTTPClient: nil client")
		}
		o.httpClient = c
		return nil
	}
}

// WithMaxAttempts sets how many times a call is attempted in all (1 turns
// retries off). The default is 3, as in AWS's standard retry mode.
func WithMaxAttempts(n int) Option {
	return func(o *options) error {
		if n < 1 {
			return fmt.Errorf("mqrest: WithMaxAttempts: %d < 1", n)
		}
		o.maxAttempts = n
		return nil
	}
}

// WithRetryer sets the retryer deciding whether and when to retry, e.g.
// one built with aws/retry. By default the client uses aws/retry's standard
// retryer (exponential backoff with full jitter and a retry quota).
func WithRetryer(r aws.Retryer) Option {
	return func(o *options) error {
		if r == nil {
			return errors.New("mqrest: WithRetryer: nil retryer")
		}
		o.retryer = r
		return nil
	}
}

// WithLogger sets the logger. The client logs each attempt at debug level
// (operation, method, path, status, request ID, duration) and never logs
// credentials, Authorization headers, bodies or passwords.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) error {
		if l == nil {
			return errors.New("mqrest: WithLogger: nil logger")
		}
		o.logger = l
		return nil
	}
}

// WithClock sets the clock used for signing, e.g. in tests.
func WithClock(now func() time.Time) Option {
	return func(o *options) error {
		if now == nil {
			return errors.New("mqrest: WithClock: nil clock")
		}
		o.clock = now
		return nil
	}
}

// WithAccountID tells the client the caller's AWS account ID, used to build
// exact resource ARNs when an access-denied error names none.
func WithAccountID(id string) Option {
	return func(o *options) error { o.account = id; return nil }
}

// WithMaxResponseBytes caps how much of a response body the client reads
// (default 16 MiB); a larger body fails the call with ErrResponseTooLarge.
func WithMaxResponseBytes(n int64) Option {
	return func(o *options) error {
		if n < 1024 {
			return fmt.Errorf("mqrest: WithMaxResponseBytes: %d is too small", n)
		}
		o.maxBody = n
		return nil
	}
}

// WithUserAgent appends a product token to the User-Agent header.
func WithUserAgent(token string) Option {
	return func(o *options) error {
		for _, r := range token {
			if r < 0x20 || r == 0x7f {
				return fmt.Errorf("mqrest: WithUserAgent: the token holds a control character (%U); a header value cannot", r)
			}
		}
		o.userAgent = token
		return nil
	}
}
