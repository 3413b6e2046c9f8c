// Package policy evaluates requests against layered IAM policies the way AWS
// IAM does, and renders AWS's access-denied message. The mqtest emulator uses
// it to enforce IAM. The documents, the kinds of denial and the policy layers
// are those of package [github.com/mqrest/mqrest/iam].
//
//	doc, err := iam.Parse(data)
//	...
//	p := &policy.Principal{
//		ARN:      "arn:aws:iam::123456789012:user/alice",
//		Identity: []policy.Policy{{ARN: "arn:aws:iam::123456789012:policy/MQ", Document: doc}},
//	}
//	r := policy.Request{Action: "mq:CreateBroker", Resource: "*"}
//	if d := policy.Evaluate(p, r); !d.Allowed {
//		msg := policy.Message(p.ARN, r, d)
//		// "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: mq:CreateBroker because no identity-based policy allows the mq:CreateBroker action"
//	}
//
// # Evaluation
//
// [Evaluate] answers a same-account request with no resource-based policy
// (Amazon MQ supports none). An explicit Deny in any layer wins; otherwise
// every present layer must allow: each SCP, at least one identity-based
// policy, the permissions boundary and the session policy. When several
// layers deny, the first in AWS's documented evaluation order is reported:
// service control policy, identity-based policy, permissions boundary,
// session policy. The same order is used for explicit denies, which AWS does
// not document (it only says that one policy type is named).
//
// Actions match case-insensitively, resources case-sensitively; both take the
// wildcards '*' (any run of characters, colons included) and '?' (one
// character). A request for an action with no resource type uses resource
// "*", which only a policy Resource of "*" (or NotResource) covers.
//
// # Conditions
//
// All IAM condition operators are supported: String*, Arn*, Bool, Null,
// Numeric*, Date*, IpAddress/NotIpAddress and BinaryEquals, with the
// ForAnyValue:/ForAllValues: prefixes and the IfExists suffix. The operators
// of a Condition block and the keys of an operator are ANDed; the values of
// one key are ORed, and a negated operator holds when the context matches
// none of them. A missing key fails a positive operator and satisfies a
// negated one, IfExists and ForAllValues; ForAnyValue fails. Without a set
// prefix, a multivalued context key holds for a positive operator when any of
// its values matches. Condition key names are case-insensitive, including the
// tag-key part of aws:RequestTag/${TagKey}; values are compared as the
// operator says.
//
// In documents with Version "2012-10-17", policy variables such as
// ${aws:username} or ${aws:PrincipalTag/team} are resolved from the request
// context in Resource/NotResource and in String and Arn condition values,
// with ${key, 'default'} defaults and the ${*}, ${?}, ${$} escapes. A
// variable with no value makes its entry match nothing.
//
// # Messages
//
// [Message] renders the denial text from AWS's message grammar, with the
// policy ARN suffix that AWS added in 2026 for explicit denies. Two AWS
// documentation examples are deliberately not reproduced character for
// character: the session-policy explicit deny says "a sessions policy" and
// the SCP implicit deny misspells the action as "ListRespositories"; both
// are typos on AWS's page, and Message writes "a session policy" and the
// request's action.
package policy
