package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/signer"
)

// fuzzCanary stands for a secret that reaches the client in a response
// header or an unknown member of an error body; no error may show it.
const fuzzCanary = "canary-secret-6b1f0c2e9d"

// fuzzClient is a client whose requests never leave the process: rt
// answers them.
func fuzzClient(tb testing.TB, rt http.RoundTripper) *Client {
	tb.Helper()
	c, err := New(context.Background(), WithRegion("us-east-1"), WithEndpoint("https://mq.us-east-1.amazonaws.com"),
		WithCredentials(credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "token")),
		WithAccountID("123456789012"), WithHTTPClient(&http.Client{Transport: rt}), WithMaxAttempts(1))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzDecodeAPIError decodes arbitrary error responses (status,
// X-Amzn-ErrorType, Date, body) as the request path does, then classifies
// them. It checks that nothing panics, that the code is never empty and is
// sanitized as the SDKs do (the header's wins), that a message taken from a
// body that is not JSON stays short, and that a secret in another header or
// in an unknown member of a JSON body never shows in the error, however it
// is printed.
func FuzzDecodeAPIError(f *testing.F) {
	f.Add(uint16(404), "", "", []byte(`{"__type":"com.amazonaws.mq#NotFoundException","message":"nope"}`))
	f.Add(uint16(400), "BadRequestException:http://internal.amazon.com/coral/com.amazonaws.mq/", "", []byte(`{"errorAttribute":"brokerName","message":"bad"}`))
	f.Add(uint16(403), "AccessDeniedException", "", []byte(`{"message":"User: arn:aws:iam::123456789012:user/x is not authorized to perform: mq:CreateBroker on resource: * because no identity-based policy allows the mq:CreateBroker action"}`))
	f.Add(uint16(403), "InvalidSignatureException", "Thu, 26 Nov 2026 12:00:00 GMT", []byte(`{"message":"Signature expired: 20261126T114000Z is now earlier than 20261126T115500Z (20261126T120000Z - 5 min.)"}`))
	f.Add(uint16(502), "", "", []byte(`<html>bad gateway</html>`))
	f.Add(uint16(500), "#:#", "garbage", []byte(`{"code":" a#b:c ","Message":"x"}`))
	f.Add(uint16(0), "", "", []byte{})

	c := fuzzClient(f, nil)
	f.Fuzz(func(t *testing.T, status uint16, errType, date string, body []byte) {
		op := api.Operations[int(status)%len(api.Operations)]
		resp := &http.Response{StatusCode: int(status), Header: http.Header{}}
		resp.Header.Set("X-Amzn-ErrorType", errType)
		resp.Header.Set("Date", date)
		resp.Header.Set("Authorization", fuzzCanary)
		resp.Header.Set("X-Amz-Security-Token", fuzzCanary)
		resp.Header.Set("Set-Cookie", "session="+fuzzCanary)

		e := decodeAPIError(op.Name, resp, body, "req-1")
		checkAPIError(t, c, op, errType, body, e)

		// The same message and code in a JSON body that also holds a secret.
		var msg string
		if len(body) > 0 {
			msg = string(body[:len(body)/2])
		}
		withSecret, _ := json.Marshal(map[string]string{"message": msg, "code": errType, "Password": fuzzCanary})
		e = decodeAPIError(op.Name, resp, withSecret, "req-1")
		checkAPIError(t, c, op, errType, withSecret, e)
		for _, v := range printed(c.classify(&call{op: op, in: op.NewInput()}, e)) {
			if strings.Contains(v, fuzzCanary) {
				t.Fatalf("the error shows a secret: %s", v)
			}
		}
	})
}

// checkAPIError checks the invariants of a decoded error response.
func checkAPIError(t *testing.T, c *Client, op *api.Operation, errType string, body []byte, e *APIError) {
	t.Helper()
	if e == nil || e.Operation != op.Name || e.RequestID != "req-1" {
		t.Fatalf("decodeAPIError = %#v", e)
	}
	if e.Code == "" || strings.Contains(e.Code, ":") || e.Code != strings.TrimSpace(e.Code) {
		t.Fatalf("code %q is not sanitized", e.Code)
	}
	if h := sanitizeCode(errType); h != "" && e.Code != h {
		t.Fatalf("code %q, want the header's %q", e.Code, h)
	}
	if e.bodyText != "" && e.Message == e.bodyText && len(e.Message) >= 512 {
		t.Fatalf("a %d-byte body that is not JSON became the message", len(e.Message))
	}
	if e.emptyBody != (len(body) == 0) {
		t.Fatalf("emptyBody = %v for %d bytes", e.emptyBody, len(body))
	}
	err := c.classify(&call{op: op, in: op.NewInput()}, e)
	var ae *APIError
	if !errors.As(err, &ae) || ae != e {
		t.Fatalf("classify lost the API error: %T %v", err, err)
	}
	switch err.(type) {
	case *APIError, *AccessDeniedError:
	default:
		t.Fatalf("classify returned a %T", err)
	}
	for _, sentinel := range []error{ErrNotFound, ErrThrottled, ErrAccessDenied, ErrConflict} {
		_ = errors.Is(err, sentinel)
	}
	for _, v := range printed(err) {
		if strings.Contains(v, fuzzCanary) {
			t.Fatalf("the error shows a response header: %s", v)
		}
	}
}

// printed is err as %v, %+v, %#v and JSON show it.
func printed(err error) []string {
	out := []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
	if b, jerr := json.Marshal(err); jerr == nil {
		out = append(out, string(b))
	}
	return out
}

// FuzzDecodeResponses answers every operation of the table with the same
// arbitrary successful response body and decodes it through the request
// path (Client.attempt). Nothing may panic, and a body that does not decode
// must end in a *DecodeError.
func FuzzDecodeResponses(f *testing.F) {
	for _, seed := range []string{
		`{}`, `null`, `[]`, `{"brokerId":"b-1","brokerArn":"arn:aws:mq:us-east-1:123456789012:broker:b:b-1"}`,
		`{"created":"not a time","users":[{"username":1}]}`, `{"brokerSummaries":[{"created":"2026-11-26T04:32:16.000Z"}],"nextToken":"t"}`,
		`{"latestRevision":{"revision":1e99}}`, `{"tags":{"a":null}}`, `{"brokerId":`, "\xff\xfe", `[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]`,
	} {
		f.Add([]byte(seed))
	}
	var body []byte // the current input; a worker runs inputs one at a time
	c := fuzzClient(f, roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"X-Amzn-Requestid": {"req-1"}},
			Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		body = data
		for _, op := range api.Operations {
			cl := &call{op: op, in: op.NewInput(), url: c.base + "/fuzz", hash: signer.PayloadHash(nil)}
			out := op.NewOutput()
			err := c.attempt(context.Background(), cl, out, 1)
			if err != nil {
				if _, ok := err.(*DecodeError); !ok {
					t.Fatalf("%s: %T %v, want a *DecodeError", op.Name, err, err)
				}
				if !op.HasOutputBody() {
					t.Fatalf("%s has no output body, yet decoding failed: %v", op.Name, err)
				}
				continue
			}
			if m, ok := out.(interface{ Meta() *api.Metadata }); ok && m.Meta().RequestID != "req-1" {
				t.Fatalf("%s: request ID %q", op.Name, m.Meta().RequestID)
			}
		}
	})
}
