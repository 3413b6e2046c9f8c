// Package iam is the IAM vocabulary that the client, the mqtest emulator and
// mqctl share: how a request was denied ([DenyKind]), which policy layer
// denied it ([PolicyType], worded as AWS words it in access-denied messages),
// and the IAM policy document ([Document], [Statement], [Effect],
// [Condition]) with its JSON form.
//
// A [github.com/mqrest/mqrest/client.AccessDeniedError] reports its Deny,
// PolicyType and Through in these types, and its Fix proposes a Document to
// attach; the emulator evaluates Documents and renders its denials with the
// same words.
//
// # Documents
//
// [Parse] accepts the IAM policy grammar: Version, Id and Statement; a
// statement's Sid, Effect, Principal/NotPrincipal (kept for round trips,
// ignored when evaluating), Action/NotAction, Resource/NotResource and
// Condition. Single values may be written as strings or arrays. Errors name
// the statement and the element. [Document.MarshalJSON] writes the document
// back in canonical form: Version, Id and Statement, each statement's
// elements in the order Sid, Effect, Principal, NotPrincipal, Action,
// NotAction, Resource, NotResource, Condition, and every list in the form it
// was parsed with (a list built by hand as an array).
//
// Condition operators are the base operators named by the constants such as
// [StringEquals], with the ForAnyValue:/ForAllValues: prefixes and the
// IfExists suffix; [ParseOperator] takes a name apart.
package iam
