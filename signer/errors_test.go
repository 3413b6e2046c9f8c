package signer_test

import (
	"testing"
	"time"

	"github.com/mqrest/mqrest/signer"
)

func TestErrorCodesAndMessages(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse("20060102T150405Z", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := map[string]struct {
		err interface {
			error
			Code() string
		}
		code, message string
	}{
		"missing authentication": {
			err: signer.ErrMissingAuthentication.(interface {
				Code() string
				error
			}),
			code: "MissingAuthenticationTokenException", message: "Missing Authentication Token",
		},
		"malformed": {
			err:  &signer.MalformedAuthorizationError{Reason: "Authorization header requires 'Signature' parameter."},
			code: "IncompleteSignatureException", message: "Authorization header requires 'Signature' parameter.",
		},
		"malformed without reason": {
			err:  &signer.MalformedAuthorizationError{},
			code: "IncompleteSignatureException", message: "Incomplete signature.",
		},
		"expired": {
			err:     &signer.SignatureExpiredError{RequestTime: at("20261126T043216Z"), ServerTime: at("20261126T044500Z"), MaxSkew: 5 * time.Minute},
			code:    "InvalidSignatureException",
			message: "Signature expired: 20261126T043216Z is now earlier than 20261126T044000Z (20261126T044500Z - 5 min.)",
		},
		"not yet current": {
			err:     &signer.SignatureExpiredError{RequestTime: at("20261126T043216Z"), ServerTime: at("20261126T042000Z"), MaxSkew: 5 * time.Minute, NotYetCurrent: true},
			code:    "InvalidSignatureException",
			message: "Signature not yet current: 20261126T043216Z is still later than 20261126T042500Z (20261126T042000Z + 5 min.)",
		},
		"expired, odd skew, local times": {
			err: &signer.SignatureExpiredError{
				RequestTime: at("20261126T043216Z").In(time.FixedZone("A", 3600)),
				ServerTime:  at("20261126T044500Z").In(time.FixedZone("B", -7200)),
				MaxSkew:     90 * time.Second,
			},
			code:    "InvalidSignatureException",
			message: "Signature expired: 20261126T043216Z is now earlier than 20261126T044330Z (20261126T044500Z - 1m30s)",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.err.Code(); got != tc.code {
				t.Errorf("Code() = %q, want %q", got, tc.code)
			}
			if got := tc.err.Error(); got != tc.message {
				t.Errorf("Error():\n got %s\nwant %s", got, tc.message)
			}
		})
	}
}
