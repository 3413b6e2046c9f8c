package client

import (
	"strings"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/iam"
)

// FixKind says what kind of change fixes a denial.
type FixKind string

// Values of Fix.Kind.
const (
	// FixAllow: attach Policy to the principal (an implicit deny by its
	// identity-based policies).
	FixAllow FixKind = "allow"
	// FixChangeLayer: no Allow statement can fix it; the named layer (and
	// policy, when known) must change: an explicit deny, or an implicit deny
	// by a service control policy, resource control policy, permissions
	// boundary, session policy or VPC endpoint policy.
	FixChangeLayer FixKind = "change-layer"
)

// Fix is the smallest change that would let a denied call through.
type Fix struct {
	// Kind is allow or change-layer.
	Kind FixKind `json:"kind"`
	// Policy is, for FixAllow, a minimal identity policy to attach.
	Policy *PolicyDocument `json:"policy,omitempty"`
	// Layer names, for FixChangeLayer, the policy layer that must change.
	Layer iam.PolicyType `json:"layer,omitempty"`
	// PolicyARN names, for FixChangeLayer, the policy that must change,
	// when known.
	PolicyARN string `json:"policyArn,omitempty"`
	// Text says it in one sentence.
	Text string `json:"text"`
}

// String returns Text, followed by the policy for FixAllow.
func (f Fix) String() string {
	if f.Policy != nil {
		return f.Text + "\n" + f.Policy.String()
	}
	return f.Text
}

func (f Fix) orNil() *Fix {
	if f.Kind == "" {
		return nil
	}
	return &f
}

// Fix returns what would fix the denial: for an implicit deny by
// identity-based policies (or an unknown layer), a minimal policy allowing
// the action on the resource plus the documented extras; otherwise the
// layer, and policy, that must change.
func (e *AccessDeniedError) Fix() Fix { return e.fix }

func buildFix(ad *AccessDeniedError, op *api.Operation, in any, region, account, partition string) Fix {
	if ad.Action == "" {
		return Fix{}
	}
	layer := ad.PolicyType
	if owner := accountOf(ad.Resource); ad.Deny == DenyImplicit && layer == iam.PolicyTypeResourceBased &&
		owner != "" && owner != "*" && owner != accountOf(ad.Principal) {
		// Amazon MQ has no resource-based policies: a resource of another
		// account is out of reach of any policy.
		return Fix{Kind: FixChangeLayer, Layer: layer, Text: "No policy can fix this: " + orDefault(ad.Resource, "the resource") +
			" belongs to account " + owner + " and Amazon MQ has no resource-based policies, so only principals of account " +
			owner + " can call " + ad.Action + " on it"}
	}
	if ad.Deny == DenyExplicit || (layer != "" && layer != iam.PolicyTypeIdentityBased) {
		where := "the " + orDefault(string(layer), "policy")
		if ad.PolicyARN != "" {
			where += " " + ad.PolicyARN
		}
		text := "No Allow statement can fix this: " + where + " must change to allow " + ad.Action + " on " + orDefault(ad.Resource, "*")
		if ad.Deny == DenyExplicit {
			text = "No Allow statement can fix this: remove or narrow the explicit Deny of " + ad.Action +
				" in " + where + " (resource " + orDefault(ad.Resource, "*") + ")"
		}
		return Fix{Kind: FixChangeLayer, Layer: layer, PolicyARN: ad.PolicyARN, Text: text}
	}
	b := newPolicyBuilder()
	actions := []string{ad.Action}
	if ad.Inferred && len(ad.grants) > 0 {
		actions = ad.grants
	}
	for _, a := range actions {
		grantWithExtras(b, op, in, a, ad.Resource, region, account, partition)
	}
	return Fix{Kind: FixAllow, Policy: b.document(),
		Text: "Attach this statement to " + orDefault(ad.Principal, "the caller") + " to allow " + strings.Join(actions, ", ") + ":"}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// grantWithExtras allows action on resource, adding the conditions and
// companion permissions that AWS documents for it.
func grantWithExtras(b *policyBuilder, op *api.Operation, in any, action, resource, region, account, partition string) {
	switch {
	case strings.EqualFold(action, "iam:PassRole"):
		b.allow(action, resource, cond(iam.StringEquals, "iam:PassedToService", "mq.amazonaws.com"))
	case strings.EqualFold(action, "iam:CreateServiceLinkedRole"):
		b.allow(action, resource, cond(iam.StringLike, "iam:AWSServiceName", "mq.amazonaws.com"))
	case strings.HasPrefix(strings.ToLower(action), "ec2:"):
		allowEC2(b)
	default:
		b.allow(action, resource, nil)
	}
	if !strings.EqualFold(action, "mq:CreateBroker") {
		return
	}
	// Creating a broker also needs, per the Amazon MQ docs, the service-
	// linked role (first broker of the account) and, with subnets, the EC2
	// network-interface permissions.
	acct := account
	if acct == "" {
		acct = "*"
	}
	b.allow("iam:CreateServiceLinkedRole", "arn:"+partition+":iam::"+acct+":role/"+api.ServiceLinkedRoleName,
		cond(iam.StringLike, "iam:AWSServiceName", "mq.amazonaws.com"))
	if in, ok := in.(*api.CreateBrokerInput); ok {
		if len(in.SubnetIDs) > 0 {
			allowEC2(b)
		}
		if len(in.Tags) > 0 {
			b.allow("mq:CreateTags", "*", nil)
		}
	}
}

// allowEC2 allows the EC2 actions CreateBroker needs in the caller's
// subnets, as the operation table lists them, with the condition keys the
// service sets.
func allowEC2(b *policyBuilder) {
	for _, a := range api.Lookup("CreateBroker").Actions {
		if !strings.HasPrefix(a.Name, "ec2:") {
			continue
		}
		var c map[string]map[string]string
		for k, v := range a.Context {
			c = cond(iam.StringEquals, k, v)
		}
		b.allow(a.Name, "*", c)
	}
}

func cond(op, key, value string) map[string]map[string]string {
	return map[string]map[string]string{op: {key: value}}
}
