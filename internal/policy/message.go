package policy

import (
	"strings"

	"github.com/mqrest/mqrest/iam"
)

// Message renders AWS's access-denied text for a denial, following the
// message grammar of AWS's "Troubleshoot access denied error messages" page
// and the 2026 policy-ARN addition:
//
//	User: <principal> is not authorized to perform: <action>[ on resource: <resource>] because no <layer> allows the <action> action
//	User: <principal> is not authorized to perform: <action>[ on resource: <resource>] with an explicit deny in a|an <layer>[: <policy ARN>]
//
// The resource clause is left out when r.Resource is "*" or empty, as AWS
// does for actions that have no resource type (e.g. mq:CreateBroker). An
// empty principalARN renders as "anonymous". The policy ARN is appended only
// to explicit denies, the only form in which AWS documents it. A zero
// Decision renders as an implicit identity-based deny; an allowing Decision
// renders as "".
func Message(principalARN string, r Request, d Decision) string {
	if d.Allowed {
		return ""
	}
	if principalARN == "" {
		principalARN = "anonymous"
	}
	layer := d.Layer
	if layer == "" {
		layer = iam.PolicyTypeIdentityBased
	}
	var b strings.Builder
	b.WriteString("User: " + principalARN + " is not authorized to perform: " + r.Action)
	if r.Resource != "" && r.Resource != "*" {
		b.WriteString(" on resource: " + r.Resource)
	}
	if d.Deny == iam.DenyExplicit {
		b.WriteString(" with an explicit deny in " + article(layer) + " " + string(layer))
		if d.PolicyARN != "" {
			b.WriteString(": " + d.PolicyARN)
		}
		return b.String()
	}
	b.WriteString(" because no " + string(layer) + " allows the " + r.Action + " action")
	return b.String()
}

// article is the article AWS puts before a policy type after "an explicit
// deny in": "the role trust policy", otherwise "an" before a vowel and "a"
// before anything else ("an identity-based policy", "a permissions boundary").
func article(l iam.PolicyType) string {
	switch {
	case l == iam.PolicyTypeRoleTrust:
		return "the"
	case strings.ContainsAny(string(l[:1]), "aeiouAEIOU"):
		return "an"
	}
	return "a"
}
