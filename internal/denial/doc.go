// Package denial parses AWS access-denied messages into their parts: the
// missing IAM action, the resource, the principal, whether the deny was
// explicit or implicit, and which policy layer denied the request.
//
// [Parse] accepts the bare message or the message as a caller usually sees
// it: a JSON error body ("message"/"Message" with "code"/"__type", a
// CloudTrail record's "errorCode"/"errorMessage", or an
// sts:DecodeAuthorizationMessage result), an XML error body, an AWS CLI
// line ("An error occurred (AccessDeniedException) when calling the
// CreateBroker operation: ..."), a Go SDK v2 error string ("operation error
// mq: CreateBroker, https response error StatusCode: 403, ..., api error
// AccessDeniedException: ..."), a Go SDK v1 or Java SDK error string. Every
// AWS partition is accepted, because ARNs are read as tokens, never matched
// against "arn:aws:".
//
// # Grammar
//
// The message forms are those of the IAM User Guide page "Troubleshoot
// access denied error messages" and later additions:
//
//	User: <principal> is not authorized to perform: <action>
//	    [on resource: <resource> | on resource: "<resource>"]
//	    [because no <layer> allows the <action> action
//	    | with an explicit deny [in (a|an|the) <layer>
//	        [transitively through (a|an|the) <layer>] [: <policy ARN>]]]
//
// The reason clause is optional (the legacy format has none), and so is the
// resource. Layer names are normalized, see [Denial.PolicyType]. Messages
// without an action are also recognized as denials, with [iam.DenyUnknown]:
// EC2's "You are not authorized to perform this operation. Encoded
// authorization failure message: ...", API Gateway's "... is not authorized
// to access this resource", S3's "Access Denied", plain "Forbidden", and any
// body whose error code is a denial code such as AccessDeniedException.
// Authentication failures (UnrecognizedClientException,
// InvalidSignatureException, ExpiredTokenException, ...) are not denials.
//
// # Limits
//
// Parse looks at no more than the first 64 KiB of its input, runs in time
// linear in that, and never panics. It does not decode encoded
// authorization messages (that needs sts:DecodeAuthorizationMessage); it
// returns the blob in [Denial.EncodedMessage], and it parses the decoded
// JSON when given that instead.
package denial
