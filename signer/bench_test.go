package signer_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/mqrest/mqrest/signer"
)

// benchBody is a 600-byte request body.
var benchBody = bytes.Repeat([]byte("x"), 600)

// benchRequest returns a CreateBroker-shaped request with a 600-byte body
// and the headers the client sets.
func benchRequest(b *testing.B) (*http.Request, []byte) {
	body := benchBody
	req, err := http.NewRequest("POST", "https://mq.us-east-1.amazonaws.com/v1/brokers", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "mqrest/0.1")
	req.Header.Set("Amz-Sdk-Invocation-Id", "ea67fe2d-a0a0-4111-a9a6-03bc97f869e8")
	req.Header.Set("Amz-Sdk-Request", "attempt=1; max=3")
	return req, body
}

// BenchmarkSign compares Signer.Sign with what the SDK does per attempt:
// retrieve cached credentials, hash the body, v4.Signer.SignHTTP. Both sign
// POST /v1/brokers with a 600-byte body and a session token.
func BenchmarkSign(b *testing.B) {
	ctx := context.Background()
	creds := aws.NewCredentialsCache(staticCreds(exampleKeyID, exampleSecret, "tok"))

	b.Run("mqrest", func(b *testing.B) {
		s := signer.New(creds, "us-east-1", signer.WithClock(fixedClock(captureTime)))
		req, body := benchRequest(b)
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Sign(ctx, req, body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("v4signer", func(b *testing.B) {
		s := v4.NewSigner()
		req, body := benchRequest(b)
		b.ReportAllocs()
		for b.Loop() {
			if err := sdkSign(ctx, s, creds, req, body); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A new request per attempt, as the client does; both include the
	// allocations of building the request.
	b.Run("mqrest-new-request", func(b *testing.B) {
		s := signer.New(creds, "us-east-1", signer.WithClock(fixedClock(captureTime)))
		b.ReportAllocs()
		for b.Loop() {
			req, body := benchRequest(b)
			if err := s.Sign(ctx, req, body); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("v4signer-new-request", func(b *testing.B) {
		s := v4.NewSigner()
		b.ReportAllocs()
		for b.Loop() {
			req, body := benchRequest(b)
			if err := sdkSign(ctx, s, creds, req, body); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// sdkSign does what the SDK does per attempt: retrieve cached credentials,
// hash the body, SignHTTP.
func sdkSign(ctx context.Context, s *v4.Signer, creds aws.CredentialsProvider, req *http.Request, body []byte) error {
	c, err := creds.Retrieve(ctx)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	return s.SignHTTP(ctx, c, req, hex.EncodeToString(sum[:]), "mq", "us-east-1", captureTime)
}

// BenchmarkVerify measures the server side on the same request.
func BenchmarkVerify(b *testing.B) {
	s := signer.New(staticCreds(exampleKeyID, exampleSecret, "tok"), "us-east-1", signer.WithClock(fixedClock(captureTime)))
	req, body := benchRequest(b)
	if err := s.Sign(context.Background(), req, body); err != nil {
		b.Fatal(err)
	}
	lookup := func(string) (signer.Secret, bool) {
		return signer.Secret{SecretAccessKey: exampleSecret, SessionToken: "tok"}, true
	}
	clock := signer.WithVerifyClock(fixedClock(captureTime))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := signer.Verify(req, body, lookup, clock); err != nil {
			b.Fatal(err)
		}
	}
}
