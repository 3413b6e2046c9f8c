package mqtest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/smithy-go"

	"github.com/mqrest/mqrest/mqtest"
)

func TestClearFaults(t *testing.T) {
	srv := newServer(t)
	c := admin(t, srv)
	srv.FailNext("", 5, mqtest.Fault{Kind: mqtest.Fault503})
	srv.SetFaultRate(1, mqtest.Fault{Kind: mqtest.FaultThrottle})
	if r := c.send("GET", "/v1/brokers", nil); r.Status != 503 {
		t.Fatalf("with rules: got %d, want 503", r.Status)
	}
	srv.ClearFaults()
	for range 3 {
		c.must(200, "GET", "/v1/brokers", nil)
	}
	// Rules added afterwards apply again.
	srv.FailNext("ListBrokers", 1, mqtest.Fault{Kind: mqtest.Fault500})
	if r := c.send("GET", "/v1/brokers", nil); r.Status != 500 {
		t.Fatalf("after ClearFaults, a new rule: got %d, want 500", r.Status)
	}
	c.must(200, "GET", "/v1/brokers", nil)
}

// throttled is what aws/retry sees of a 429.
type throttled struct{}

func (throttled) Error() string                 { return "ThrottlingException: Rate exceeded" }
func (throttled) ErrorCode() string             { return "ThrottlingException" }
func (throttled) ErrorMessage() string          { return "Rate exceeded" }
func (throttled) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

func TestNoBackoffRetryer(t *testing.T) {
	r := mqtest.NoBackoffRetryer(4)
	if n := r.MaxAttempts(); n != 4 {
		t.Fatalf("MaxAttempts = %d, want 4", n)
	}
	if n := mqtest.NoBackoffRetryer(0).MaxAttempts(); n != 1 {
		t.Fatalf("MaxAttempts of NoBackoffRetryer(0) = %d, want 1", n)
	}
	var err error = throttled{}
	if !r.IsErrorRetryable(err) {
		t.Fatal("a throttling error is not retryable")
	}
	if r.IsErrorRetryable(errors.New("mqrest: invalid input")) {
		t.Fatal("a plain error is retryable")
	}
	// No quota: far more retries than the standard bucket (500 / 5 per
	// retry) allows, none of them delayed.
	for i := range 1000 {
		if _, err := r.GetRetryToken(t.Context(), err); err != nil {
			t.Fatalf("retry token %d: %v", i, err)
		}
		if d, err := r.RetryDelay(i%3+1, err); err != nil || d != time.Duration(0) {
			t.Fatalf("RetryDelay = %v, %v; want 0", d, err)
		}
	}
}
