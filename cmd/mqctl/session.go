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

// endpoint returns --endpoint-url, "" without it. The endpoint the
// environment and the shared config set (AWS_ENDPOINT_URL_MQ, a profile's
// services section, AWS_ENDPOINT_URL, endpoint_url) is resolved by the
// client, as aws-sdk-go-v2 resolves it (client.ConfiguredEndpoint);
// --endpoint-url wins over all of them.
func (a *app) endpoint() string { return a.g.endpointURL }

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

// checkRetrySettings makes a bad AWS_MAX_ATTEMPTS or max_attempts a
// configuration error, and a bad AWS_RETRY_MODE or retry_mode the AWS
// CLI's error for it. The values themselves are read by the client;
// --max-attempts wins over them.
func (a *app) checkRetrySettings() error {
	if a.g.maxAttempts == 0 {
		for _, src := range []struct{ name, value string }{{"AWS_MAX_ATTEMPTS", a.getenv("AWS_MAX_ATTEMPTS")}, {"max_attempts", a.configString("max_attempts")}} {
			if src.value == "" {
				continue
			}
			if n, err := strconv.Atoi(src.value); err != nil || n < 1 {
				return &configError{msg: fmt.Sprintf("mqctl: %s: %q is not a positive number", src.name, src.value), code: exitConfig}
			}
			break
		}
	}
	mode := a.getenv("AWS_RETRY_MODE")
	if mode == "" {
		mode = a.configString("retry_mode")
	}
	switch mode {
	case "", "standard", "adaptive":
		return nil
	}
	return &configError{msg: fmt.Sprintf(`Invalid value provided to "mode": %q must be one of: "standard" or "adaptive"`, mode), code: exitOther}
}

// configString is the profile's value of key, "" when unset.
func (a *app) configString(key string) string {
	v, _ := a.configValue(key)
	return v
}

// newClient builds the client. With a region and credentials from the
// flags and the environment (and no --profile), no credential chain is
// set up and no network lookup can happen: the client reads only the
// environment and the shared config profile, for the endpoint and retry
// settings. Otherwise the shared AWS config (and --profile) fills the gaps
// through aws-sdk-go-v2/config. Either way the endpoint and the retry
// settings are resolved by the client, with the same precedence as
// client.New and the AWS SDK.
func (a *app) newClient(ctx context.Context) (*client.Client, error) {
	if a.g.noVerifySSL {
		fmt.Fprintln(a.stderr, "mqctl: warning: --no-verify-ssl: the endpoint's TLS certificate is not verified")
	}
	if err := a.checkRetrySettings(); err != nil {
		return nil, err
	}
	hc, transport := a.httpClient()
	opts := []client.Option{client.WithHTTPClient(hc), client.WithUserAgent("mqctl/" + version)}
	if ep := a.endpoint(); ep != "" {
		opts = append(opts, client.WithEndpoint(ep))
	}
	if a.g.maxAttempts > 0 {
		opts = append(opts, client.WithMaxAttempts(a.g.maxAttempts))
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
	bundle := a.caBundle()
	if creds != nil && region != "" && a.g.profile == "" && a.getenv("AWS_PROFILE") == "" {
		c, err := client.New(ctx, append(opts, client.WithRegion(region), client.WithCredentials(creds))...)
		if c, err = clientOrUsage(region, c, err); err != nil {
			return nil, err
		}
		a.debugf("region %s, credentials from the environment, endpoint %s", region, c.Endpoint())
		return c, a.setTLS(transport, bundle, c.Endpoint())
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
		return nil, configLoadError(err)
	}
	if creds != nil {
		cfg.Credentials = creds
	}
	if cfg.Credentials == nil {
		return nil, &configError{msg: noCredentialsText, code: exitConfig}
	}
	if !a.g.noSignRequest {
		// Resolved now, so that no credentials is a configuration error
		// (253) before anything is sent; the client's calls reuse the
		// cached result.
		if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
			return nil, &configError{msg: noCredentialsText, code: exitConfig, err: err}
		}
	}
	if bundle.path == "" {
		bundle = profileCABundle(cfg)
	}
	c, err := client.NewFromConfig(cfg, opts...)
	if c, err = clientOrUsage(cfg.Region, c, err); err != nil {
		return nil, err
	}
	a.debugf("region %s from the AWS configuration, endpoint %s", cfg.Region, c.Endpoint())
	return c, a.setTLS(transport, bundle, c.Endpoint())
}

// clientOrUsage turns a missing or invalid region into a usage error that
// says how to give one.
func clientOrUsage(region string, c *client.Client, err error) (*client.Client, error) {
	if err == nil || !errors.Is(err, api.ErrInvalidRegion) {
		return c, err
	}
	if region == "" {
		return nil, &configError{msg: noRegionText, code: exitConfig, err: err}
	}
	return nil, &configError{msg: fmt.Sprintf("Provided region_name '%s' doesn't match a supported format.", region), code: exitConfig, err: err}
}

// configLoadError words an error of the shared configuration as the AWS
// CLI does: an unknown profile is "The config profile (NAME) could not be
// found" (exit 255, as the AWS CLI v2 exits for it); any other is a
// configuration error (253).
func configLoadError(err error) error {
	var pe config.SharedConfigProfileNotExistError
	if errors.As(err, &pe) {
		return &configError{msg: fmt.Sprintf("The config profile (%s) could not be found", pe.Profile), code: exitOther, err: err}
	}
	return &configError{msg: "mqctl: loading the AWS configuration: " + err.Error(), code: exitConfig, err: err}
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
// --cli-read-timeout limits, traced when --debug is on, and its transport,
// whose TLS settings setTLS makes once the endpoint is known.
func (a *app) httpClient() (*http.Client, *http.Transport) {
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
	var rt http.RoundTripper = t
	if a.g.debug {
		rt = &debugTransport{next: t, w: a.stderr}
	}
	return &http.Client{Transport: rt}, t
}

// setTLS gives t, before its first request, the TLS settings of bundle and
// --no-verify-ssl for requests to endpoint.
func (a *app) setTLS(t *http.Transport, bundle caBundle, endpoint string) error {
	tc, err := a.tlsConfig(bundle, endpoint)
	if err != nil {
		return err
	}
	t.TLSClientConfig = tc
	return nil
}

// tlsConfig returns the TLS settings bundle and --no-verify-ssl ask for,
// or nil for the defaults. The bundle is parsed only when a request can use
// TLS (parsing a system-sized bundle takes milliseconds, and AWS_CA_BUNDLE
// is often set for every tool): not for an http:// endpoint without a
// proxy.
func (a *app) tlsConfig(bundle caBundle, endpoint string) (*tls.Config, error) {
	if bundle.path != "" && !a.mayUseTLS(endpoint) {
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

// mayUseTLS reports whether requests to endpoint can go over TLS: to an
// https:// endpoint, or through a proxy.
func (a *app) mayUseTLS(endpoint string) bool {
	u, err := url.Parse(endpoint)
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
