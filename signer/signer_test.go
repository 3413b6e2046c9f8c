package signer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/mqrest/mqrest/signer"
)

// TestSignKnownAnswers checks whole Authorization headers against the AWS
// test suite's get-vanilla and against values computed independently (a plain
// Python SigV4 implementation that also reproduces capture.md).
func TestSignKnownAnswers(t *testing.T) {
	tests := map[string]struct {
		method, url string
		headers     map[string][]string
		body        string
		keyID       string
		token       string
		region      string
		service     string
		at          time.Time
		want        string
		wantQuery   string // RawQuery after signing
	}{
		"get-vanilla": {
			method: "GET", url: "https://example.amazonaws.com/",
			keyID: exampleKeyID, region: "us-east-1", service: "service",
			at:   time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC),
			want: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
		},
		"session token": {
			method: "GET", url: "https://mq.us-east-1.amazonaws.com/v1/brokers",
			keyID: "ASIAEXAMPLE", token: "AQoDYXdzEJr//////////wEa+token==", region: "us-east-1", at: captureTime,
			want: "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261126/us-east-1/mq/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=ed434792be3bc9f3a17da68ee38d58214250964e84e1250b940188f4efd790d4",
		},
		"escaped path": {
			method: "GET", url: "https://mq.eu-west-1.amazonaws.com/v1/brokers/b-1/users/a%20b%2Fc%3Ad%25e%C3%A9",
			keyID: exampleKeyID, region: "eu-west-1", at: captureTime,
			want: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/eu-west-1/mq/aws4_request, SignedHeaders=host;x-amz-date, Signature=d2f75d1ddf9751abf8b4773fc1756e84bbba56137a422d9cba6c150281c2b885",
		},
		"repeated query keys": {
			method: "DELETE", url: "https://mq.us-east-1.amazonaws.com/v1/tags/arn%3Aaws%3Amq%3Aus-east-1%3A123456789012%3Abroker%3Ab%3Ab-1?tagKeys=z&tagKeys=a%20b&tagKeys=a&tagKeys=a+c&maxResults=5",
			keyID: exampleKeyID, region: "us-east-1", at: captureTime,
			want:      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/mq/aws4_request, SignedHeaders=host;x-amz-date, Signature=f488c959e07f87e66aef5fe27b1659fe66057f9aa3efc79fcc6bdeb9b8b8fb70",
			wantQuery: "maxResults=5&tagKeys=a&tagKeys=a%20b&tagKeys=a%20c&tagKeys=z",
		},
		"header spaces and values": {
			method: "POST", url: "https://mq.us-east-1.amazonaws.com/v1/brokers",
			headers: map[string][]string{
				"Content-Type": {"application/json"},
				"X-Custom":     {"  a   b  c ", "second  value"},
				"User-Agent":   {"not signed"},
			},
			body:  "{}",
			keyID: exampleKeyID, region: "us-east-1", at: captureTime,
			want: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/mq/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-custom, Signature=d5235e3a7b5a9f8ad4d71b51954e0105c5da3ab87b3a4026e542c271b611dccd",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, tc.url, bytes.NewReader([]byte(tc.body)))
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.headers {
				req.Header[k] = v
			}
			opts := []signer.Option{signer.WithClock(fixedClock(tc.at))}
			if tc.service != "" {
				opts = append(opts, signer.WithService(tc.service))
			}
			s := signer.New(staticCreds(tc.keyID, exampleSecret, tc.token), tc.region, opts...)
			if err := s.Sign(t.Context(), req, []byte(tc.body)); err != nil {
				t.Fatal(err)
			}
			if got := req.Header.Get("Authorization"); got != tc.want {
				t.Errorf("Authorization:\n got %s\nwant %s", got, tc.want)
			}
			if got, want := req.Header.Get("X-Amz-Date"), tc.at.Format("20060102T150405Z"); got != want {
				t.Errorf("X-Amz-Date = %q, want %q", got, want)
			}
			if got := req.Header.Get("X-Amz-Security-Token"); got != tc.token {
				t.Errorf("X-Amz-Security-Token = %q, want %q", got, tc.token)
			}
			if got := req.Header.Get("X-Amz-Content-Sha256"); got != "" {
				t.Errorf("X-Amz-Content-Sha256 = %q, want none", got)
			}
			if tc.wantQuery != "" && req.URL.RawQuery != tc.wantQuery {
				t.Errorf("RawQuery = %q, want %q", req.URL.RawQuery, tc.wantQuery)
			}
		})
	}
}

// TestSignAtMatchesSign checks that SignAt with PayloadHash and the clock's
// time signs exactly as Sign does.
func TestSignAtMatchesSign(t *testing.T) {
	body := []byte(`{"brokerName":"b"}`)
	s := signer.New(staticCreds(exampleKeyID, exampleSecret, "tok"), "us-east-1", signer.WithClock(fixedClock(captureTime)))
	newReq := func() *http.Request {
		req, _ := http.NewRequest("POST", "https://mq.us-east-1.amazonaws.com/v1/brokers", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return req
	}
	r1, r2 := newReq(), newReq()
	if err := s.Sign(t.Context(), r1, body); err != nil {
		t.Fatal(err)
	}
	if err := s.SignAt(t.Context(), r2, signer.PayloadHash(body), captureTime.In(time.FixedZone("X", 3600))); err != nil {
		t.Fatal(err)
	}
	if a, b := r1.Header.Get("Authorization"), r2.Header.Get("Authorization"); a != b || a == "" {
		t.Errorf("Sign and SignAt differ:\n%s\n%s", a, b)
	}
}

// TestSignReplacesPreviousSignature checks that signing again (a retry)
// replaces X-Amz-Date and Authorization instead of adding values.
func TestSignReplacesPreviousSignature(t *testing.T) {
	now := captureTime
	s := signer.New(staticCreds(exampleKeyID, exampleSecret, ""), "us-east-1", signer.WithClock(func() time.Time { return now }))
	req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers", nil)
	if err := s.Sign(t.Context(), req, nil); err != nil {
		t.Fatal(err)
	}
	first := req.Header.Get("Authorization")
	now = now.Add(time.Second)
	if err := s.Sign(t.Context(), req, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(req.Header.Values("Authorization")); n != 1 {
		t.Errorf("%d Authorization values, want 1", n)
	}
	if got := req.Header.Values("X-Amz-Date"); len(got) != 1 || got[0] != "20261126T043217Z" {
		t.Errorf("X-Amz-Date = %q", got)
	}
	if req.Header.Get("Authorization") == first {
		t.Error("signature did not change with the time")
	}
}

func TestPayloadHash(t *testing.T) {
	tests := map[string]struct {
		body []byte
		want string
	}{
		"nil":    {nil, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		"empty":  {[]byte{}, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		"{}":     {[]byte("{}"), "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
		"groups": {[]byte(`{"groups":[]}`), "47aec4b16657492be8ea01cac39a2b54a0485f848fdc1bae4e70dd6bad83abd8"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := signer.PayloadHash(tc.body); got != tc.want {
				t.Errorf("PayloadHash = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestAnonymous(t *testing.T) {
	tests := map[string]aws.CredentialsProvider{
		"nil":                   nil,
		"AnonymousCredentials":  aws.AnonymousCredentials{},
		"*AnonymousCredentials": &aws.AnonymousCredentials{},
		"cached anonymous":      aws.NewCredentialsCache(aws.AnonymousCredentials{}),
	}
	for name, creds := range tests {
		t.Run(name, func(t *testing.T) {
			s := signer.New(creds, "us-east-1")
			req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers", nil)
			if err := s.Sign(t.Context(), req, nil); err != nil {
				t.Fatal(err)
			}
			if err := s.SignAt(t.Context(), req, signer.PayloadHash(nil), captureTime); err != nil {
				t.Fatal(err)
			}
			if len(req.Header) != 0 {
				t.Errorf("anonymous signer set headers %v", req.Header)
			}
		})
	}
}

func TestSignErrors(t *testing.T) {
	boom := errors.New("boom")
	failing := signer.New(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{}, boom
	}), "us-east-1")
	req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers", nil)
	if err := failing.Sign(t.Context(), req, nil); !errors.Is(err, boom) {
		t.Errorf("Sign with failing credentials = %v, want it to wrap %v", err, boom)
	}
	if req.Header.Get("Authorization") != "" {
		t.Error("request signed despite the error")
	}
	s := signer.New(staticCreds(exampleKeyID, exampleSecret, ""), "us-east-1")
	if err := s.Sign(t.Context(), nil, nil); err == nil {
		t.Error("Sign(nil request) succeeded")
	}
}

// TestCredentialsCached checks that New wraps a provider in a cache, and
// keeps a cache it is given.
func TestCredentialsCached(t *testing.T) {
	var calls atomic.Int32
	provider := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		calls.Add(1)
		return aws.Credentials{AccessKeyID: exampleKeyID, SecretAccessKey: exampleSecret}, nil
	})
	for name, creds := range map[string]aws.CredentialsProvider{
		"provider": provider,
		"cache":    aws.NewCredentialsCache(provider),
	} {
		t.Run(name, func(t *testing.T) {
			calls.Store(0)
			s := signer.New(creds, "us-east-1")
			for range 3 {
				req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers", nil)
				if err := s.Sign(t.Context(), req, nil); err != nil {
					t.Fatal(err)
				}
			}
			if n := calls.Load(); n != 1 {
				t.Errorf("provider called %d times, want 1", n)
			}
		})
	}
}

func TestRegionAndService(t *testing.T) {
	s := signer.New(staticCreds(exampleKeyID, exampleSecret, ""), "eu-central-1",
		signer.WithService(""), signer.WithClock(nil)) // both ignored
	if got := s.Region(); got != "eu-central-1" {
		t.Errorf("Region() = %q", got)
	}
	req, _ := http.NewRequest("GET", "https://mq.eu-central-1.amazonaws.com/v1/brokers", nil)
	if err := s.Sign(t.Context(), req, nil); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); !strings.Contains(got, "/eu-central-1/mq/aws4_request,") {
		t.Errorf("Authorization %q lacks the mq scope", got)
	}
}

// TestSignerDoesNotPrintSecrets checks every fmt verb on the Signer, its
// value and a struct holding it.
func TestSignerDoesNotPrintSecrets(t *testing.T) {
	const secret, token = "SUPERSECRETKEYVALUE", "SESSIONTOKENVALUE"
	// A provider that holds the secret in a struct value, as the SDK's
	// credentials.StaticCredentialsProvider does.
	s := signer.New(valueProvider{aws.Credentials{AccessKeyID: exampleKeyID, SecretAccessKey: secret, SessionToken: token}}, "us-east-1")
	// Fill the key cache too.
	req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers", nil)
	if err := s.Sign(t.Context(), req, nil); err != nil {
		t.Fatal(err)
	}
	holder := struct {
		S  *signer.Signer
		s  signer.Signer
		sp *signer.Signer
	}{s, *s, s}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for name, v := range map[string]any{"pointer": s, "value": *s, "holder": holder, "holder pointer": &holder} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, secret) || strings.Contains(out, token) {
				t.Errorf("%s of %s prints a secret: %s", verb, name, out)
			}
		}
	}
	if got, want := s.String(), "signer.Signer{region: us-east-1, service: mq, credentials}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := signer.New(nil, "eu-west-1").String(), "signer.Signer{region: eu-west-1, service: mq, anonymous}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// valueProvider returns the credentials it holds.
type valueProvider struct{ Value aws.Credentials }

func (p valueProvider) Retrieve(context.Context) (aws.Credentials, error) { return p.Value, nil }

// TestSignConcurrent signs from many goroutines with one Signer, across two
// days and rotating secrets, to let the race detector look at the caches.
func TestSignConcurrent(t *testing.T) {
	var secretN sync.Mutex
	n := 0
	s := signer.New(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		secretN.Lock()
		defer secretN.Unlock()
		n++
		return aws.Credentials{AccessKeyID: exampleKeyID, SecretAccessKey: fmt.Sprint("secret", n%3),
			CanExpire: true, Expires: time.Now().Add(-time.Second)}, nil // expired: fetched every time
	}), "us-east-1")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				req, _ := http.NewRequest("POST", "https://mq.us-east-1.amazonaws.com/v1/brokers", strings.NewReader("{}"))
				at := captureTime.Add(time.Duration(g*50+i) * time.Hour)
				if err := s.SignAt(context.Background(), req, signer.PayloadHash([]byte("{}")), at); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
