package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/mqrest/mqrest/client"
)

// failing starts a loopback server that answers every request with a
// retryable 500 and counts them.
func failing(t *testing.T) (string, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("X-Amzn-ErrorType", "InternalServerErrorException")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"message":"boom"}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &n
}

// TestRetrySettings sets the number of attempts and the retry mode the ways
// users do (environment, shared config profile, aws.Config, options) and
// counts the attempts a failing call makes.
func TestRetrySettings(t *testing.T) {
	standard2 := func() aws.Retryer { return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = 2 }) }
	tests := []struct {
		name    string
		env     map[string]string
		profile string // lines of [default]
		cfg     func(*aws.Config)
		opts    []client.Option
		want    int32
	}{
		{name: "default", want: 3},
		{name: "AWS_MAX_ATTEMPTS", env: map[string]string{"AWS_MAX_ATTEMPTS": "5"}, want: 5},
		{name: "max_attempts", profile: "max_attempts = 4\n", want: 4},
		{name: "AWS_MAX_ATTEMPTS over max_attempts", env: map[string]string{"AWS_MAX_ATTEMPTS": "2"}, profile: "max_attempts = 4\n", want: 2},
		{name: "AWS_RETRY_MODE=standard", env: map[string]string{"AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "4"}, want: 4},
		{name: "retry_mode = adaptive", profile: "retry_mode = adaptive\nmax_attempts = 4\n", want: 4},
		{name: "aws.Config RetryMaxAttempts", cfg: func(c *aws.Config) { c.RetryMaxAttempts = 6 }, want: 6},
		{name: "aws.Config RetryMode adaptive", cfg: func(c *aws.Config) { c.RetryMode = aws.RetryModeAdaptive; c.RetryMaxAttempts = 2 }, want: 2},
		{name: "aws.Config Retryer", cfg: func(c *aws.Config) { c.Retryer = standard2 }, want: 2},
		{name: "aws.Config Retryer with RetryMaxAttempts", cfg: func(c *aws.Config) { c.Retryer = standard2; c.RetryMaxAttempts = 4 }, want: 4},
		{name: "WithMaxAttempts over AWS_MAX_ATTEMPTS", env: map[string]string{"AWS_MAX_ATTEMPTS": "5"},
			opts: []client.Option{client.WithMaxAttempts(1)}, want: 1},
		{name: "WithMaxAttempts over aws.Config", cfg: func(c *aws.Config) { c.Retryer = standard2; c.RetryMaxAttempts = 4 },
			opts: []client.Option{client.WithMaxAttempts(3)}, want: 3},
		{name: "WithRetryer over AWS_MAX_ATTEMPTS", env: map[string]string{"AWS_MAX_ATTEMPTS": "5"},
			opts: []client.Option{client.WithRetryer(standard2())}, want: 2},
		{name: "WithRetryer over aws.Config", cfg: func(c *aws.Config) { c.RetryMaxAttempts = 5 },
			opts: []client.Option{client.WithRetryer(standard2())}, want: 2},
	}
	for _, tc := range tests {
		for _, via := range []string{"New", "New with region and credentials", "NewFromConfig"} {
			if tc.cfg != nil && via != "NewFromConfig" {
				continue
			}
			t.Run(tc.name+"/"+via, func(t *testing.T) {
				cleanAWSEnv(t, "[default]\n"+tc.profile)
				for k, v := range tc.env {
					t.Setenv(k, v)
				}
				url, n := failing(t)
				opts := append([]client.Option{client.WithEndpoint(url), client.WithHTTPClient(loopbackOnly(t))}, tc.opts...)
				var c *client.Client
				var err error
				switch via {
				case "New":
					t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
					t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
					c, err = client.New(t.Context(), append(opts, client.WithRegion("us-east-1"))...)
				case "New with region and credentials":
					c, err = client.New(t.Context(), append(opts, client.WithRegion("us-east-1"), client.WithCredentials(testCreds))...)
				default:
					var cfg aws.Config
					cfg, err = config.LoadDefaultConfig(t.Context(), config.WithRegion("us-east-1"), config.WithCredentialsProvider(testCreds))
					if err != nil {
						t.Fatal(err)
					}
					if tc.cfg != nil {
						tc.cfg(&cfg)
					}
					c, err = client.NewFromConfig(cfg, opts...)
				}
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.ListBrokers(t.Context(), nil)
				if !errors.Is(err, client.ErrInternalServerError) {
					t.Fatalf("err = %v", err)
				}
				if got := n.Load(); got != tc.want {
					t.Errorf("%d attempts, want %d", got, tc.want)
				}
			})
		}
	}
}

// TestRetryModeBad: an AWS_RETRY_MODE that is neither standard nor adaptive
// fails New, as it fails config.LoadDefaultConfig.
func TestRetryModeBad(t *testing.T) {
	cleanAWSEnv(t, "")
	t.Setenv("AWS_RETRY_MODE", "sometimes")
	_, err := client.New(t.Context(), client.WithRegion("us-east-1"), client.WithCredentials(testCreds))
	if err == nil || !strings.Contains(err.Error(), "sometimes") {
		t.Fatalf("err = %v", err)
	}
}

// TestAdaptiveModeRateLimits: in adaptive mode a throttled attempt makes
// the client hold the next one back (client-side rate limiting, waiting
// within the call's context), where the standard mode sends it at once.
func TestAdaptiveModeRateLimits(t *testing.T) {
	for _, mode := range []string{"standard", "adaptive"} {
		t.Run(mode, func(t *testing.T) {
			cleanAWSEnv(t, "[default]\nretry_mode = "+mode+"\n")
			t.Setenv("AWS_MAX_ATTEMPTS", "1")
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
					w.WriteHeader(http.StatusTooManyRequests)
					_, _ = w.Write([]byte(`{"message":"Rate exceeded"}`))
					return
				}
				_, _ = w.Write([]byte(`{"brokerSummaries":[]}`))
			}))
			t.Cleanup(srv.Close)
			c, err := client.New(t.Context(), client.WithRegion("us-east-1"), client.WithCredentials(testCreds),
				client.WithEndpoint(srv.URL), client.WithHTTPClient(loopbackOnly(t)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.ListBrokers(t.Context(), nil); !errors.Is(err, client.ErrThrottled) {
				t.Fatalf("first call: %v", err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 250*time.Millisecond)
			defer cancel()
			_, err = c.ListBrokers(ctx, nil)
			switch mode {
			case "standard":
				if err != nil || n.Load() != 2 {
					t.Errorf("second call: %v after %d requests, want it sent at once", err, n.Load())
				}
			case "adaptive":
				if !errors.Is(err, context.DeadlineExceeded) || n.Load() != 1 {
					t.Errorf("second call: %v after %d requests, want it held back until the deadline", err, n.Load())
				}
			}
		})
	}
}

// countingRetryer is a RetryerV2 recording its attempt tokens and the
// outcomes they are released with.
type countingRetryer struct {
	aws.Retryer
	mu       sync.Mutex
	outcomes []string
}

func (r *countingRetryer) GetAttemptToken(context.Context) (func(error) error, error) {
	return func(err error) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		s := "ok"
		if err != nil {
			s = "failed"
			if retry.DefaultThrottles[0].IsErrorThrottle(err).Bool() {
				s = "throttled"
			}
		}
		r.outcomes = append(r.outcomes, s)
		return nil
	}, nil
}

func (r *countingRetryer) RetryDelay(int, error) (time.Duration, error) { return 0, nil }

// TestRetryerV2AttemptTokens: a retryer with attempt tokens (aws.RetryerV2)
// gets one per attempt, released with what the attempt met, as in the
// SDK's retry middleware.
func TestRetryerV2AttemptTokens(t *testing.T) {
	r := &countingRetryer{Retryer: client.DefaultRetryer(3)}
	c, _ := newFake(t, []client.Option{client.WithRetryer(r)},
		reply(429, map[string]string{"X-Amzn-ErrorType": "TooManyRequestsException"}, `{"message":"slow down"}`),
		reply(500, nil, `{"message":"boom"}`),
		reply(200, nil, `{"brokerSummaries":[]}`))
	if _, err := c.ListBrokers(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.outcomes, " "); got != "throttled failed ok" {
		t.Errorf("attempt tokens released with %q", got)
	}
}

// TestLocalErrorsAreNotRetried: failures of this side that a retry cannot
// fix — a header value net/http refuses to send, a response header larger
// than the transport accepts — end the call after one attempt.
func TestLocalErrorsAreNotRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("X-Big", strings.Repeat("x", 4096))
		_, _ = w.Write([]byte(`{"brokerSummaries":[]}`))
	}))
	t.Cleanup(srv.Close)
	small := loopbackOnly(t)
	small.Transport.(*http.Transport).MaxResponseHeaderBytes = 1024
	// New refuses a User-Agent with a line break, so the invalid header
	// value comes from a request hook, which runs after signing.
	badHeader := client.WithRequestHook(func(r *http.Request) { r.Header["X-Bad"] = []string{"bad\nvalue"} })
	tests := map[string]struct {
		opts     []client.Option
		callOpts []client.CallOption
		requests int32
	}{
		"invalid header value":  {[]client.Option{client.WithHTTPClient(loopbackOnly(t))}, []client.CallOption{badHeader}, 0},
		"response header large": {[]client.Option{client.WithHTTPClient(small)}, nil, 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			opts := append([]client.Option{client.WithRegion("us-east-1"), client.WithCredentials(testCreds),
				client.WithEndpoint(srv.URL), client.WithRetryer(fastRetryer(3))}, tc.opts...)
			c, err := client.New(t.Context(), opts...)
			if err != nil {
				t.Fatal(err)
			}
			for _, callOpts := range [][]client.CallOption{tc.callOpts, append([]client.CallOption{client.WithCallRetryer(fastRetryer(3))}, tc.callOpts...)} {
				n.Store(0)
				_, err = c.ListBrokers(t.Context(), nil, callOpts...)
				var re *client.RequestError
				if !errors.As(err, &re) {
					t.Fatalf("err = %v, want a *RequestError", err)
				}
				if re.Attempts != 1 || n.Load() != tc.requests {
					t.Errorf("%d call options: %d attempts, %d requests at the server, want 1 and %d: %v",
						len(callOpts), re.Attempts, n.Load(), tc.requests, err)
				}
			}
		})
	}
}
