package policy

import (
	"slices"
	"strings"

	"github.com/mqrest/mqrest/iam"
)

// Policy is a policy document plus where it lives.
type Policy struct {
	// ARN names the policy in denial messages, e.g.
	// "arn:aws:iam::123456789012:policy/MyPolicy". Optional.
	ARN string
	// Document is the parsed policy. A nil Document has no statements: it
	// neither allows nor denies anything.
	Document *iam.Document
}

// Principal describes who is asking and every policy layer that applies.
type Principal struct {
	// ARN is the caller, e.g. "arn:aws:iam::123456789012:user/alice" or
	// "arn:aws:sts::123456789012:assumed-role/Role/session".
	ARN string
	// Identity holds the identity-based policies (attached, inline and group
	// policies). At least one must allow a request.
	Identity []Policy
	// Boundary is the permissions boundary, if any; it must allow too.
	Boundary *Policy
	// Session is the session policy, if any; it must allow too.
	Session *Policy
	// SCPs are the service control policies that apply to the account.
	// Every one of them must allow a request.
	SCPs []Policy
}

// Request is one authorization question.
type Request struct {
	// Action is the IAM action, e.g. "mq:CreateBroker"; it is matched
	// case-insensitively and rendered as given.
	Action string
	// Resource is the resource ARN, or "*" (or "") for actions that have no
	// resource type. It is matched case-sensitively.
	Resource string
	// Context holds the condition keys of the request, e.g.
	// "aws:RequestTag/env": {"prod"}, "aws:TagKeys": {"env", "team"},
	// "aws:SecureTransport": {"true"}. Key names are case-insensitive; values
	// are not. A key with no values counts as absent.
	Context map[string][]string
}

// Decision is the outcome of [Evaluate].
type Decision struct {
	// Allowed reports whether the request is allowed.
	Allowed bool
	// Deny is the kind of denial when !Allowed: [iam.DenyExplicit] or
	// [iam.DenyImplicit].
	Deny iam.DenyKind
	// Layer is the policy layer that denied when !Allowed, one of those
	// Evaluate knows: [iam.PolicyTypeSCP], [iam.PolicyTypeIdentityBased],
	// [iam.PolicyTypePermissionsBoundary] or [iam.PolicyTypeSession].
	Layer iam.PolicyType
	// PolicyARN is, for an explicit deny, the ARN of the policy whose Deny
	// statement matched; for an implicit deny by an SCP, the permissions
	// boundary or the session policy, the ARN of the policy that lacks an
	// Allow. It is empty for an implicit identity-based deny and when the
	// policy has no ARN.
	PolicyARN string
}

// Evaluate decides a same-account request with no resource-based policy the
// way AWS's policy evaluation logic does.
//
// Any matching Deny statement in any layer denies the request explicitly.
// Otherwise the request needs a matching Allow in every layer that is
// present: in each SCP, in at least one identity-based policy, in the
// permissions boundary and in the session policy. Layers are checked in AWS's
// documented evaluation order (SCP, identity-based, permissions boundary,
// session), for explicit denies first and then for missing Allows, and the
// first layer that denies is reported; within a layer, policies are checked
// in slice order. A nil Principal has no policies and is implicitly denied.
//
// Like AWS, Evaluate sets the condition key aws:PrincipalArn to p.ARN when
// r.Context does not carry it.
func Evaluate(p *Principal, r Request) Decision {
	if p == nil {
		p = &Principal{}
	}
	req := newEvalRequest(r)
	if p.ARN != "" && len(req.ctx.get("aws:PrincipalArn")) == 0 {
		req.ctx["aws:principalarn"] = []string{p.ARN}
	}
	type layer struct {
		name     iam.PolicyType
		policies []Policy
		anyOne   bool // one Allow in the layer suffices (identity); else each policy must allow
	}
	layers := []layer{
		{iam.PolicyTypeSCP, p.SCPs, false},
		{iam.PolicyTypeIdentityBased, p.Identity, true},
		{iam.PolicyTypePermissionsBoundary, optional(p.Boundary), false},
		{iam.PolicyTypeSession, optional(p.Session), false},
	}
	allowed := make([][]bool, len(layers))
	for i, l := range layers {
		for _, pol := range l.policies {
			allow, deny := evaluate(pol.Document, req)
			if deny {
				return Decision{Deny: iam.DenyExplicit, Layer: l.name, PolicyARN: pol.ARN}
			}
			allowed[i] = append(allowed[i], allow)
		}
	}
	for i, l := range layers {
		if l.anyOne {
			if !slices.Contains(allowed[i], true) {
				return Decision{Deny: iam.DenyImplicit, Layer: l.name}
			}
			continue
		}
		for j, ok := range allowed[i] {
			if !ok {
				return Decision{Deny: iam.DenyImplicit, Layer: l.name, PolicyARN: l.policies[j].ARN}
			}
		}
	}
	return Decision{Allowed: true}
}

func optional(p *Policy) []Policy {
	if p == nil {
		return nil
	}
	return []Policy{*p}
}

// evalRequest is a Request prepared for matching.
type evalRequest struct {
	action   string
	resource string
	ctx      contextValues
}

func newEvalRequest(r Request) *evalRequest {
	resource := r.Resource
	if resource == "" {
		resource = "*"
	}
	ctx := make(contextValues, len(r.Context))
	for k, v := range r.Context {
		lk := strings.ToLower(k)
		ctx[lk] = append(ctx[lk], v...)
	}
	return &evalRequest{action: r.Action, resource: resource, ctx: ctx}
}

// contextValues maps lower-cased condition keys to their values.
type contextValues map[string][]string

func (c contextValues) get(key string) []string { return c[strings.ToLower(key)] }

// evaluate reports whether any statement of d that applies to the request
// allows it and whether any denies it.
func evaluate(d *iam.Document, r *evalRequest) (allow, deny bool) {
	if d == nil {
		return false, false
	}
	vars := d.Version == iam.CurrentVersion
	for i := range d.Statement {
		s := &d.Statement[i]
		if !applies(s, r, vars) {
			continue
		}
		switch s.Effect {
		case iam.Deny:
			return allow, true
		case iam.Allow:
			allow = true
		}
	}
	return allow, false
}

// applies reports whether the statement's action, resource and conditions
// all match the request.
func applies(s *iam.Statement, r *evalRequest, vars bool) bool {
	if len(s.Action) > 0 {
		if !anyAction(s.Action, r.action) {
			return false
		}
	} else if anyAction(s.NotAction, r.action) {
		return false
	}
	if len(s.Resource) > 0 {
		if !anyResource(s.Resource, r, vars) {
			return false
		}
	} else if anyResource(s.NotResource, r, vars) {
		return false
	}
	return allHold(s.Condition, r.ctx, vars)
}

func anyAction(patterns []string, action string) bool {
	for _, p := range patterns {
		if matchAction(p, action) {
			return true
		}
	}
	return false
}

func anyResource(patterns []string, r *evalRequest, vars bool) bool {
	for _, p := range patterns {
		if pat, ok := expand(p, vars, r.ctx); ok && pat.match(r.resource, false) {
			return true
		}
	}
	return false
}
