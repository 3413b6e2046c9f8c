package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

func TestRetryDecisions(t *testing.T) {
	e500 := reply(500, map[string]string{"X-Amzn-ErrorType": "InternalServerErrorException"}, `{"message":"boom"}`)
	e503empty := reply(503, nil, ``)
	e503body := reply(503, nil, `{"message":"unavailable"}`)
	e429 := reply(429, map[string]string{"X-Amzn-ErrorType": "ThrottlingException"}, `{"message":"Rate exceeded"}`)
	e400 := reply(400, map[string]string{"X-Amzn-ErrorType": "BadRequestException"}, `{"message":"no"}`)
	ok := reply(200, nil, `{}`)
	hangup := closeUnanswered
	cut := reply(200, map[string]string{"Content-Length": "40"}, `{"brokerId":`)
	tests := map[string]struct {
		call     func(*client.Client) error
		answers  []func(http.ResponseWriter, *http.Request)
		requests int
		wantErr  bool
	}{
		"safe op retried on 500":         {describe, seq(e500, e500, ok), 3, false},
		"safe op gives up after 3":       {describe, seq(e500), 3, true},
		"never on 400":                   {describe, seq(e400, ok), 1, true},
		"throttling retried":             {describe, seq(e429, ok), 2, false},
		"unsafe op not retried on 500":   {reboot, seq(e500, ok), 1, true},
		"unsafe op retried on 429":       {reboot, seq(e429, ok), 2, false},
		"unsafe op retried on empty 503": {reboot, seq(e503empty, ok), 2, false},
		"unsafe op not on 503 with body": {reboot, seq(e503body, ok), 1, true},
		"safe op retried on hang-up":     {describe, seq(hangup, ok), 2, false},
		"safe POST retried on hang-up":   {create, seq(hangup, ok), 2, false},
		"safe PUT retried on hang-up":    {update, seq(hangup, ok), 2, false},
		"unsafe op not on hang-up":       {reboot, seq(hangup, ok), 1, true},
		"safe op retried on cut body":    {describe, seq(cut, ok), 2, false},
		"unsafe op not on cut body":      {reboot, seq(cut, ok), 1, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, f := newFake(t, nil, tc.answers...)
			err := tc.call(c)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			if n := len(f.got()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}

func seq(a ...func(http.ResponseWriter, *http.Request)) []func(http.ResponseWriter, *http.Request) {
	return a
}

func describe(c *client.Client) error {
	_, err := c.DescribeBroker(context.Background(), &api.DescribeBrokerInput{BrokerID: "b-1"})
	return err
}

func create(c *client.Client) error {
	_, err := c.CreateBroker(context.Background(), &api.CreateBrokerInput{BrokerName: "b", DeploymentMode: api.DeploymentModeSingleInstance,
		EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro", PubliclyAccessible: new(bool),
		Users: []api.User{{Username: "admin", Password: "fixture-Passw0rd"}}})
	return err
}

func update(c *client.Client) error {
	_, err := c.UpdateBroker(context.Background(), &api.UpdateBrokerInput{BrokerID: "b-1", HostInstanceType: "mq.m5.large"})
	return err
}

// closeUnanswered closes the connection without a response, as a server or
// load balancer that drops a kept-alive connection does: the client reads a
// bare EOF.
func closeUnanswered(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	_ = conn.Close()
}

// TestRetryCutShortOverHTTP2: over HTTP/2 (what the default transport
// negotiates with TLS endpoints), a response cut short ends in a stream
// error rather than an unexpected EOF; a safe operation is repeated all
// the same.
func TestRetryCutShortOverHTTP2(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) > 1 {
			_, _ = io.WriteString(w, `{"brokerId":"b-1"}`)
			return
		}
		w.Header().Set("Content-Length", "18")
		_, _ = io.WriteString(w, `{"brokerId"`)
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	defer srv.Close()
	c, err := client.New(t.Context(), client.WithRegion("us-east-1"), client.WithCredentials(testCreds),
		client.WithEndpoint(srv.URL), client.WithRetryer(fastRetryer(3)), client.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
	if err != nil || out.BrokerID != "b-1" || n.Load() != 2 {
		t.Fatalf("err %v, %d requests; want success on the second", err, n.Load())
	}
}

func reboot(c *client.Client) error {
	_, err := c.RebootBroker(context.Background(), &api.RebootBrokerInput{BrokerID: "b-1"})
	return err
}

func TestRetryReSignsAndKeepsIdempotencyToken(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(2 * time.Second); return now }
	c, f := newFake(t, []client.Option{client.WithClock(clock)},
		reply(500, nil, ``), reply(200, nil, `{"brokerId":"b-1"}`))
	in := &api.CreateBrokerInput{BrokerName: "b", DeploymentMode: api.DeploymentModeSingleInstance,
		EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro", PubliclyAccessible: new(bool)}
	out, err := c.CreateBroker(t.Context(), in)
	if err != nil || out.BrokerID != "b-1" {
		t.Fatalf("%v %+v", err, out)
	}
	if in.CreatorRequestID != "" {
		t.Error("the caller's input was modified")
	}
	got := f.got()
	if len(got) != 2 {
		t.Fatalf("%d requests", len(got))
	}
	if string(got[0].Body) != string(got[1].Body) {
		t.Errorf("bodies differ across retries:\n%s\n%s", got[0].Body, got[1].Body)
	}
	if got[0].Header.Get("X-Amz-Date") == got[1].Header.Get("X-Amz-Date") ||
		got[0].Header.Get("Authorization") == got[1].Header.Get("Authorization") {
		t.Error("retry was not signed again")
	}
	// A second logical call gets a new token.
	_, _ = c.CreateBroker(t.Context(), in)
	if third := f.got()[2]; string(third.Body) == string(got[0].Body) {
		t.Error("two logical calls shared an idempotency token")
	}
}

func TestContextStopsRetries(t *testing.T) {
	c, f := newFake(t, []client.Option{client.WithRetryer(client.DefaultRetryer(5))}, reply(500, nil, ``))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := func() error { _, err := c.DescribeBroker(ctx, &api.DescribeBrokerInput{BrokerID: "b"}); return err }()
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err %v after %v", err, time.Since(start))
	}
	if n := len(f.got()); n >= 5 {
		t.Errorf("%d attempts despite the deadline", n)
	}
}

func TestClockSkewCorrected(t *testing.T) {
	server := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	local := server.Add(-20 * time.Minute)
	expired := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", server.Format(http.TimeFormat))
		if r.Header.Get("X-Amz-Date") != server.Format("20060102T150405Z") {
			w.Header().Set("X-Amzn-ErrorType", "InvalidSignatureException")
			w.WriteHeader(403)
			_, _ = w.Write([]byte(`{"message":"Signature expired: 20261126T114000Z is now earlier than 20261126T115500Z (20261126T120000Z - 5 min.)"}`))
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}
	c, f := newFake(t, []client.Option{client.WithClock(func() time.Time { return local }), client.WithMaxAttempts(1)}, expired)
	if err := describe(c); err != nil {
		t.Fatalf("first call: %v", err)
	}
	if err := describe(c); err != nil {
		t.Fatalf("second call: %v", err)
	}
	if n := len(f.got()); n != 3 {
		t.Errorf("%d requests, want 3 (rejected, re-signed, then right first time)", n)
	}
}
