package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

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

// TestNewRefusesCarelessOptions checks what New refuses before any client
// exists: a nil option, a User-Agent token with control characters, an
// upper-case or malformed region.
func TestNewRefusesCarelessOptions(t *testing.T) {
	base := []client.Option{client.WithCredentials(testCreds)}
	tests := map[string]struct {
		opts []client.Option
		want error
	}{
		"nil option":          {[]client.Option{client.WithRegion("us-east-1"), nil}, client.ErrNilOption},
		"user agent with CR":  {[]client.Option{client.WithRegion("us-east-1"), client.WithUserAgent("app\r\nX-Evil: 1")}, nil},
		"upper-case region":   {[]client.Option{client.WithRegion("US-EAST-1")}, api.ErrInvalidRegion},
		"malformed region":    {[]client.Option{client.WithRegion("us east 1")}, api.ErrInvalidRegion},
		"region with a slash": {[]client.Option{client.WithRegion("us-east-1/x")}, api.ErrInvalidRegion},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := client.New(t.Context(), append(base, tc.opts...)...)
			if err == nil || c != nil {
				t.Fatalf("got %v, %v; want an error", c, err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			if c, err := client.NewFromConfig(aws.Config{Region: "us-east-1", Credentials: testCreds}, tc.opts...); err == nil || c != nil {
				t.Errorf("NewFromConfig: got %v, %v; want an error", c, err)
			}
		})
	}
}
