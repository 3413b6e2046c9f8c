package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/signer"
)

// Version is the mqrest version sent in the User-Agent header.
const Version = "0.1.0"

// Client calls the Amazon MQ REST API. It is immutable after construction
// and safe for concurrent use by many goroutines.
type Client struct {
	base      string // scheme://host[/prefix], no trailing slash
	host      string
	region    string
	account   string
	signer    *signer.Signer
	http      *http.Client
	retryer   aws.Retryer
	logger    *slog.Logger
	clock     func() time.Time
	maxBody   int64
	userAgent string
	skew      atomic.Int64 // learned clock offset, nanoseconds (server - local)
	recorder  *ActionRecorder
	obs       observability // tracing and metrics (observe.go)
}

const defaultMaxBody = 16 << 20

// New returns a client configured from the standard AWS sources
// (environment, shared config and credentials files, profiles, SSO, web
// identity, IMDS) through aws-sdk-go-v2/config, with opts applied on top.
// When opts give both a region and credentials, only the environment and
// the shared config profile are read, for the endpoint and the retry
// settings: no credential chain is set up and no network lookup can
// happen.
func New(ctx context.Context, opts ...Option) (*Client, error) {
	var o options
	if err := apply(&o, opts); err != nil {
		return nil, err
	}
	if o.region != "" && o.creds != nil {
		cfg, err := loadEndpointAndRetryConfig(ctx)
		if err != nil {
			return nil, err
		}
		return build(cfg, o)
	}
	var lo []func(*config.LoadOptions) error
	if o.region != "" {
		lo = append(lo, config.WithRegion(o.region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, lo...)
	if err != nil {
		return nil, fmt.Errorf("mqrest: load AWS config: %w", err)
	}
	return build(cfg, o)
}

// NewFromConfig returns a client using the region, credentials, HTTP
// client and retry settings of cfg and the endpoint cfg and its
// configuration sources resolve to (see [ConfiguredEndpoint]), with opts
// applied on top.
func NewFromConfig(cfg aws.Config, opts ...Option) (*Client, error) {
	var o options
	if err := apply(&o, opts); err != nil {
		return nil, err
	}
	return build(cfg, o)
}

// ErrNilOption is returned by New and NewFromConfig for a nil Option.
var ErrNilOption = errors.New("mqrest: nil Option")

// apply applies opts to o in order; a nil option is an error.
func apply(o *options, opts []Option) error {
	for i, opt := range opts {
		if opt == nil {
			return fmt.Errorf("%w at position %d", ErrNilOption, i)
		}
		if err := opt(o); err != nil {
			return err
		}
	}
	return nil
}

func build(cfg aws.Config, o options) (*Client, error) {
	if o.region == "" {
		o.region = cfg.Region
	}
	if o.region == "" {
		return nil, fmt.Errorf("%w: set one with WithRegion, AWS_REGION or a profile", api.ErrInvalidRegion)
	}
	if strings.ToLower(o.region) != o.region {
		// AWS region names are lower case; an upper-case one would be
		// signed into every credential scope and refused by the service.
		return nil, fmt.Errorf("%w: %q: region names are lower case", api.ErrInvalidRegion, o.region)
	}
	if o.creds == nil {
		o.creds = cfg.Credentials
	}
	if o.endpoint == nil {
		if ep := ConfiguredEndpoint(cfg); ep != "" {
			if WithEndpoint(ep)(&o) != nil {
				return nil, fmt.Errorf("mqrest: the configured endpoint %q (AWS_ENDPOINT_URL_MQ, AWS_ENDPOINT_URL, "+
					"a profile's services section or endpoint_url, or aws.Config.BaseEndpoint) is not an http(s) URL", ep)
			}
		}
	}
	if o.endpoint != nil && (o.fips || o.dual) {
		return nil, fmt.Errorf("mqrest: FIPS and dual-stack endpoints cannot be combined with a custom endpoint")
	}
	// The region is checked with a custom endpoint too: it is part of
	// every signature's credential scope.
	ep, err := api.Endpoint(o.region, o.fips, o.dual)
	if err != nil {
		return nil, fmt.Errorf("%w: %q", err, o.region)
	}
	base := o.endpoint
	if base == nil {
		base, _ = url.Parse(ep)
	}
	c := &Client{
		base:     base.Scheme + "://" + base.Host + strings.TrimSuffix(base.EscapedPath(), "/"),
		host:     base.Host,
		region:   api.NormalizeRegion(o.region),
		account:  o.account,
		logger:   o.logger,
		clock:    o.clock,
		maxBody:  o.maxBody,
		recorder: o.recorder,
		obs:      o.obs,
	}
	if c.clock == nil {
		c.clock = time.Now
	}
	if c.maxBody == 0 {
		c.maxBody = defaultMaxBody
	}
	c.userAgent = "mqrest/" + Version
	if o.userAgent != "" {
		c.userAgent += " " + o.userAgent
	}
	if c.logger == nil {
		c.logger = slog.New(discardHandler{})
	}
	c.signer = signer.New(o.creds, c.region)
	switch {
	case o.httpClient != nil:
		c.http = o.httpClient
	default:
		if hc, ok := cfg.HTTPClient.(*http.Client); ok && hc != nil {
			c.http = hc
		} else {
			c.http = &http.Client{Transport: defaultTransport()}
		}
	}
	c.retryer = resolveRetryer(cfg, o)
	return c, nil
}

// Region returns the AWS Region the client signs for.
func (c *Client) Region() string { return c.region }

// Endpoint returns the base URL requests are sent to.
func (c *Client) Endpoint() string { return c.base }

// String describes the client without any secret.
func (c *Client) String() string {
	return "mqrest.Client{region: " + c.region + ", endpoint: " + c.base + "}"
}

// GoString is String, so that %#v prints no secret either.
func (c *Client) GoString() string { return c.String() }

// defaultTransport is tuned for many calls to one host: connections are
// reused, and no phase of a request can hang forever.
func defaultTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
	}
}

type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (d discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return d }
func (d discardHandler) WithGroup(string) slog.Handler           { return d }
