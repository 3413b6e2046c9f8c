package signer_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mqrest/mqrest/signer"
)

const verifyToken = "session-token"

// lookupFor returns a LookupFunc that knows exampleKeyID with secret and token.
func lookupFor(secret, token string) signer.LookupFunc {
	return func(id string) (signer.Secret, bool) {
		return signer.Secret{SecretAccessKey: secret, SessionToken: token}, id == exampleKeyID
	}
}

// signedWireRequest signs an MQ-shaped request at captureTime and returns it
// as a server reads it, with its body.
func signedWireRequest(t *testing.T, token string, edit func(*http.Request)) (*http.Request, []byte) {
	t.Helper()
	body := []byte(`{"groups":["g"]}`)
	req, err := http.NewRequest("PUT", "https://mq.us-east-1.amazonaws.com/v1/brokers/b-1/users/us%20er?x=a%20b&x=1", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Amz-Sdk-Invocation-Id", "c2670dd9-51a8-40a9-85ce-49d6c1abfd56")
	req.Header.Set("Amz-Sdk-Request", "attempt=1; max=3")
	req.Header.Set("User-Agent", "mqrest/test")
	if edit != nil {
		edit(req)
	}
	s := signer.New(staticCreds(exampleKeyID, exampleSecret, token), "us-east-1", signer.WithClock(fixedClock(captureTime)))
	if err := s.Sign(t.Context(), req, body); err != nil {
		t.Fatal(err)
	}
	return toServer(t, req)
}

// toServer writes req to the wire and reads it back as a server does.
func toServer(t *testing.T, req *http.Request) (*http.Request, []byte) {
	t.Helper()
	var wire bytes.Buffer
	if err := req.Write(&wire); err != nil {
		t.Fatal(err)
	}
	srv, err := http.ReadRequest(bufio.NewReader(&wire))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(srv.Body)
	if err != nil {
		t.Fatal(err)
	}
	return srv, body
}

func TestVerifyRoundTrip(t *testing.T) {
	tests := map[string]struct {
		token string
		edit  func(*http.Request)
		want  []string // signed headers
	}{
		"session token": {
			token: verifyToken,
			want:  []string{"amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type", "host", "x-amz-date", "x-amz-security-token"},
		},
		"long-term key": {
			want: []string{"amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type", "host", "x-amz-date"},
		},
		"signed payload hash": {
			edit: func(r *http.Request) {
				r.Header.Set("X-Amz-Content-Sha256", signer.PayloadHash([]byte(`{"groups":["g"]}`)))
			},
			want: []string{"amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type", "host", "x-amz-content-sha256", "x-amz-date"},
		},
		"multi-value header": {
			edit: func(r *http.Request) { r.Header["X-Multi"] = []string{" a  b ", "c"} },
			want: []string{"amz-sdk-invocation-id", "amz-sdk-request", "content-length", "content-type", "host", "x-amz-date", "x-multi"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req, body := signedWireRequest(t, tc.token, tc.edit)
			id, err := signer.Verify(req, body, lookupFor(exampleSecret, tc.token), signer.WithVerifyClock(fixedClock(captureTime.Add(time.Minute))))
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			want := signer.Identity{AccessKeyID: exampleKeyID, Region: "us-east-1", Service: "mq", SignedHeaders: tc.want, Time: captureTime}
			if id.AccessKeyID != want.AccessKeyID || id.Region != want.Region || id.Service != want.Service ||
				!slices.Equal(id.SignedHeaders, want.SignedHeaders) || !id.Time.Equal(want.Time) {
				t.Errorf("Identity = %+v\nwant %+v", *id, want)
			}
		})
	}
}

// TestVerifyClientRequest verifies a request object as the client built it,
// before it reached the wire: host from the URL, content-length from
// req.ContentLength.
func TestVerifyClientRequest(t *testing.T) {
	body := []byte("{}")
	req, _ := http.NewRequest("POST", "http://127.0.0.1:8080/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A1%3Abroker%3Ab%3Ab-1", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	s := signer.New(staticCreds(exampleKeyID, exampleSecret, ""), "eu-west-1", signer.WithClock(fixedClock(captureTime)))
	if err := s.Sign(t.Context(), req, body); err != nil {
		t.Fatal(err)
	}
	id, err := signer.Verify(req, body, lookupFor(exampleSecret, ""), signer.WithVerifyClock(fixedClock(captureTime)))
	if err != nil {
		t.Fatal(err)
	}
	if id.Region != "eu-west-1" {
		t.Errorf("Region = %q", id.Region)
	}
}

// TestVerifyOtherSignedHeaders verifies a request that signs headers the Go
// SDK does not (user-agent, as the AWS CLI does) and leaves content-length
// and others unsigned. The signature was computed independently.
func TestVerifyOtherSignedHeaders(t *testing.T) {
	const wire = "POST /v1/brokers/b-1/users/us%20er HTTP/1.1\r\n" +
		"Host: mq.us-east-1.amazonaws.com\r\n" +
		"Accept-Encoding: identity\r\n" +
		"Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/mq/aws4_request, SignedHeaders=content-type;host;user-agent;x-amz-date, Signature=d7989eade6b30bf3a07d369ec4b5df36ad8b6430d96bc01f859e0b7cdd8e2e04\r\n" +
		"Content-Length: 31\r\n" +
		"Content-Type: application/json\r\n" +
		"User-Agent: aws-cli/2.15.0 Python/3.11.6 Linux/6.1\r\n" +
		"X-Amz-Date: 20261126T043216Z\r\n\r\n" +
		`{"password":"passwordpassword"}`
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(wire)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(req.Body)
	id, err := signer.Verify(req, body, lookupFor(exampleSecret, ""), signer.WithVerifyClock(fixedClock(captureTime)))
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if got := strings.Join(id.SignedHeaders, ";"); got != "content-type;host;user-agent;x-amz-date" {
		t.Errorf("SignedHeaders = %s", got)
	}
}

// replaceAuth returns an edit that rewrites the Authorization header.
func replaceAuth(old, new string) func(*http.Request, *[]byte) {
	return func(r *http.Request, _ *[]byte) {
		r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), old, new, 1))
	}
}

func setHeader(k, v string) func(*http.Request, *[]byte) {
	return func(r *http.Request, _ *[]byte) { r.Header.Set(k, v) }
}

func TestVerifyErrors(t *testing.T) {
	var (
		malformed *signer.MalformedAuthorizationError
		expired   *signer.SignatureExpiredError
	)
	tests := map[string]struct {
		token   string // signing session token
		edit    func(*http.Request, *[]byte)
		lookup  signer.LookupFunc
		opts    []signer.VerifyOption
		wantIs  error
		wantAs  any
		code    string
		message string // exact Error(), when set
	}{
		"missing Authorization": {
			edit:   func(r *http.Request, _ *[]byte) { r.Header.Del("Authorization") },
			wantIs: signer.ErrMissingAuthentication, code: "MissingAuthenticationTokenException",
			message: "Missing Authentication Token",
		},
		"empty Authorization": {
			edit:   setHeader("Authorization", ""),
			wantIs: signer.ErrMissingAuthentication, code: "MissingAuthenticationTokenException",
		},
		"other algorithm": {
			edit:   replaceAuth("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA1 "),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"basic auth": {
			edit:   setHeader("Authorization", "Basic dXNlcjpwYXNz"),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"no Credential": {
			edit:   replaceAuth("Credential=AKIDEXAMPLE/20261126/us-east-1/mq/aws4_request, ", ""),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"no SignedHeaders": {
			edit:   replaceAuth("SignedHeaders=", "Signedheaders="),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"no Signature": {
			edit: func(r *http.Request, _ *[]byte) {
				a := r.Header.Get("Authorization")
				r.Header.Set("Authorization", a[:strings.Index(a, ", Signature=")])
			},
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"empty Signature": {
			edit: func(r *http.Request, _ *[]byte) {
				a := r.Header.Get("Authorization")
				r.Header.Set("Authorization", a[:strings.Index(a, "Signature=")+len("Signature=")])
			},
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"short Signature": {
			edit:   func(r *http.Request, _ *[]byte) { r.Header.Set("Authorization", r.Header.Get("Authorization")[:200]) },
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"Signature not hex": {
			edit: func(r *http.Request, _ *[]byte) {
				a := r.Header.Get("Authorization")
				r.Header.Set("Authorization", a[:len(a)-1]+"g")
			},
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"duplicate component": {
			edit:   replaceAuth(", Signature=", ", SignedHeaders=host, Signature="),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"unknown component": {
			edit:   replaceAuth(", Signature=", ", Foo=bar, Signature="),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"bad scope terminator": {
			edit:   replaceAuth("/aws4_request", "/aws4_requests"),
			wantAs: &malformed, code: "IncompleteSignatureException",
			message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_requests'.",
		},
		"short scope": {
			edit:   replaceAuth("/mq/aws4_request", "/aws4_request"),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"scope date not a date": {
			edit:   replaceAuth("/20261126/", "/2026112x/"),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"scope date differs": {
			edit:   replaceAuth("/20261126/", "/20261125/"),
			wantAs: &malformed, code: "IncompleteSignatureException",
			message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261125' != '20261126', from '20261126T043216Z'.",
		},
		"host not signed": {
			edit:   replaceAuth("content-type;host;", "content-type;"),
			wantAs: &malformed, code: "IncompleteSignatureException",
			message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
		},
		"signed headers unsorted": {
			edit:   replaceAuth("amz-sdk-invocation-id;amz-sdk-request", "amz-sdk-request;amz-sdk-invocation-id"),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"signed headers upper-case": {
			edit:   replaceAuth("content-type", "Content-Type"),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"two Authorization headers": {
			edit:   func(r *http.Request, _ *[]byte) { r.Header.Add("Authorization", r.Header.Get("Authorization")) },
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"missing X-Amz-Date": {
			edit:   func(r *http.Request, _ *[]byte) { r.Header.Del("X-Amz-Date") },
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"bad X-Amz-Date": {
			edit:   setHeader("X-Amz-Date", "2026-11-26T04:32:16Z"),
			wantAs: &malformed, code: "IncompleteSignatureException",
		},
		"unknown access key": {
			lookup: func(string) (signer.Secret, bool) { return signer.Secret{}, false },
			wantIs: signer.ErrUnknownAccessKey, code: "UnrecognizedClientException",
			message: "The security token included in the request is invalid.",
		},
		"nil lookup": {
			lookup: nil,
			wantIs: signer.ErrUnknownAccessKey, code: "UnrecognizedClientException",
		},
		"wrong secret": {
			lookup: lookupFor("not the secret", ""),
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
			message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
		},
		"tampered body": {
			edit:   func(_ *http.Request, b *[]byte) { *b = []byte(`{"groups":["admin"]}`) },
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"tampered signed header": {
			edit:   setHeader("Content-Type", "text/plain"),
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"removed signed header": {
			edit:   func(r *http.Request, _ *[]byte) { r.Header.Del("Amz-Sdk-Request") },
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"tampered path": {
			edit:   func(r *http.Request, _ *[]byte) { r.URL.Path, r.URL.RawPath = "/v1/brokers/b-2/users/us er", "" },
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"path escaped differently": {
			edit:   func(r *http.Request, _ *[]byte) { r.URL.RawPath = "/v1/brokers/b-1/users/us%20%65r" },
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"tampered query": {
			edit:   func(r *http.Request, _ *[]byte) { r.URL.RawQuery = "x=a%20b&x=2" },
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"tampered method": {
			edit:   func(r *http.Request, _ *[]byte) { r.Method = "POST" },
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"tampered host": {
			edit:   func(r *http.Request, _ *[]byte) { r.Host = "mq.eu-west-1.amazonaws.com" },
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"tampered date": {
			edit:   setHeader("X-Amz-Date", "20261126T043217Z"),
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"tampered region": {
			edit:   replaceAuth("/us-east-1/", "/eu-west-1/"),
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"payload hash header differs from body": {
			edit: func(r *http.Request, _ *[]byte) {
				r.Header.Set("X-Amz-Content-Sha256", signer.PayloadHash(nil))
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), ";host;", ";host;x-amz-content-sha256;", 1))
			},
			wantIs: signer.ErrSignatureMismatch, code: "InvalidSignatureException",
		},
		"expired": {
			opts:   []signer.VerifyOption{signer.WithVerifyClock(fixedClock(time.Date(2026, 11, 26, 4, 45, 0, 0, time.UTC)))},
			wantAs: &expired, code: "InvalidSignatureException",
			message: "Signature expired: 20261126T043216Z is now earlier than 20261126T044000Z (20261126T044500Z - 5 min.)",
		},
		"not yet current": {
			opts:   []signer.VerifyOption{signer.WithVerifyClock(fixedClock(time.Date(2026, 11, 26, 4, 20, 0, 0, time.UTC)))},
			wantAs: &expired, code: "InvalidSignatureException",
			message: "Signature not yet current: 20261126T043216Z is still later than 20261126T042500Z (20261126T042000Z + 5 min.)",
		},
		"expired with a custom skew": {
			opts: []signer.VerifyOption{
				signer.WithVerifyClock(fixedClock(captureTime.Add(2 * time.Minute))),
				signer.WithMaxSkew(time.Minute),
			},
			wantAs: &expired, code: "InvalidSignatureException",
			message: "Signature expired: 20261126T043216Z is now earlier than 20261126T043316Z (20261126T043416Z - 1 min.)",
		},
		"session token missing": {
			token:  "",
			lookup: lookupFor(exampleSecret, verifyToken),
			wantIs: signer.ErrInvalidSessionToken, code: "UnrecognizedClientException",
			message: "The security token included in the request is invalid.",
		},
		"session token differs": {
			token:  "other-token",
			lookup: lookupFor(exampleSecret, verifyToken),
			wantIs: signer.ErrInvalidSessionToken, code: "UnrecognizedClientException",
		},
		"session token for a long-term key": {
			token:  verifyToken,
			lookup: lookupFor(exampleSecret, ""),
			wantIs: signer.ErrInvalidSessionToken, code: "UnrecognizedClientException",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req, body := signedWireRequest(t, tc.token, nil)
			if tc.edit != nil {
				tc.edit(req, &body)
			}
			lookup := tc.lookup
			if lookup == nil && name != "nil lookup" {
				lookup = lookupFor(exampleSecret, tc.token)
			}
			opts := append([]signer.VerifyOption{signer.WithVerifyClock(fixedClock(captureTime))}, tc.opts...)
			id, err := signer.Verify(req, body, lookup, opts...)
			if err == nil {
				t.Fatalf("Verify succeeded: %+v", id)
			}
			if id != nil {
				t.Errorf("Identity %+v returned with error", id)
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Errorf("error %v (%T), want %v", err, err, tc.wantIs)
			}
			if tc.wantAs != nil && !errors.As(err, tc.wantAs) {
				t.Errorf("error %v (%T), want %T", err, err, tc.wantAs)
			}
			var coded interface{ Code() string }
			if !errors.As(err, &coded) || coded.Code() != tc.code {
				t.Errorf("error %v has code %v, want %s", err, coded, tc.code)
			}
			if tc.message != "" && err.Error() != tc.message {
				t.Errorf("message:\n got %s\nwant %s", err.Error(), tc.message)
			}
		})
	}
}

// TestVerifySentinelsDistinct checks that sentinels sharing an AWS code are
// still told apart by errors.Is.
func TestVerifySentinelsDistinct(t *testing.T) {
	sentinels := []error{signer.ErrMissingAuthentication, signer.ErrUnknownAccessKey, signer.ErrInvalidSessionToken, signer.ErrSignatureMismatch}
	for i, a := range sentinels {
		for j, b := range sentinels {
			if got := errors.Is(a, b); got != (i == j) {
				t.Errorf("errors.Is(%v, %v) = %v", a, b, got)
			}
		}
	}
}

// TestVerifySkewBoundaries checks that exactly the allowed skew passes.
func TestVerifySkewBoundaries(t *testing.T) {
	tests := map[string]struct {
		now  time.Time
		want bool
	}{
		"5 min later":         {captureTime.Add(5 * time.Minute), true},
		"5 min 1 s later":     {captureTime.Add(5*time.Minute + time.Second), false},
		"5 min earlier":       {captureTime.Add(-5 * time.Minute), true},
		"5 min 1 s earlier":   {captureTime.Add(-5*time.Minute - time.Second), false},
		"same time elsewhere": {captureTime.In(time.FixedZone("UTC+14", 14*3600)), true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req, body := signedWireRequest(t, "", nil)
			_, err := signer.Verify(req, body, lookupFor(exampleSecret, ""), signer.WithVerifyClock(fixedClock(tc.now)))
			if ok := err == nil; ok != tc.want {
				t.Errorf("Verify = %v, want success %v", err, tc.want)
			}
		})
	}
}

// TestVerifyIgnoresUnsignedHeaders checks that headers outside SignedHeaders
// (added by a proxy or the transport) do not matter.
func TestVerifyIgnoresUnsignedHeaders(t *testing.T) {
	req, body := signedWireRequest(t, "", nil)
	req.Header.Set("User-Agent", "changed")
	req.Header.Set("X-Forwarded-For", "10.0.0.1")
	req.Header.Set("X-Amz-Content-Sha256", "not signed, so not checked")
	if _, err := signer.Verify(req, body, lookupFor(exampleSecret, ""), signer.WithVerifyClock(fixedClock(captureTime))); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyConcurrent verifies from many goroutines, with secrets that
// change the shared key cache, for the race detector.
func TestVerifyConcurrent(t *testing.T) {
	secrets := []string{exampleSecret, "second secret", "third secret"}
	type signed struct {
		req    *http.Request
		body   []byte
		secret string
	}
	var reqs []signed
	for i, secret := range secrets {
		s := signer.New(staticCreds(exampleKeyID, secret, ""), "us-east-1", signer.WithClock(fixedClock(captureTime.Add(time.Duration(i)*time.Second))))
		req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers", nil)
		if err := s.Sign(t.Context(), req, nil); err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, signed{req, nil, secret})
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				r := reqs[(g+i)%len(reqs)]
				if _, err := signer.Verify(r.req, r.body, lookupFor(r.secret, ""), signer.WithVerifyClock(fixedClock(captureTime))); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
