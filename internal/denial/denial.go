package denial

// Denial is what a denial message says.
//
// Fields are copied from the message as written (an action keeps its case,
// as in "SNS:Publish"), without the quotes and sentence punctuation around
// them; only Deny, PolicyType, Through, Code and the "anonymous" principal
// are normalized. A field the message does not carry is "".
type Denial struct {
	// Action is the IAM action that was denied, e.g. "mq:CreateBroker";
	// "" if the message names none. When a decoded authorization message
	// names it without its service prefix ("RunInstances"), the prefix is
	// taken from the matched Deny statement, if one covers the action.
	Action string
	// Resource is the resource the action was denied on: an ARN, unquoted
	// (S3 quotes it), "*", or a legacy free-text name such as
	// "my-example-widget" or "role MyRole"; "" if absent.
	Resource string
	// Principal is the caller's ARN, "anonymous" for anonymous callers,
	// or "" if the message names none.
	Principal string
	// Deny is DenyExplicit for "explicit deny", DenyImplicit for
	// "because no ... allows", and DenyUnknown otherwise.
	Deny string
	// PolicyType is the policy layer that denied the request, normalized
	// to one of the PolicyType constants ("sessions policy" becomes
	// PolicyTypeSession). A layer name this package does not know is
	// passed through as written. "" if the message names no layer.
	PolicyType string
	// PolicyARN is the ARN of the denying policy, when the message names
	// it (the 2025/2026 "...: <arn>" suffix); else "".
	PolicyARN string
	// Through is the transitive layer of "... transitively through a
	// <layer>" messages, normalized like PolicyType; else "".
	Through string
	// EncodedMessage is the blob of an EC2-style "Encoded authorization
	// failure message: <blob>"; else "". Decode it with
	// sts:DecodeAuthorizationMessage and pass the result to Parse.
	EncodedMessage string
	// Code is the error code the input carried, sanitized like the AWS
	// SDKs do ("AccessDeniedException:http://..." and
	// "com.amazonaws.mq#AccessDeniedException" become
	// "AccessDeniedException"; CloudTrail's "Client." prefix is dropped),
	// e.g. AccessDeniedException, AccessDenied, UnauthorizedOperation,
	// ForbiddenException; "" if the input carried none.
	Code string
	// Message is the bare denial message, with wrappers (JSON, XML, CLI
	// and SDK error lines, error-code prefixes) stripped.
	Message string
}

// Values of [Denial.Deny].
const (
	// DenyExplicit means a policy statement denied the request
	// ("with an explicit deny").
	DenyExplicit = "explicit"
	// DenyImplicit means no policy of a layer allowed the request
	// ("because no ... allows ...").
	DenyImplicit = "implicit"
	// DenyUnknown means the message does not say which.
	DenyUnknown = "unknown"
)

// Values of [Denial.PolicyType] and [Denial.Through]: the policy layers
// named by AWS access-denied messages.
const (
	// PolicyTypeIdentityBased is an identity-based policy (user, group or
	// role policy).
	PolicyTypeIdentityBased = "identity-based policy"
	// PolicyTypeSCP is an AWS Organizations service control policy.
	PolicyTypeSCP = "service control policy"
	// PolicyTypeRCP is an AWS Organizations resource control policy.
	PolicyTypeRCP = "resource control policy"
	// PolicyTypeResourceBased is a resource-based policy (bucket policy,
	// key policy, ...).
	PolicyTypeResourceBased = "resource-based policy"
	// PolicyTypePermissionsBoundary is a permissions boundary.
	PolicyTypePermissionsBoundary = "permissions boundary"
	// PolicyTypeSession is a session policy; AWS sometimes spells it
	// "sessions policy".
	PolicyTypeSession = "session policy"
	// PolicyTypeVPCEndpoint is a VPC endpoint policy.
	PolicyTypeVPCEndpoint = "VPC endpoint policy"
	// PolicyTypeRoleTrust is a role trust policy.
	PolicyTypeRoleTrust = "role trust policy"
)
