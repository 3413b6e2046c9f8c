package signer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/mqrest/mqrest/signer"
)

func ExampleSigner_Sign() {
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
	})
	clock := func() time.Time { return time.Date(2026, 11, 26, 4, 32, 16, 0, time.UTC) }
	s := signer.New(creds, "us-east-1", signer.WithClock(clock))

	body := []byte(`{"groups":[]}`)
	req, _ := http.NewRequest("PUT", "https://mq.us-east-1.amazonaws.com/v1/brokers/b-1/users/us%20er", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if err := s.Sign(context.Background(), req, body); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Header.Get("X-Amz-Date"))
	fmt.Println(strings.ReplaceAll(req.Header.Get("Authorization"), ", ", ",\n  "))
	// Output:
	// 20261126T043216Z
	// AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/mq/aws4_request,
	//   SignedHeaders=content-length;content-type;host;x-amz-date,
	//   Signature=bb9d58e15a029bf1a9c03ddf51aa8f1ff8e435e8b386ab91f94364a750ca21dc
}

func ExampleSigner_SignAt() {
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", SessionToken: "tok"}, nil
	})
	s := signer.New(creds, "us-east-1")

	// Hash the body once; sign each attempt at a time corrected for skew.
	hash := signer.PayloadHash(nil)
	skew := -3 * time.Second
	at := time.Date(2026, 11, 26, 4, 32, 19, 0, time.UTC).Add(skew)

	req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers?maxResults=5", nil)
	if err := s.SignAt(context.Background(), req, hash, at); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Header.Get("X-Amz-Date"))
	fmt.Println(req.Header.Get("X-Amz-Security-Token"))
	// Output:
	// 20261126T043216Z
	// tok
}

func ExamplePayloadHash() {
	fmt.Println(signer.PayloadHash(nil))
	fmt.Println(signer.PayloadHash([]byte("{}")))
	// Output:
	// e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
	// 44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
}

func ExampleVerify() {
	signedAt := time.Date(2026, 11, 26, 4, 32, 16, 0, time.UTC)
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
	})
	s := signer.New(creds, "us-east-1", signer.WithClock(func() time.Time { return signedAt }))
	req, _ := http.NewRequest("GET", "https://mq.us-east-1.amazonaws.com/v1/brokers/b-1", nil)
	if err := s.Sign(context.Background(), req, nil); err != nil {
		fmt.Println(err)
		return
	}

	// The server side: look the key up and check the signature.
	lookup := func(accessKeyID string) (signer.Secret, bool) {
		if accessKeyID != "AKIDEXAMPLE" {
			return signer.Secret{}, false
		}
		return signer.Secret{SecretAccessKey: "secret"}, true
	}
	serverNow := signedAt.Add(time.Minute)
	id, err := signer.Verify(req, nil, lookup, signer.WithVerifyClock(func() time.Time { return serverNow }))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.AccessKeyID, id.Region, id.Service, id.SignedHeaders)

	// Ten minutes later the same request has expired.
	serverNow = signedAt.Add(10 * time.Minute)
	_, err = signer.Verify(req, nil, lookup, signer.WithVerifyClock(func() time.Time { return serverNow }))
	var coded interface{ Code() string }
	if errors.As(err, &coded) {
		fmt.Println(coded.Code())
	}
	fmt.Println(err)
	// Output:
	// AKIDEXAMPLE us-east-1 mq [host x-amz-date]
	// InvalidSignatureException
	// Signature expired: 20261126T043216Z is now earlier than 20261126T043716Z (20261126T044216Z - 5 min.)
}
