package mqtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/mqrest/mqrest/mqtest"
	"github.com/mqrest/mqrest/signer"
)

// t0 is the fixed time the tests start at.
var t0 = time.Date(2026, 11, 26, 4, 32, 16, 0, time.UTC)

// newServer starts an emulator with a frozen clock and a seed.
func newServer(t testing.TB, opts ...mqtest.Option) *mqtest.Server {
	t.Helper()
	base := []mqtest.Option{mqtest.WithClock(mqtest.NewClock(t0)), mqtest.WithSeed(1)}
	return mqtest.NewServer(t, append(base, opts...)...)
}

// tclient sends signed requests with net/http.
type tclient struct {
	t      testing.TB
	base   string
	region string
	signer *signer.Signer
	hc     *http.Client
	// mutate, when set, changes a request after it is signed.
	mutate func(*http.Request)
}

func creds(p mqtest.Principal) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: p.AccessKeyID, SecretAccessKey: p.SecretAccessKey, SessionToken: p.SessionToken}, nil
	})
}

// client returns a client signing as p for the server's region and clock.
func client(t testing.TB, srv *mqtest.Server, p mqtest.Principal) *tclient {
	return &tclient{t: t, base: srv.URL, region: "us-east-1",
		signer: signer.New(creds(p), "us-east-1", signer.WithClock(srv.Clock().Now)),
		hc:     &http.Client{Timeout: 20 * time.Second}}
}

func admin(t testing.TB, srv *mqtest.Server) *tclient {
	return client(t, srv, mqtest.DefaultPrincipal())
}

type resp struct {
	Status int
	Header http.Header
	Body   []byte
	Err    error
}

func (r *resp) code() string { return r.Header.Get("X-Amzn-ErrorType") }

func (r *resp) errBody() (attr, msg string) {
	var e struct {
		ErrorAttribute string `json:"errorAttribute"`
		Message        string `json:"message"`
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.ErrorAttribute, e.Message
}

func (r *resp) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// send makes a signed request; body may be nil, []byte, string or a value
// to encode as JSON.
func (c *tclient) send(method, path string, body any) *resp {
	c.t.Helper()
	var b []byte
	switch v := body.(type) {
	case nil:
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			c.t.Fatal(err)
		}
	}
	var rd io.Reader
	if b != nil {
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if b != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if err := c.signer.Sign(context.Background(), req, b); err != nil {
		c.t.Fatal(err)
	}
	if c.mutate != nil {
		c.mutate(req)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return &resp{Err: err}
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return &resp{Status: res.StatusCode, Header: res.Header, Body: data, Err: err}
}

// must sends and fails the test unless the status is want.
func (c *tclient) must(want int, method, path string, body any) *resp {
	c.t.Helper()
	r := c.send(method, path, body)
	if r.Err != nil {
		c.t.Fatalf("%s %s: %v", method, path, r.Err)
	}
	if r.Status != want {
		c.t.Fatalf("%s %s: status %d, want %d; %s %s", method, path, r.Status, want, r.code(), r.Body)
	}
	return r
}

// wantError checks an error response.
func wantError(t testing.TB, r *resp, status int, code, attr, msgPart string) {
	t.Helper()
	if r.Err != nil {
		t.Fatalf("transport error: %v", r.Err)
	}
	gotAttr, msg := r.errBody()
	if r.Status != status || r.code() != code || gotAttr != attr || !strings.Contains(msg, msgPart) {
		t.Fatalf("got %d %s attr=%q msg=%q; want %d %s attr=%q msg containing %q",
			r.Status, r.code(), gotAttr, msg, status, code, attr, msgPart)
	}
}

// errorCase is a request and the error it must be answered with.
type errorCase struct {
	method, path string
	body         any
	status       int
	code, attr   string
	msg          string // a part of the message
}

// check sends the request with c and checks the error.
func (tc errorCase) check(t testing.TB, c *tclient) {
	t.Helper()
	wantError(t, c.send(tc.method, tc.path, tc.body), tc.status, tc.code, tc.attr, tc.msg)
}

// brokerBody is a valid CreateBroker body.
func brokerBody(name string) map[string]any {
	return map[string]any{
		"brokerName": name, "deploymentMode": "SINGLE_INSTANCE", "engineType": "ACTIVEMQ",
		"hostInstanceType": "mq.t3.micro", "publiclyAccessible": false,
		"users": []map[string]any{{"username": "admin", "password": "passwordpassword1"}},
	}
}

// policyDoc builds an identity policy allowing actions on resource.
func allow(resource string, actions ...string) json.RawMessage {
	b, _ := json.Marshal(map[string]any{"Version": "2012-10-17",
		"Statement": []map[string]any{{"Effect": "Allow", "Action": actions, "Resource": resource}}})
	return b
}

func deny(resource string, actions ...string) json.RawMessage {
	b, _ := json.Marshal(map[string]any{"Version": "2012-10-17",
		"Statement": []map[string]any{{"Effect": "Deny", "Action": actions, "Resource": resource}}})
	return b
}

func named(arn string, doc json.RawMessage) json.RawMessage {
	b, _ := json.Marshal(map[string]any{"arn": arn, "document": doc})
	return b
}

// alice is a principal with the given identity policies.
func alice(policies ...json.RawMessage) mqtest.Principal {
	return mqtest.Principal{ARN: "arn:aws:iam::123456789012:user/alice", AccessKeyID: "AKIAALICE",
		SecretAccessKey: "alice-secret", IdentityPolicies: policies}
}
