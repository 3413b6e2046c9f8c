package mqtest

import (
	"errors"
	"net/http"
	"time"

	"github.com/mqrest/mqrest/signer"
)

// authenticate checks the request's SigV4 signature against the principals
// and returns the caller. The principal is returned with the error too when
// the access key was known, so the request log can name it.
//
// The checks and their answers (all 403):
//   - no Authorization: MissingAuthenticationTokenException;
//   - an unusable Authorization or X-Amz-Date: IncompleteSignatureException;
//   - an unknown access key, or a session token that does not match:
//     UnrecognizedClientException;
//   - an expired session (Principal.Expiration): ExpiredTokenException;
//   - X-Amz-Date more than 5 minutes from the clock, a wrong signature, or a
//     credential scope of another region or service:
//     InvalidSignatureException.
func (h *Handler) authenticate(r *http.Request, body []byte, now time.Time) (*compiled, *apiError) {
	var found *compiled
	lookup := func(id string) (signer.Secret, bool) {
		found = h.principal(id)
		if found == nil {
			return signer.Secret{}, false
		}
		return signer.Secret{SecretAccessKey: found.p.SecretAccessKey, SessionToken: found.p.SessionToken}, true
	}
	id, err := signer.Verify(r, body, lookup, signer.WithVerifyClock(func() time.Time { return now }))
	expired := found != nil && !found.p.Expiration.IsZero() && !now.Before(found.p.Expiration)
	if expired && (err == nil || errors.Is(err, signer.ErrSignatureMismatch) || isSkew(err)) {
		return found, &apiError{Status: http.StatusForbidden, Code: codeExpiredToken,
			Message: "The security token included in the request is expired"}
	}
	if err != nil {
		code := codeInvalidSignature
		var coded interface{ Code() string }
		if errors.As(err, &coded) {
			code = coded.Code()
		}
		if errors.Is(err, signer.ErrUnknownAccessKey) {
			found = nil
		}
		return found, &apiError{Status: http.StatusForbidden, Code: code, Message: err.Error()}
	}
	if id.Service != "mq" {
		return found, &apiError{Status: http.StatusForbidden, Code: codeInvalidSignature,
			Message: "Credential should be scoped to correct service: 'mq'."}
	}
	if id.Region != h.cfg.region {
		return found, &apiError{Status: http.StatusForbidden, Code: codeInvalidSignature,
			Message: "Credential should be scoped to a valid region, not '" + id.Region + "'."}
	}
	return found, nil
}

func isSkew(err error) bool {
	_, ok := asError[*signer.SignatureExpiredError](err)
	return ok
}
