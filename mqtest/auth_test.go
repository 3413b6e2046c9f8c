package mqtest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/mqrest/mqrest/mqtest"
	"github.com/mqrest/mqrest/signer"
)

func TestAuthenticationFailures(t *testing.T) {
	temp := mqtest.Principal{ARN: "arn:aws:sts::123456789012:assumed-role/R/s", AccessKeyID: "ASIATEMP",
		SecretAccessKey: "temp-secret", SessionToken: "token-1", Expiration: t0.Add(time.Hour),
		IdentityPolicies: []json.RawMessage{allow("*", "mq:*")}}
	srv := newServer(t, mqtest.WithPrincipals(mqtest.DefaultPrincipal(), temp))
	const invalidToken = "The security token included in the request is invalid."
	const badSig = "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

	tests := map[string]struct {
		client   func() *tclient
		code     string
		msg      string
		contains bool
	}{
		"missing authorization": {
			client: func() *tclient {
				c := admin(t, srv)
				c.mutate = func(r *http.Request) { r.Header.Del("Authorization") }
				return c
			},
			code: "MissingAuthenticationTokenException", msg: "Missing Authentication Token",
		},
		"malformed authorization": {
			client: func() *tclient {
				c := admin(t, srv)
				c.mutate = func(r *http.Request) { r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE") }
				return c
			},
			code: "IncompleteSignatureException",
		},
		"unknown access key": {
			client: func() *tclient {
				return client(t, srv, mqtest.Principal{AccessKeyID: "AKIANOBODY", SecretAccessKey: "x"})
			},
			code: "UnrecognizedClientException", msg: invalidToken,
		},
		"session token mismatch": {
			client: func() *tclient {
				p := temp
				p.SessionToken = "token-2"
				return client(t, srv, p)
			},
			code: "UnrecognizedClientException", msg: invalidToken,
		},
		"session token missing": {
			client: func() *tclient {
				p := temp
				p.SessionToken = ""
				return client(t, srv, p)
			},
			code: "UnrecognizedClientException", msg: invalidToken,
		},
		"wrong secret": {
			client: func() *tclient {
				p := mqtest.DefaultPrincipal()
				p.SecretAccessKey = "wrong"
				return client(t, srv, p)
			},
			code: "InvalidSignatureException", msg: badSig,
		},
		"request changed after signing": {
			client: func() *tclient {
				c := admin(t, srv)
				c.mutate = func(r *http.Request) { r.URL.Path = "/v1/configurations"; r.URL.RawPath = "" }
				return c
			},
			code: "InvalidSignatureException", msg: badSig,
		},
		"clock skew": {
			client: func() *tclient {
				c := admin(t, srv)
				c.signer = signer.New(creds(mqtest.DefaultPrincipal()), "us-east-1",
					signer.WithClock(func() time.Time { return t0.Add(-10 * time.Minute) }))
				return c
			},
			code: "InvalidSignatureException",
			msg:  "Signature expired: 20261126T042216Z is now earlier than 20261126T042716Z (20261126T043216Z - 5 min.)",
		},
		"wrong region": {
			client: func() *tclient {
				c := admin(t, srv)
				c.signer = signer.New(creds(mqtest.DefaultPrincipal()), "eu-west-1", signer.WithClock(srv.Clock().Now))
				return c
			},
			code: "InvalidSignatureException", msg: "Credential should be scoped to a valid region, not 'eu-west-1'.",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := tc.client().send("GET", "/v1/brokers", nil)
			_, msg := r.errBody()
			if r.Status != 403 || r.code() != tc.code || tc.msg != "" && msg != tc.msg {
				t.Fatalf("got %d %s %q; want 403 %s %q", r.Status, r.code(), msg, tc.code, tc.msg)
			}
			if attr, _ := r.errBody(); attr != "" {
				t.Fatalf("errorAttribute = %q, want none", attr)
			}
		})
	}

	t.Run("valid session then expired", func(t *testing.T) {
		c := client(t, srv, temp)
		c.must(200, "GET", "/v1/brokers", nil)
		srv.Clock().Advance(time.Hour)
		r := c.send("GET", "/v1/brokers", nil)
		_, msg := r.errBody()
		if r.Status != 403 || r.code() != "ExpiredTokenException" || msg != "The security token included in the request is expired" {
			t.Fatalf("got %d %s %q", r.Status, r.code(), msg)
		}
	})

	t.Run("authentication before validation", func(t *testing.T) {
		c := client(t, srv, mqtest.Principal{AccessKeyID: "AKIANOBODY", SecretAccessKey: "x"})
		r := c.send("POST", "/v1/brokers", map[string]any{})
		if r.code() != "UnrecognizedClientException" {
			t.Fatalf("got %s, want UnrecognizedClientException", r.code())
		}
	})
}
