package client_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/client"
	"github.com/mqrest/mqrest/signer"
)

// TestDryRun: DryRun returns the request the call would send first, signed
// with the client's credentials and clock and verifiable as such, with its
// body and a filled idempotency token; nothing is sent until the caller
// sends it, and then the server gets exactly that.
func TestDryRun(t *testing.T) {
	signedAt := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	c, f := newFake(t, []client.Option{client.WithClock(func() time.Time { return signedAt })},
		reply(200, nil, `{"brokerId":"b-1"}`))
	op := api.Lookup("CreateBroker")
	in := &api.CreateBrokerInput{BrokerName: "b", DeploymentMode: api.DeploymentModeSingleInstance,
		EngineType: api.EngineTypeActivemq, HostInstanceType: "mq.t3.micro", PubliclyAccessible: new(bool),
		Users: []api.User{{Username: "admin", Password: "fixture-Passw0rd"}}}
	req, body, err := c.DryRun(t.Context(), op, in)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.got()); n != 0 {
		t.Fatalf("DryRun sent %d requests", n)
	}
	id, err := signer.Verify(req, body, func(key string) (signer.Secret, bool) {
		return signer.Secret{SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}, key == "AKIDEXAMPLE"
	}, signer.WithVerifyClock(func() time.Time { return signedAt }))
	if err != nil {
		t.Fatalf("the signature does not verify: %v", err)
	}
	if id.Region != "us-east-1" || id.Service != "mq" || !id.Time.Equal(signedAt) {
		t.Errorf("signed for %+v", id)
	}
	if req.Method != "POST" || req.URL.String() != c.Endpoint()+"/v1/brokers" || req.Header.Get("Content-Type") != "application/json" {
		t.Errorf("request %s %s %v", req.Method, req.URL, req.Header)
	}
	var sent struct {
		CreatorRequestID string `json:"creatorRequestId"`
	}
	if err := json.Unmarshal(body, &sent); err != nil || len(sent.CreatorRequestID) != 36 {
		t.Errorf("body %s: no idempotency token (%v)", body, err)
	}
	if in.CreatorRequestID != "" {
		t.Error("the caller's input was modified")
	}
	if b, _ := io.ReadAll(req.Body); !bytes.Equal(b, body) {
		t.Errorf("the request's body %q is not the body %q", b, body)
	}
	_, again, _ := c.DryRun(t.Context(), op, in)
	if bytes.Equal(again, body) {
		t.Error("two dry runs share an idempotency token")
	}

	// Sent later, the request is what a call sends: same signature, same
	// body; and a call with the same token sends the same request.
	req, body, _ = c.DryRun(t.Context(), op, in)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if err := json.Unmarshal(body, &sent); err != nil {
		t.Fatal(err)
	}
	withToken := *in
	withToken.CreatorRequestID = sent.CreatorRequestID
	if _, err := c.CreateBroker(t.Context(), &withToken); err != nil {
		t.Fatal(err)
	}
	got := f.got()
	if len(got) != 2 || resp.StatusCode != 200 {
		t.Fatalf("%d requests, status %d", len(got), resp.StatusCode)
	}
	for i, r := range got {
		if r.URI != "/prefix/v1/brokers" || !bytes.Equal(r.Body, body) ||
			r.Header.Get("Authorization") != req.Header.Get("Authorization") || r.Header.Get("X-Amz-Date") != "20261126T100000Z" {
			t.Errorf("request %d: %s %s %q, want the dry run's", i, r.URI, r.Header.Get("Authorization"), r.Body)
		}
	}
}

func TestDryRunFailures(t *testing.T) {
	c, f := newFake(t, nil)
	var ve *client.ValidationError
	if _, _, err := c.DryRun(t.Context(), api.Lookup("DescribeBroker"), &api.DescribeBrokerInput{}); !errors.As(err, &ve) {
		t.Errorf("missing BrokerId: %v, want a ValidationError", err)
	}
	for name, tc := range wrongInputs() {
		if req, body, err := c.DryRun(t.Context(), tc.op, tc.in); !errors.Is(err, api.ErrWrongInput) || req != nil || body != nil {
			t.Errorf("%s: got %v, %q, %v; want api.ErrWrongInput", name, req, body, err)
		}
	}
	// No input, an operation without a body.
	req, body, err := c.DryRun(t.Context(), api.Lookup("ListBrokers"), nil)
	if err != nil || body != nil || req.Method != "GET" || !strings.HasSuffix(req.URL.String(), "/prefix/v1/brokers") ||
		!strings.HasPrefix(req.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") {
		t.Errorf("ListBrokers: %v %q %v", req, body, err)
	}
	if n := len(f.got()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// Enums are open, as in the official SDK: a value this API version does
// not list passes validation and is sent as it is.
func TestUnknownEnumValueIsSent(t *testing.T) {
	c, f := newFake(t, nil)
	if _, err := c.CreateConfiguration(t.Context(), &api.CreateConfigurationInput{Name: "c", EngineType: "NEWMQ"}); err != nil {
		t.Fatal(err)
	}
	if got := f.got(); len(got) != 1 || !bytes.Contains(got[0].Body, []byte(`"engineType":"NEWMQ"`)) {
		t.Errorf("sent %q", got)
	}
}
