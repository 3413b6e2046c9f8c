package iam

// DenyKind says how IAM denied a request: by a Deny statement, or by the
// lack of an Allow.
type DenyKind string

// The kinds of denial. The values are the words that the client's
// AccessDeniedError.Deny and `mqctl iam explain` print.
const (
	// DenyExplicit means a Deny statement matched the request ("with an
	// explicit deny").
	DenyExplicit DenyKind = "explicit"
	// DenyImplicit means no statement of a required policy layer allowed
	// the request ("because no ... allows ...").
	DenyImplicit DenyKind = "implicit"
	// DenyUnknown means the denial does not say which.
	DenyUnknown DenyKind = "unknown"
)
