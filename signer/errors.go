package signer

import (
	"strconv"
	"time"
)

// AWS error codes returned by the Code method of the errors from [Verify].
const (
	codeMissingAuthentication = "MissingAuthenticationTokenException"
	codeIncompleteSignature   = "IncompleteSignatureException"
	codeUnrecognizedClient    = "UnrecognizedClientException"
	codeInvalidSignature      = "InvalidSignatureException"
)

// authError is the type of the sentinel errors of this package. Each sentinel
// is a distinct pointer, so errors.Is tells them apart even where two of them
// share an AWS code and message.
type authError struct {
	code string
	msg  string
}

// Error returns the message AWS sends with the error.
func (e *authError) Error() string { return e.msg }

// Code returns the AWS error code name.
func (e *authError) Code() string { return e.code }

// Sentinel errors returned by [Verify]. Compare with errors.Is; each also has a
// Code method returning the AWS error code, and its Error text is AWS's message.
var (
	// ErrMissingAuthentication reports a request without an Authorization
	// header. AWS answers MissingAuthenticationTokenException.
	ErrMissingAuthentication error = &authError{codeMissingAuthentication, "Missing Authentication Token"}

	// ErrUnknownAccessKey reports an access key id that the lookup function
	// does not know. AWS answers UnrecognizedClientException.
	ErrUnknownAccessKey error = &authError{codeUnrecognizedClient, "The security token included in the request is invalid."}

	// ErrInvalidSessionToken reports a request whose X-Amz-Security-Token does
	// not match the session token of its access key: missing, different, or
	// sent for a key that has none. AWS answers UnrecognizedClientException.
	ErrInvalidSessionToken error = &authError{codeUnrecognizedClient, "The security token included in the request is invalid."}

	// ErrSignatureMismatch reports a signature that differs from the one
	// recomputed from the request and the secret key, or a body that does not
	// match a signed X-Amz-Content-Sha256. AWS answers InvalidSignatureException.
	ErrSignatureMismatch error = &authError{codeInvalidSignature, "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}
)

// MalformedAuthorizationError reports an Authorization header or X-Amz-Date
// that cannot be used to check a signature: another algorithm, a missing
// Credential, SignedHeaders or Signature, a bad credential scope, an unsigned
// host, and the like. AWS answers IncompleteSignatureException.
type MalformedAuthorizationError struct {
	// Reason says what is wrong, in words close to AWS's.
	Reason string
}

// Error returns the reason.
func (e *MalformedAuthorizationError) Error() string {
	if e.Reason == "" {
		return "Incomplete signature."
	}
	return e.Reason
}

// Code returns "IncompleteSignatureException".
func (e *MalformedAuthorizationError) Code() string { return codeIncompleteSignature }

// SignatureExpiredError reports a request whose X-Amz-Date is further than the
// allowed skew from the verifier's clock, in the past (expired) or in the
// future (not yet current). AWS answers InvalidSignatureException.
type SignatureExpiredError struct {
	// RequestTime is the time in the request's X-Amz-Date.
	RequestTime time.Time
	// ServerTime is the verifier's clock when the request was checked.
	ServerTime time.Time
	// MaxSkew is the allowed difference; AWS allows 5 minutes.
	MaxSkew time.Duration
	// NotYetCurrent is true when RequestTime lies too far in the future.
	NotYetCurrent bool
}

// Error returns AWS's text, for example
// "Signature expired: 20261126T043216Z is now earlier than 20261126T044000Z (20261126T044500Z - 5 min.)".
func (e *SignatureExpiredError) Error() string {
	skew := formatSkew(e.MaxSkew)
	srv := e.ServerTime.UTC()
	req := e.RequestTime.UTC().Format(amzDateLayout)
	if e.NotYetCurrent {
		return "Signature not yet current: " + req + " is still later than " +
			srv.Add(e.MaxSkew).Format(amzDateLayout) + " (" + srv.Format(amzDateLayout) + " + " + skew + ")"
	}
	return "Signature expired: " + req + " is now earlier than " +
		srv.Add(-e.MaxSkew).Format(amzDateLayout) + " (" + srv.Format(amzDateLayout) + " - " + skew + ")"
}

// Code returns "InvalidSignatureException".
func (e *SignatureExpiredError) Code() string { return codeInvalidSignature }

// formatSkew writes d the way AWS does ("5 min."), or as a Go duration when d
// is not a whole number of minutes.
func formatSkew(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.FormatInt(int64(d/time.Minute), 10) + " min."
	}
	return d.String()
}
