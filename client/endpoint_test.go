package client_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/mqtest"
)

// awsEnv lists the variables these tests set; each test starts with all of
// them unset (not only empty: AWS_ENDPOINT_URL counts when set at all).
var awsEnv = []string{
	"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_MQ", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
	"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE",
	"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
	"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CA_BUNDLE",
}

// cleanAWSEnv unsets every AWS variable for the test (t.Setenv restores
// them after) and points the shared config at a file in t.TempDir, which
// it returns, holding config; the credentials file does not exist.
func cleanAWSEnv(t *testing.T, cfgText string) string {
	t.Helper()
	for _, k := range awsEnv {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "config")
	if err := os.WriteFile(file, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", file)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return file
}

// loopbackOnly returns an HTTP client that can dial 127.0.0.1 and ::1
// only: a request meant for AWS fails on this machine.
func loopbackOnly(t *testing.T) *http.Client {
	var d net.Dialer
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("test: refusing to dial %s, not a loopback address", addr)
		}
		return d.DialContext(ctx, network, addr)
	}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// targets are loopback servers standing for the places an endpoint can
// come from; each records the requests it gets.
type targets struct {
	mu   sync.Mutex
	hits []string
	url  map[string]string
}

func newTargets(t *testing.T, names ...string) *targets {
	tg := &targets{url: map[string]string{}}
	for _, name := range names {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			tg.mu.Lock()
			tg.hits = append(tg.hits, name)
			tg.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"brokerSummaries":[]}`))
		}))
		t.Cleanup(srv.Close)
		tg.url[name] = srv.URL
	}
	return tg
}

func (tg *targets) take() []string {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	h := tg.hits
	tg.hits = nil
	return h
}

// expand replaces {name} with the URL of the target name.
func (tg *targets) expand(s string) string {
	for name, u := range tg.url {
		s = strings.ReplaceAll(s, "{"+name+"}", u)
	}
	return s
}

const awsEndpoint = "https://mq.us-east-1.amazonaws.com"

// TestEndpointPrecedence sets each endpoint setting the way a user does
// (environment variables, a shared config file, an aws.Config, an option)
// and checks, through New (with and without region and credential
// options) and NewFromConfig, where a call goes: the precedence of
// aws-sdk-go-v2's service-specific endpoints. A case that resolves to the
// AWS endpoint only checks it and sends nothing.
func TestEndpointPrecedence(t *testing.T) {
	profiles := `[default]
region = us-east-1
services = local
[profile other]
services = other
[profile plain]
endpoint_url = {profile}
[profile both]
endpoint_url = {profile}
services = local
[profile ignoring]
endpoint_url = {profile}
services = local
ignore_configured_endpoint_urls = true
[profile s3only]
services = s3only
[services local]
mq =
  endpoint_url = {services}
[services other]
mq =
  endpoint_url = {other}
[services s3only]
s3 =
  endpoint_url = {profile}
`
	tests := []struct {
		name   string
		env    map[string]string
		noSvc  bool // the default profile has no services line
		option bool // WithEndpoint({option})
		want   string
	}{
		{name: "nothing set", noSvc: true, want: "aws"},
		{name: "AWS_ENDPOINT_URL_MQ", noSvc: true, env: map[string]string{"AWS_ENDPOINT_URL_MQ": "{envmq}"}, want: "envmq"},
		{name: "AWS_ENDPOINT_URL", noSvc: true, env: map[string]string{"AWS_ENDPOINT_URL": "{env}"}, want: "env"},
		{name: "AWS_ENDPOINT_URL_MQ over AWS_ENDPOINT_URL", noSvc: true, env: map[string]string{"AWS_ENDPOINT_URL_MQ": "{envmq}", "AWS_ENDPOINT_URL": "{env}"}, want: "envmq"},
		{name: "services section", want: "services"},
		{name: "AWS_ENDPOINT_URL_MQ over services section", env: map[string]string{"AWS_ENDPOINT_URL_MQ": "{envmq}"}, want: "envmq"},
		{name: "AWS_ENDPOINT_URL over services section", env: map[string]string{"AWS_ENDPOINT_URL": "{env}"}, want: "env"},
		{name: "services section of AWS_PROFILE", env: map[string]string{"AWS_PROFILE": "other"}, want: "other"},
		{name: "profile endpoint_url", env: map[string]string{"AWS_PROFILE": "plain"}, want: "profile"},
		{name: "services section over endpoint_url", env: map[string]string{"AWS_PROFILE": "both"}, want: "services"},
		{name: "AWS_ENDPOINT_URL over endpoint_url", env: map[string]string{"AWS_PROFILE": "plain", "AWS_ENDPOINT_URL": "{env}"}, want: "env"},
		{name: "another service's section", env: map[string]string{"AWS_PROFILE": "s3only"}, want: "aws"},
		{name: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
			"AWS_PROFILE": "both", "AWS_ENDPOINT_URL_MQ": "{envmq}", "AWS_ENDPOINT_URL": "{env}"}, want: "aws"},
		{name: "ignore_configured_endpoint_urls", env: map[string]string{"AWS_PROFILE": "ignoring",
			"AWS_ENDPOINT_URL_MQ": "{envmq}", "AWS_ENDPOINT_URL": "{env}"}, want: "aws"},
		{name: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=false over the profile's true", env: map[string]string{
			"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false", "AWS_PROFILE": "ignoring"}, want: "services"},
		{name: "WithEndpoint over everything", option: true, env: map[string]string{"AWS_PROFILE": "both",
			"AWS_ENDPOINT_URL_MQ": "{envmq}", "AWS_ENDPOINT_URL": "{env}"}, want: "option"},
	}
	constructors := map[string]func(t *testing.T, opts []client.Option) (*client.Client, error){
		"New with region and credentials": func(t *testing.T, opts []client.Option) (*client.Client, error) {
			return client.New(t.Context(), append(opts, client.WithRegion("us-east-1"), client.WithCredentials(testCreds))...)
		},
		"New": func(t *testing.T, opts []client.Option) (*client.Client, error) {
			t.Setenv("AWS_ACCESS_KEY_ID", mqtest.DefaultAccessKeyID)
			t.Setenv("AWS_SECRET_ACCESS_KEY", mqtest.DefaultSecretAccessKey)
			return client.New(t.Context(), append(opts, client.WithRegion("us-east-1"))...)
		},
		"NewFromConfig": func(t *testing.T, opts []client.Option) (*client.Client, error) {
			cfg, err := config.LoadDefaultConfig(t.Context(), config.WithRegion("us-east-1"), config.WithCredentialsProvider(testCreds))
			if err != nil {
				return nil, err
			}
			return client.NewFromConfig(cfg, opts...)
		},
	}
	tg := newTargets(t, "envmq", "env", "services", "other", "profile", "option")
	for _, tc := range tests {
		for cname, construct := range constructors {
			t.Run(tc.name+"/"+cname, func(t *testing.T) {
				text := profiles
				if tc.noSvc {
					text = strings.Replace(text, "services = local\n[profile other]", "[profile other]", 1)
				}
				cleanAWSEnv(t, tg.expand(text))
				for k, v := range tc.env {
					t.Setenv(k, tg.expand(v))
				}
				opts := []client.Option{client.WithHTTPClient(loopbackOnly(t)), client.WithMaxAttempts(1)}
				if tc.option {
					opts = append(opts, client.WithEndpoint(tg.url["option"]))
				}
				c, err := construct(t, opts)
				if err != nil {
					t.Fatal(err)
				}
				tg.take()
				if tc.want == "aws" {
					if c.Endpoint() != awsEndpoint {
						t.Fatalf("endpoint %s, want %s", c.Endpoint(), awsEndpoint)
					}
					return // not sent
				}
				if c.Endpoint() != tg.url[tc.want] {
					t.Errorf("endpoint %s, want %s (%s)", c.Endpoint(), tg.url[tc.want], tc.want)
				}
				if _, err := c.ListBrokers(t.Context(), nil); err != nil {
					t.Fatal(err)
				}
				if got := tg.take(); len(got) != 1 || got[0] != tc.want {
					t.Errorf("the call went to %v, want [%s]", got, tc.want)
				}
			})
		}
	}
}

// TestEndpointOfConfigInCode: the BaseEndpoint of an aws.Config counts,
// below the environment's AWS_ENDPOINT_URL_MQ and the profile's services
// section when the config was loaded with config.LoadDefaultConfig (as in
// the SDK); an aws.Config built by hand carries no configuration sources,
// so only its BaseEndpoint counts.
func TestEndpointOfConfigInCode(t *testing.T) {
	tg := newTargets(t, "envmq", "services", "base")
	tests := []struct {
		name   string
		loaded bool
		env    map[string]string
		svc    bool
		want   string
	}{
		{name: "hand-built", want: "base"},
		{name: "hand-built ignores AWS_ENDPOINT_URL_MQ", env: map[string]string{"AWS_ENDPOINT_URL_MQ": "{envmq}"}, want: "base"},
		{name: "loaded", loaded: true, want: "base"},
		{name: "loaded, AWS_ENDPOINT_URL_MQ", loaded: true, env: map[string]string{"AWS_ENDPOINT_URL_MQ": "{envmq}"}, want: "envmq"},
		{name: "loaded, services section", loaded: true, svc: true, want: "services"},
		{name: "loaded, ignoring configured endpoints", loaded: true, svc: true,
			env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL_MQ": "{envmq}"}, want: "base"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := "[default]\nregion = us-east-1\n"
			if tc.svc {
				text += "services = local\n[services local]\nmq =\n  endpoint_url = {services}\n"
			}
			cleanAWSEnv(t, tg.expand(text))
			for k, v := range tc.env {
				t.Setenv(k, tg.expand(v))
			}
			cfg := aws.Config{Region: "us-east-1", Credentials: testCreds}
			if tc.loaded {
				var err error
				if cfg, err = config.LoadDefaultConfig(t.Context(), config.WithCredentialsProvider(testCreds)); err != nil {
					t.Fatal(err)
				}
			}
			cfg.BaseEndpoint = aws.String(tg.url["base"])
			c, err := client.NewFromConfig(cfg, client.WithHTTPClient(loopbackOnly(t)), client.WithMaxAttempts(1))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := client.ConfiguredEndpoint(cfg), tg.url[tc.want]; got != want {
				t.Errorf("ConfiguredEndpoint = %s, want %s", got, want)
			}
			tg.take()
			if _, err := c.ListBrokers(t.Context(), nil); err != nil {
				t.Fatal(err)
			}
			if got := tg.take(); len(got) != 1 || got[0] != tc.want {
				t.Errorf("the call went to %v, want [%s]", got, tc.want)
			}
		})
	}
}

// TestEndpointFromEnvironmentReachesTheEmulator is the safety case of the
// issue: with only AWS_ENDPOINT_URL_MQ pointing at the emulator, New's
// signed calls go there, not to AWS.
func TestEndpointFromEnvironmentReachesTheEmulator(t *testing.T) {
	srv := newEmulator(t)
	cleanAWSEnv(t, "")
	t.Setenv("AWS_ENDPOINT_URL_MQ", srv.URL)
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_ACCESS_KEY_ID", mqtest.DefaultAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", mqtest.DefaultSecretAccessKey)
	c, err := client.New(t.Context(), client.WithHTTPClient(loopbackOnly(t)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListBrokers(t.Context(), nil); err != nil {
		t.Fatalf("ListBrokers on the emulator: %v", err)
	}
	if c.Endpoint() != srv.URL {
		t.Errorf("endpoint %s, want %s", c.Endpoint(), srv.URL)
	}
}

// TestEndpointBadValues: a configured endpoint that is not an http(s) URL
// fails New, naming it, instead of falling back to AWS.
func TestEndpointBadValues(t *testing.T) {
	for _, v := range []string{"ftp://x", "not a url", "http://"} {
		t.Run(v, func(t *testing.T) {
			cleanAWSEnv(t, "")
			t.Setenv("AWS_ENDPOINT_URL_MQ", v)
			_, err := client.New(t.Context(), client.WithRegion("us-east-1"), client.WithCredentials(testCreds))
			if err == nil || !strings.Contains(err.Error(), "not an http(s) URL") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}
