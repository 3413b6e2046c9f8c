package mqtest_test

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/mqtest"
)

func TestFaultsInsteadOfProcessing(t *testing.T) {
	tests := map[string]struct {
		fault  mqtest.Fault
		status int
		code   string
		msg    string
	}{
		"500":      {fault: mqtest.Fault{Kind: mqtest.Fault500}, status: 500, code: "InternalServerErrorException"},
		"503":      {fault: mqtest.Fault{Kind: mqtest.Fault503}, status: 503, code: "ServiceUnavailableException"},
		"throttle": {fault: mqtest.Fault{Kind: mqtest.FaultThrottle}, status: 429, code: "ThrottlingException", msg: "Rate exceeded"},
		"reset":    {fault: mqtest.Fault{Kind: mqtest.FaultReset}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t)
			c := admin(t, srv)
			srv.FailNext("CreateBroker", 1, tc.fault)
			r := c.send("POST", "/v1/brokers", brokerBody("b1"))
			if tc.status == 0 {
				if r.Err == nil {
					t.Fatalf("reset: got status %d, want a transport error", r.Status)
				}
			} else {
				_, msg := r.errBody()
				if r.Status != tc.status || r.code() != tc.code || tc.msg != "" && msg != tc.msg || r.Header.Get("X-Amzn-RequestId") == "" {
					t.Fatalf("got %d %s %q", r.Status, r.code(), msg)
				}
			}
			if n := srv.BrokerCount(); n != 0 {
				t.Fatalf("a fault answered instead of processing created %d brokers", n)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || reqs[0].Status != tc.status || reqs[0].Operation != "CreateBroker" {
				t.Fatalf("Requests = %+v", reqs)
			}
			// The rule is used up: the retry succeeds.
			c.must(200, "POST", "/v1/brokers", brokerBody("b1"))
		})
	}
}

func TestFaultsAfterProcessing(t *testing.T) {
	for _, kind := range []mqtest.FaultKind{mqtest.FaultTruncate, mqtest.FaultResetAfter} {
		t.Run(kind.String(), func(t *testing.T) {
			srv := newServer(t)
			c := admin(t, srv)
			srv.FailNext("", 1, mqtest.Fault{Kind: kind})
			body := brokerBody("b1")
			body["creatorRequestId"] = "token-1"
			r := c.send("POST", "/v1/brokers", body)
			if kind == mqtest.FaultTruncate {
				if r.Status != 200 || !errors.Is(r.Err, io.ErrUnexpectedEOF) {
					t.Fatalf("truncate: status %d err %v, want 200 and unexpected EOF", r.Status, r.Err)
				}
			} else if r.Err == nil {
				t.Fatalf("reset after: status %d, want a transport error", r.Status)
			}
			if n := srv.BrokerCount(); n != 1 {
				t.Fatalf("BrokerCount = %d: the request must have been processed", n)
			}
			// The retry with the same token gets the same broker.
			var out api.CreateBrokerOutput
			c.must(200, "POST", "/v1/brokers", body).decode(t, &out)
			if srv.BrokerCount() != 1 || srv.Brokers()[0].BrokerID != out.BrokerID {
				t.Fatalf("retry created a duplicate: %d brokers", srv.BrokerCount())
			}
		})
	}
}

func TestFaultLatency(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.FaultLatency, Latency: 50 * time.Millisecond})
	start := time.Now()
	c.must(200, "GET", "/v1/brokers", nil)
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Fatalf("latency fault took %v", d)
	}
	// Other operations are not affected by an operation's rule.
	srv.FailNext("DescribeBroker", 1, mqtest.Fault{Kind: mqtest.Fault500})
	c.must(200, "GET", "/v1/brokers", nil)
}

func TestFaultLatencyAbortedByClose(t *testing.T) {
	srv := mqtest.NewUnstartedServer(nil)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	srv.FailNext("", 1, mqtest.Fault{Kind: mqtest.FaultLatency, Latency: time.Hour})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if resp, err := http.Get(srv.URL + "/v1/brokers"); err == nil {
			resp.Body.Close()
		}
	}()
	time.Sleep(50 * time.Millisecond) // let the request reach the fault
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not abort a latency fault")
	}
	<-done
}

func TestFaultRateDeterministic(t *testing.T) {
	run := func() []int {
		srv := newServer(t, mqtest.WithSeed(42))
		srv.SetFaultRate(0.5, mqtest.Fault{Kind: mqtest.Fault500}, mqtest.Fault{Kind: mqtest.FaultThrottle})
		c := admin(t, srv)
		var statuses []int
		for range 20 {
			statuses = append(statuses, c.send("GET", "/v1/brokers", nil).Status)
		}
		return statuses
	}
	a, b := run(), run()
	seen := map[int]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("runs differ: %v vs %v", a, b)
		}
		seen[a[i]] = true
	}
	if !seen[200] || !seen[500] || !seen[429] {
		t.Fatalf("statuses %v: want a mix of 200, 500 and 429", a)
	}
	srv := newServer(t)
	srv.SetFaultRate(0)
	admin(t, srv).must(200, "GET", "/v1/brokers", nil)
}

func TestFaultTruncateNoContent(t *testing.T) {
	srv := newServer(t, mqtest.WithBrokerCreateDelay(0))
	c := admin(t, srv)
	var cb api.CreateBrokerOutput
	c.must(200, "POST", "/v1/brokers", brokerBody("b1")).decode(t, &cb)
	srv.FailNext("CreateTags", 1, mqtest.Fault{Kind: mqtest.FaultTruncate})
	r := c.send("POST", "/v1/tags/"+url.PathEscape(cb.BrokerARN), map[string]any{"tags": map[string]string{"k": "v"}})
	if !errors.Is(r.Err, io.ErrUnexpectedEOF) {
		t.Fatalf("status %d err %v, want unexpected EOF", r.Status, r.Err)
	}
	if tags := srv.Brokers()[0].Tags; tags["k"] != "v" {
		t.Fatalf("tags = %v: the request must have been processed", tags)
	}
	if reqs := srv.Requests(); reqs[len(reqs)-1].Status != 200 {
		t.Fatalf("recorded status %d", reqs[len(reqs)-1].Status)
	}
}
