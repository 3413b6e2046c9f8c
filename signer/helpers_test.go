package signer_test

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Credentials of the AWS SigV4 test suite.
const (
	exampleKeyID  = "AKIDEXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

// captureTime is the X-Amz-Date of every request in capture.md.
var captureTime = time.Date(2026, 11, 26, 4, 32, 16, 0, time.UTC)

// staticCreds returns a provider of fixed credentials.
func staticCreds(keyID, secret, token string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret, SessionToken: token}, nil
	})
}

// fixedClock returns a clock that always reads t.
func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }
