package mqtest

import (
	"bytes"
	"encoding/json"
	"encoding/json/jsontext"
	jsonv2 "encoding/json/v2"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/mqrest/mqrest/iam"
	"github.com/mqrest/mqrest/internal/policy"
	"github.com/mqrest/mqrest/internal/wire"
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
// every principal and policy strictly: unknown or duplicate members,
// unknown policy elements, a Principal element in an identity policy, an
// action that is malformed (padded, with an invisible character such as a
// zero-width space) or names no Amazon MQ action, a resource or principal
// that is not an ARN are errors, so that no typo silently drops or disarms a
// policy. An error names the file (when r is an *os.File or has a Name
// method), the line and column, the principal and the member at fault, e.g.
//
//	mqtest: principals.json:7:34: principals[0] (arn:aws:iam::123456789012:user/alice): identityPolicies[1].Statement[0].Action[2]: action " mq:DeleteBroker" has white space around it
func LoadPrincipals(r io.Reader) ([]Principal, error) {
	name := "principals file"
	if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		name = n.Name()
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("mqtest: %s: %w", name, err)
	}
	at := func(ptr string) string {
		if off, ok := jsonPositions(data)[ptr]; ok {
			line, col := lineCol(data, off)
			return fmt.Sprintf("%s:%d:%d", name, line, col)
		}
		return name
	}
	var f principalsFile
	if err := jsonv2.Unmarshal(data, &f, jsonv2.RejectUnknownMembers(true), jsonv2.MatchCaseInsensitiveNames(true)); err != nil {
		return nil, decodeFileError(name, data, err)
	}
	if f.Principals == nil {
		return nil, fmt.Errorf(`mqtest: %s: no "principals" array`, name)
	}
	seen := map[string]bool{}
	for i, p := range f.Principals {
		base := "/principals/" + strconv.Itoa(i)
		who := fmt.Sprintf("principals[%d]", i)
		if p.ARN != "" {
			who += " (" + p.ARN + ")"
		}
		if err := strictPrincipal(p); err != nil {
			me := err.(*memberError)
			return nil, fmt.Errorf("mqtest: %s: %s: %w", at(base+me.ptr), who, err)
		}
		if _, err := compilePrincipal(p); err != nil {
			return nil, fmt.Errorf("mqtest: %s: %s: %w", at(base), who, err)
		}
		if seen[p.AccessKeyID] {
			return nil, fmt.Errorf("mqtest: %s: %s: access key %s is used twice", at(base+"/accessKeyId"), who, p.AccessKeyID)
		}
		seen[p.AccessKeyID] = true
	}
	return f.Principals, nil
}

// decodeFileError names the file, line and member of a decoding error.
func decodeFileError(name string, data []byte, err error) error {
	var off int64 = -1
	var ptr string
	if se, ok := asError[*jsonv2.SemanticError](err); ok {
		off, ptr = se.ByteOffset, string(se.JSONPointer)
		if se.Err != nil {
			err = se.Err
		}
	} else if se, ok := asError[*jsontext.SyntacticError](err); ok {
		off, ptr = se.ByteOffset, string(se.JSONPointer)
		err = se.Err
	}
	where := name
	if off >= 0 {
		line, col := lineCol(data, off)
		where = fmt.Sprintf("%s:%d:%d", name, line, col)
	}
	if ptr != "" {
		return fmt.Errorf("mqtest: %s: %s: %v", where, wire.MemberPath(jsontext.Pointer(ptr)), err)
	}
	return fmt.Errorf("mqtest: %s: %v", where, err)
}

// jsonPositions maps the JSON pointer of every member and element of data
// to the offset where it starts (a member: its name).
func jsonPositions(data []byte) map[string]int64 {
	out := map[string]int64{}
	d := jsontext.NewDecoder(bytes.NewReader(data))
	for {
		before := d.InputOffset()
		tok, err := d.ReadToken()
		if err != nil {
			return out
		}
		ptr := string(d.StackPointer())
		if k := tok.Kind(); k == '}' || k == ']' {
			continue
		}
		if _, ok := out[ptr]; !ok {
			out[ptr] = before
		}
	}
}

// lineCol returns the 1-based line and column of the first token at or
// after off (separators and white space skipped).
func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n:,", data[off]) >= 0 {
		off++
	}
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(data[:off], '\n')
	return line, col
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
	if err := strictPrincipal(p); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
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

// accountOf returns the account field of an ARN, or "" when it has fewer
// than six fields. It does not allocate: listings call it for every item.
func accountOf(arn string) string {
	rest := arn
	for range 4 {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			return ""
		}
		rest = rest[i+1:]
	}
	acct, _, ok := strings.Cut(rest, ":")
	if !ok {
		return ""
	}
	return acct
}
