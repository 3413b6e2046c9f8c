// Package signer signs and verifies HTTP requests with AWS Signature Version
// 4 (SigV4) for Amazon MQ, whose signing name is "mq".
//
// # Signing
//
// A [Signer] is made once per client with [New] and signs each attempt of a
// request with [Signer.Sign], or with [Signer.SignAt] when the caller has
// already hashed the body or corrects the signing time for clock skew:
//
//	s := signer.New(cfg.Credentials, "eu-west-1")
//	err := s.Sign(ctx, req, body)
//
// The output is byte for byte what aws-sdk-go-v2's aws/signer/v4 produces for
// the same request and time: the canonical URI is the escaped path escaped
// again (every service but S3 expects this double encoding), the query is
// decoded, re-encoded with %20 for a space and sorted, and every header but
// Authorization, User-Agent, X-Amzn-Trace-Id, Expect and Transfer-Encoding is
// signed, plus host, and content-length when the request's ContentLength is
// positive. No X-Amz-Content-Sha256 header is added. Derived signing keys are
// cached per secret, day, region and service, and signing reuses pooled
// buffers, so it allocates little more than the header values it sets.
//
// # Verification
//
// [Verify] is the server side, used by a fake MQ service: it recomputes the
// signature of a received request over the headers the request says it signed
// and reports failures as the errors AWS answers with. Each error has a
// Code method returning the AWS error code:
//
//   - [ErrMissingAuthentication]: MissingAuthenticationTokenException
//   - [*MalformedAuthorizationError]: IncompleteSignatureException
//   - [ErrUnknownAccessKey], [ErrInvalidSessionToken]: UnrecognizedClientException
//   - [ErrSignatureMismatch], [*SignatureExpiredError]: InvalidSignatureException
//
// To read the code of any of them:
//
//	var coded interface{ Code() string }
//	if errors.As(err, &coded) {
//		code := coded.Code()
//	}
package signer
