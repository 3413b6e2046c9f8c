package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
)

// TestNilContext checks that a nil context is an error before anything is
// sent, for a method, Invoke, DryRun and an iterator, and never a panic.
func TestNilContext(t *testing.T) {
	c, f := newFake(t, nil, reply(200, nil, `{}`))
	var nilCtx context.Context
	in := &api.DescribeBrokerInput{BrokerID: "b-1"}
	calls := map[string]func() error{
		"method": func() error { _, err := c.DescribeBroker(nilCtx, in); return err },
		"Invoke": func() error { _, err := c.Invoke(nilCtx, api.Lookup("DescribeBroker"), in); return err },
		"DryRun": func() error { _, _, err := c.DryRun(nilCtx, api.Lookup("DescribeBroker"), in); return err },
		"iterator": func() error {
			for _, err := range c.ListBrokersAll(nilCtx, nil) {
				return err
			}
			return nil
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); err == nil || !strings.Contains(strings.ToLower(err.Error()), "nil context") {
				t.Fatalf("got %v, want an error about the nil context", err)
			}
		})
	}
	if n := len(f.got()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

// TestFinalErrorCountsAttempts checks that the error of a call that was
// retried says how many attempts were made.
func TestFinalErrorCountsAttempts(t *testing.T) {
	c, f := newFake(t, nil, reply(500, map[string]string{"X-Amzn-ErrorType": "InternalServerErrorException"}, `{"message":"boom"}`))
	_, err := c.DescribeBroker(t.Context(), &api.DescribeBrokerInput{BrokerID: "b-1"})
	var ae *client.APIError
	if !errors.As(err, &ae) || ae.Attempts != 3 || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("got %v (attempts %d), want 3 attempts said", err, ae.Attempts)
	}
	if n := len(f.got()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}
