package mqtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mqrest/mqrest/iam"
	"github.com/mqrest/mqrest/internal/policy"
)

// Principal is a caller the emulator knows: an access key, who it belongs to,
// and the IAM policies that decide what it may do. The JSON form is the one
// [LoadPrincipals] reads.
//
// Each policy is an IAM policy document, or an object
// {"arn": "...", "document": {...}} that also names the policy, so that an
// explicit deny (and an implicit deny by an SCP, a boundary or a session
// policy) can quote its ARN as AWS does.
type Principal struct {
	// ARN is who the caller is, e.g. "arn:aws:iam::123456789012:user/alice"
	// or "arn:aws:sts::123456789012:assumed-role/Role/session". Required.
	ARN string `json:"arn"`
	// AccessKeyID and SecretAccessKey are the signing credentials. Required.
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
	// SessionToken, when set, must be sent in X-Amz-Security-Token.
	SessionToken string `json:"sessionToken,omitempty"`
	// Expiration, when set, is when the session token expires; later
	// requests get 403 ExpiredTokenException.
	Expiration time.Time `json:"expiration,omitzero"`
	// IdentityPolicies are the identity-based policies; one must allow.
	IdentityPolicies []json.RawMessage `json:"identityPolicies"`
	// PermissionsBoundary, if set, must allow too.
	PermissionsBoundary json.RawMessage `json:"permissionsBoundary,omitempty"`
	// SessionPolicy, if set, must allow too.
	SessionPolicy json.RawMessage `json:"sessionPolicy,omitempty"`
	// ServiceControlPolicies all must allow.
	ServiceControlPolicies []json.RawMessage `json:"serviceControlPolicies,omitempty"`
}

// Default credentials of [DefaultPrincipal] (the AWS documentation's example
// key pair).
const (
	DefaultAccessKeyID     = "AKIDEXAMPLE"
	DefaultSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
)

// adminPolicy allows everything a broker's lifecycle needs.
const adminPolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"Admin","Effect":"Allow","Action":["mq:*","ec2:*","iam:*"],"Resource":"*"}]}`

// DefaultPrincipal returns the administrator that a Handler knows when
// [WithPrincipals] is not given: arn:aws:iam::123456789012:user/admin with
// [DefaultAccessKeyID] / [DefaultSecretAccessKey], allowed mq:*, ec2:* and
// iam:* on every resource. (A Handler made with [WithAccount] or a region of
// another partition puts its own account and partition in the ARN.)
func DefaultPrincipal() Principal {
	return Principal{
		ARN:              "arn:aws:iam::" + DefaultAccount + ":user/admin",
		AccessKeyID:      DefaultAccessKeyID,
		SecretAccessKey:  DefaultSecretAccessKey,
		IdentityPolicies: []json.RawMessage{json.RawMessage(adminPolicy)},
	}
}

// principalsFile is the format LoadPrincipals reads.
type principalsFile struct {
	Principals []Principal `json:"principals"`
}

// LoadPrincipals reads a principals file, {"principals": [...]}, and checks
// every principal and policy; an error names the principal and the policy at
// fault. Unknown fields are errors, so a typo cannot silently drop a policy.
func LoadPrincipals(r io.Reader) ([]Principal, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f principalsFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("mqtest: principals file: %w", err)
	}
	if f.Principals == nil {
		return nil, errors.New(`mqtest: principals file: no "principals" array`)
	}
	seen := map[string]bool{}
	for i, p := range f.Principals {
		if _, err := compilePrincipal(p); err != nil {
			return nil, fmt.Errorf("mqtest: principals file: principals[%d]: %w", i, err)
		}
		if seen[p.AccessKeyID] {
			return nil, fmt.Errorf("mqtest: principals file: principals[%d] (%s): access key %s is used twice", i, p.ARN, p.AccessKeyID)
		}
		seen[p.AccessKeyID] = true
	}
	return f.Principals, nil
}

// compiled is a principal with its policies parsed.
type compiled struct {
	p   Principal
	pol *policy.Principal
}

// compilePrincipal checks p and parses its policies. Errors name p.
func compilePrincipal(p Principal) (*compiled, error) {
	name := p.ARN
	if name == "" {
		name = "principal with access key " + p.AccessKeyID
	}
	switch {
	case p.ARN == "":
		return nil, fmt.Errorf("%s: arn is required", name)
	case p.AccessKeyID == "":
		return nil, fmt.Errorf("%s: accessKeyId is required", name)
	case p.SecretAccessKey == "":
		return nil, fmt.Errorf("%s: secretAccessKey is required", name)
	}
	c := &compiled{p: p, pol: &policy.Principal{ARN: p.ARN}}
	for i, raw := range p.IdentityPolicies {
		pol, err := parsePolicy(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: identityPolicies[%d]: %w", name, i, err)
		}
		c.pol.Identity = append(c.pol.Identity, pol)
	}
	if len(bytes.TrimSpace(p.PermissionsBoundary)) > 0 && !isNull(p.PermissionsBoundary) {
		pol, err := parsePolicy(p.PermissionsBoundary)
		if err != nil {
			return nil, fmt.Errorf("%s: permissionsBoundary: %w", name, err)
		}
		c.pol.Boundary = &pol
	}
	if len(bytes.TrimSpace(p.SessionPolicy)) > 0 && !isNull(p.SessionPolicy) {
		pol, err := parsePolicy(p.SessionPolicy)
		if err != nil {
			return nil, fmt.Errorf("%s: sessionPolicy: %w", name, err)
		}
		c.pol.Session = &pol
	}
	for i, raw := range p.ServiceControlPolicies {
		pol, err := parsePolicy(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: serviceControlPolicies[%d]: %w", name, i, err)
		}
		c.pol.SCPs = append(c.pol.SCPs, pol)
	}
	return c, nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// parsePolicy reads a plain IAM document or {"arn": ..., "document": ...}.
func parsePolicy(raw json.RawMessage) (policy.Policy, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return policy.Policy{}, fmt.Errorf("not a JSON object: %w", err)
	}
	doc, wrapped := probe["document"]
	if _, hasStmt := probe["Statement"]; hasStmt || !wrapped {
		d, err := iam.Parse(raw)
		if err != nil {
			return policy.Policy{}, err
		}
		return policy.Policy{Document: d}, nil
	}
	var arn string
	if a, ok := probe["arn"]; ok {
		if err := json.Unmarshal(a, &arn); err != nil {
			return policy.Policy{}, fmt.Errorf("arn: %w", err)
		}
	}
	for k := range probe {
		if k != "arn" && k != "document" {
			return policy.Policy{}, fmt.Errorf("unknown member %q next to \"document\" (want only \"arn\" and \"document\")", k)
		}
	}
	d, err := iam.Parse(doc)
	if err != nil {
		if arn != "" {
			return policy.Policy{}, fmt.Errorf("policy %s: %w", arn, err)
		}
		return policy.Policy{}, err
	}
	return policy.Policy{ARN: arn, Document: d}, nil
}

// defaultPrincipalFor is DefaultPrincipal in the Handler's account and
// partition.
func defaultPrincipalFor(partition, account string) Principal {
	p := DefaultPrincipal()
	p.ARN = "arn:" + partition + ":iam::" + account + ":user/admin"
	return p
}

// SetPrincipal adds p, or replaces the principal with the same access key,
// while the Handler runs. Tests use it to grant a policy and retry.
func (h *Handler) SetPrincipal(p Principal) error {
	c, err := compilePrincipal(p)
	if err != nil {
		return fmt.Errorf("mqtest: %w", err)
	}
	h.pmu.Lock()
	defer h.pmu.Unlock()
	h.principals[p.AccessKeyID] = c
	return nil
}

// principal returns the principal with the access key, or nil.
func (h *Handler) principal(accessKeyID string) *compiled {
	h.pmu.RLock()
	defer h.pmu.RUnlock()
	return h.principals[accessKeyID]
}

// accountOf returns the account field of an ARN, or "".
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}
