package denial

import "github.com/mqrest/mqrest/iam"

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
	// Deny is [iam.DenyExplicit] for "explicit deny", [iam.DenyImplicit]
	// for "because no ... allows", and [iam.DenyUnknown] otherwise.
	Deny iam.DenyKind
	// PolicyType is the policy layer that denied the request, normalized
	// to one of the [iam.PolicyType] constants ("sessions policy" becomes
	// [iam.PolicyTypeSession]). A layer name this package does not know is
	// passed through as written. "" if the message names no layer.
	PolicyType iam.PolicyType
	// PolicyARN is the ARN of the denying policy, when the message names
	// it (the 2025/2026 "...: <arn>" suffix); else "".
	PolicyARN string
	// Through is the transitive layer of "... transitively through a
	// <layer>" messages, normalized like PolicyType; else "".
	Through iam.PolicyType
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
