package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// region returns --region, else AWS_REGION, else AWS_DEFAULT_REGION; "" when
// only a profile can tell.
func (a *app) region() string {
	for _, r := range []string{a.g.region, a.getenv("AWS_REGION"), a.getenv("AWS_DEFAULT_REGION")} {
		if r != "" {
			return r
		}
	}
	return ""
}

// endpoint returns --endpoint-url, else AWS_ENDPOINT_URL_MQ, else
// AWS_ENDPOINT_URL.
func (a *app) endpoint() string {
	for _, e := range []string{a.g.endpointURL, a.getenv("AWS_ENDPOINT_URL_MQ"), a.getenv("AWS_ENDPOINT_URL")} {
		if e != "" {
			return e
		}
	}
	return ""
}

// envCredentials returns static credentials from AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN), or nil. An explicit
// --profile wins over them, as in the AWS CLI.
func (a *app) envCredentials() aws.CredentialsProvider {
	id, secret := a.getenv("AWS_ACCESS_KEY_ID"), a.getenv("AWS_SECRET_ACCESS_KEY")
	if a.g.profile != "" || id == "" || secret == "" {
		return nil
	}
	creds := aws.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: a.getenv("AWS_SESSION_TOKEN"), Source: "environment"}
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return creds, nil })
}

// maxAttempts returns --max-attempts, else AWS_MAX_ATTEMPTS, else 0 (the
// client's default of 3).
func (a *app) maxAttempts() (int, error) {
	if a.g.maxAttempts > 0 {
		return a.g.maxAttempts, nil
	}
	if s := a.getenv("AWS_MAX_ATTEMPTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return 0, usageErrorf("AWS_MAX_ATTEMPTS: %q is not a positive number", s)
		}
		return n, nil
	}
	return 0, nil
}

// newClient builds the client. With a region and credentials from the
// flags and the environment, nothing is loaded and no network lookup can
// happen; otherwise the shared AWS config (and --profile) fills the gaps
// through aws-sdk-go-v2/config.
func (a *app) newClient(ctx context.Context) (*client.Client, error) {
	if a.g.noVerifySSL {
		fmt.Fprintln(a.stderr, "mqctl: warning: --no-verify-ssl: the endpoint's TLS certificate is not verified")
	}
	hc, err := a.httpClient(a.caBundle())
	if err != nil {
		return nil, err
	}
	opts := []client.Option{client.WithHTTPClient(hc), client.WithUserAgent("mqctl/" + version)}
	if ep := a.endpoint(); ep != "" {
		opts = append(opts, client.WithEndpoint(ep))
	}
	n, err := a.maxAttempts()
	if err != nil {
		return nil, err
	}
	if n > 0 {
		opts = append(opts, client.WithMaxAttempts(n))
	}
	if a.g.debug {
		h := slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
		opts = append(opts, client.WithLogger(slog.New(h)))
	}
	region := a.region()
	creds := a.envCredentials()
	if a.g.noSignRequest {
		creds = &aws.AnonymousCredentials{}
	}
	if creds != nil && region != "" {
		a.debugf("region %s, credentials from the environment, endpoint %s", region, orDefault(a.endpoint(), "default"))
		c, err := client.New(ctx, append(opts, client.WithRegion(region), client.WithCredentials(creds))...)
		return clientOrUsage(region, c, err)
	}
	var lo []func(*config.LoadOptions) error
	if a.g.profile != "" {
		lo = append(lo, config.WithSharedConfigProfile(a.g.profile))
	}
	if region != "" {
		lo = append(lo, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, lo...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if creds != nil {
		cfg.Credentials = creds
	}
	if b := profileCABundle(cfg); b.path != "" && a.caBundle().path == "" {
		hc, err := a.httpClient(b)
		if err != nil {
			return nil, err
		}
		opts = append(opts, client.WithHTTPClient(hc))
	}
	a.debugf("region %s from the AWS configuration, endpoint %s", cfg.Region, orDefault(a.endpoint(), "default"))
	c, err := client.NewFromConfig(cfg, opts...)
	return clientOrUsage(cfg.Region, c, err)
}

// clientOrUsage turns a missing or invalid region into a usage error that
// says how to give one.
func clientOrUsage(region string, c *client.Client, err error) (*client.Client, error) {
	if err == nil || !errors.Is(err, api.ErrInvalidRegion) {
		return c, err
	}
	if region == "" {
		return nil, usageErrorf("no region: give --region, or set AWS_REGION or a profile's region")
	}
	return nil, usageErrorf("invalid region %q: give --region, or set AWS_REGION or a profile's region", region)
}

// caBundle is a CA bundle file and where it was given, for messages.
type caBundle struct{ path, from string }

// caBundle returns --ca-bundle, else AWS_CA_BUNDLE; a zero caBundle when
// neither is set.
func (a *app) caBundle() caBundle {
	if a.g.caBundle != "" {
		return caBundle{a.g.caBundle, "--ca-bundle"}
	}
	if v := a.getenv("AWS_CA_BUNDLE"); v != "" {
		return caBundle{v, "AWS_CA_BUNDLE"}
	}
	return caBundle{}
}

// profileCABundle returns the ca_bundle of the profile cfg was loaded from.
func profileCABundle(cfg aws.Config) caBundle {
	for _, src := range cfg.ConfigSources {
		if sc, ok := src.(config.SharedConfig); ok && sc.CustomCABundle != "" {
			return caBundle{sc.CustomCABundle, "ca_bundle of profile " + sc.Profile}
		}
	}
	return caBundle{}
}

// httpClient returns the HTTP client with the --cli-connect-timeout and
// --cli-read-timeout limits and the TLS settings of bundle and
// --no-verify-ssl, traced when --debug is on.
func (a *app) httpClient(bundle caBundle) (*http.Client, error) {
	connect := time.Duration(a.g.connectTimeout) * time.Second
	read := time.Duration(a.g.readTimeout) * time.Second
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          10,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   connect,
		ResponseHeaderTimeout: read,
		ExpectContinueTimeout: time.Second,
	}
	tc, err := a.tlsConfig(bundle)
	if err != nil {
		return nil, err
	}
	t.TLSClientConfig = tc
	var rt http.RoundTripper = t
	if a.g.debug {
		rt = &debugTransport{next: t, w: a.stderr}
	}
	return &http.Client{Transport: rt}, nil
}

// tlsConfig returns the TLS settings bundle and --no-verify-ssl ask for,
// or nil for the defaults. The bundle is parsed only when a request can use
// TLS (parsing a system-sized bundle takes milliseconds, and AWS_CA_BUNDLE
// is often set for every tool): not for an http:// endpoint without a
// proxy.
func (a *app) tlsConfig(bundle caBundle) (*tls.Config, error) {
	if bundle.path != "" && !a.mayUseTLS() {
		if _, err := os.Stat(bundle.path); err != nil {
			return nil, usageErrorf("%s: cannot read the CA bundle: %v", bundle.from, pathError(err))
		}
		bundle = caBundle{}
	}
	if bundle.path == "" && !a.g.noVerifySSL {
		return nil, nil
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: a.g.noVerifySSL}
	if bundle.path != "" {
		pem, err := os.ReadFile(bundle.path)
		if err != nil {
			return nil, usageErrorf("%s: cannot read the CA bundle: %v", bundle.from, pathError(err))
		}
		tc.RootCAs = x509.NewCertPool()
		if !tc.RootCAs.AppendCertsFromPEM(pem) {
			return nil, usageErrorf("%s: %s holds no PEM certificate", bundle.from, bundle.path)
		}
	}
	return tc, nil
}

// mayUseTLS reports whether requests can go over TLS: to the default
// (https) endpoint, an https:// one, or through a proxy.
func (a *app) mayUseTLS() bool {
	u, err := url.Parse(a.endpoint())
	if err != nil || u.Scheme != "http" {
		return true
	}
	for _, v := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"} {
		if a.getenv(v) != "" {
			return true
		}
	}
	return false
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
