package client

import (
	"encoding/json"
	"strings"

	"github.com/mqrest/mqrest/api"
	"github.com/mqrest/mqrest/iam"
	"github.com/mqrest/mqrest/internal/denial"
)

// DenyKind says how IAM denied a request. It is [iam.DenyKind], kept here
// so that code written against this package's name compiles unchanged.
type DenyKind = iam.DenyKind

// Values of AccessDeniedError.Deny, the [iam.DenyKind] constants.
const (
	// DenyExplicit: a Deny statement matched.
	DenyExplicit = iam.DenyExplicit
	// DenyImplicit: no statement of a policy layer allowed the request.
	DenyImplicit = iam.DenyImplicit
	// DenyUnknown: the response does not say.
	DenyUnknown = iam.DenyUnknown
)

// AccessDeniedError is returned when IAM denies a call. It names the exact
// missing action, the resource, the principal, the policy layer that denied
// it and — through Fix — the smallest change that would allow it. Match it
// with errors.As, or errors.Is(err, ErrAccessDenied); the *APIError of the
// response stays reachable with errors.As.
type AccessDeniedError struct {
	// Operation is the operation that was denied, e.g. "CreateBroker".
	Operation string
	// Action is the missing IAM action, e.g. "mq:CreateBroker". When the
	// response did not name it (Inferred), it is the most likely candidate.
	Action string
	// Candidates lists, when the action was inferred, every action that
	// could be missing, most likely first; otherwise just Action.
	Candidates []string
	// Resource is the resource ARN the action was denied on ("*" for
	// actions without resource types). Parts the client cannot know are
	// wildcards, e.g. arn:aws:mq:eu-west-1:123456789012:broker:*:b-1234.
	Resource string
	// Principal is the caller's ARN, "anonymous", or "" when unknown.
	Principal string
	// Deny is explicit, implicit or unknown.
	Deny DenyKind
	// PolicyType is the policy layer that denied the call, e.g.
	// iam.PolicyTypeIdentityBased ("identity-based policy"),
	// iam.PolicyTypeSCP ("service control policy"),
	// iam.PolicyTypePermissionsBoundary, iam.PolicyTypeSession; "" when the
	// response does not say.
	PolicyType iam.PolicyType
	// PolicyARN is the ARN of the denying policy, when AWS names it.
	PolicyARN string
	// Through is the transitive layer, when AWS names one.
	Through iam.PolicyType
	// Inferred is true when the response named no action and the client
	// inferred it from the operation table and the request.
	Inferred bool
	// EncodedMessage is an encoded authorization failure message (decode it
	// with sts:DecodeAuthorizationMessage), or "".
	EncodedMessage string
	// RequestID is the request ID of the denied call.
	RequestID string
	// Err is the API error the service returned.
	Err *APIError

	fix    Fix
	grants []string // what Fix allows for an inferred denial
}

// Error is one readable line: operation, missing action, resource,
// principal and why.
func (e *AccessDeniedError) Error() string {
	var b strings.Builder
	b.WriteString("mqrest: ")
	b.WriteString(e.Operation)
	b.WriteString(": access denied: ")
	if e.Action != "" {
		who := e.Principal
		if who == "" {
			who = "the caller"
		}
		b.WriteString(who)
		b.WriteString(" lacks ")
		b.WriteString(e.Action)
		if e.Inferred && len(e.Candidates) > 1 {
			b.WriteString(" (inferred; or one of ")
			b.WriteString(strings.Join(e.Candidates[1:], ", "))
			b.WriteString(")")
		} else if e.Inferred {
			b.WriteString(" (inferred)")
		}
		if e.Resource != "" {
			b.WriteString(" on ")
			b.WriteString(e.Resource)
		}
	} else {
		b.WriteString("the service named no action")
	}
	b.WriteString(": ")
	b.WriteString(e.reason())
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

func (e *AccessDeniedError) reason() string {
	layer := string(e.PolicyType)
	switch {
	case e.Deny == DenyExplicit && layer != "":
		s := "explicit deny in " + article(layer) + " " + layer
		if e.PolicyARN != "" {
			s += " (" + e.PolicyARN + ")"
		}
		return s
	case e.Deny == DenyExplicit:
		return "explicit deny"
	case e.Deny == DenyImplicit && layer != "":
		s := "no " + layer + " allows it"
		if e.PolicyARN != "" {
			s += " (" + e.PolicyARN + ")"
		}
		return s
	case e.Deny == DenyImplicit:
		return "no policy allows it"
	}
	return "the reason was not given"
}

func article(layer string) string {
	if layer != "" && strings.ContainsRune("aeiouAEIOU", rune(layer[0])) {
		return "an"
	}
	return "a"
}

// Is makes errors.Is(err, ErrAccessDenied) true, and matches the sentinel
// of the underlying code (ErrForbidden for a ForbiddenException).
func (e *AccessDeniedError) Is(target error) bool {
	return target == ErrAccessDenied || (e.Err != nil && e.Err.Is(target))
}

// Unwrap returns the underlying *APIError.
func (e *AccessDeniedError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// MarshalJSON renders the error with the keys `mqctl iam explain` prints:
// operation, action, candidates, resource, principal, deny, policyType,
// policyArn, through, inferred, encodedMessage and fix.
func (e *AccessDeniedError) MarshalJSON() ([]byte, error) {
	fix := e.Fix()
	cands := e.Candidates
	if cands == nil {
		cands = []string{}
	}
	return json.Marshal(struct {
		Operation      string   `json:"operation"`
		Action         string   `json:"action"`
		Candidates     []string `json:"candidates"`
		Resource       string   `json:"resource"`
		Principal      string   `json:"principal"`
		Deny           string   `json:"deny"`
		PolicyType     string   `json:"policyType"`
		PolicyARN      string   `json:"policyArn"`
		Through        string   `json:"through"`
		Inferred       bool     `json:"inferred"`
		EncodedMessage string   `json:"encodedMessage"`
		Fix            *Fix     `json:"fix"`
	}{e.Operation, e.Action, cands, e.Resource, e.Principal, string(e.Deny), string(e.PolicyType), e.PolicyARN,
		string(e.Through), e.Inferred, e.EncodedMessage, fix.orNil()})
}

// isDenialCode reports codes that always mean an authorization denial.
func isDenialCode(code string) bool {
	switch code {
	case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "AccessDeniedFault":
		return true
	}
	return false
}

// classify turns an API error into the most specific error type: an
// *AccessDeniedError for IAM denials, the *APIError otherwise.
func (c *Client) classify(cl *call, e *APIError) error {
	if ad := c.accessDenied(cl.op, cl.in, e); ad != nil {
		return ad
	}
	return e
}

func (c *Client) accessDenied(op *api.Operation, in any, e *APIError) *AccessDeniedError {
	if e.StatusCode != 401 && e.StatusCode != 403 && !isDenialCode(e.Code) {
		return nil
	}
	d, ok := denial.Parse(e.Message)
	switch {
	case isDenialCode(e.Code):
		if !ok {
			d = denial.Denial{Deny: iam.DenyUnknown, Message: e.Message}
		}
	case e.Code == "ForbiddenException" || e.Code == "UnauthorizedException":
		if !ok {
			d = denial.Denial{Deny: iam.DenyUnknown, Message: e.Message}
		}
	case ok && d.Action != "":
	default:
		return nil
	}
	ad := fromDenial(op, in, d, c.region, c.account, c.partition())
	ad.RequestID = e.RequestID
	ad.Err = e
	return ad
}

func (c *Client) partition() string { return api.PartitionOf(c.region).Name }

// fromDenial builds the error from a parsed denial plus what the request
// knows: when the message names no action, the operation table and the
// input give the candidates; when it names no resource, the input does.
func fromDenial(op *api.Operation, in any, d denial.Denial, region, account, partition string) *AccessDeniedError {
	ad := &AccessDeniedError{
		Action: d.Action, Principal: d.Principal, Deny: d.Deny, PolicyType: d.PolicyType,
		PolicyARN: d.PolicyARN, Through: d.Through, EncodedMessage: d.EncodedMessage, Resource: d.Resource,
	}
	if ad.Deny == "" {
		ad.Deny = DenyUnknown
	}
	if account == "" {
		account = accountOf(d.Principal)
	}
	if op == nil {
		if ad.Action != "" {
			ad.Candidates = []string{ad.Action}
		}
		ad.fix = buildFix(ad, nil, nil, region, account, partition)
		return ad
	}
	ad.Operation = op.Name
	// Candidates: what the request needs by the operation table (every
	// action of the operation when the request is unknown), then what the
	// service's state may add. The fix grants only what the request surely
	// needs, since the stateful ones are rarely the missing piece.
	var needed, certain []api.Action
	if in != nil {
		certain = op.Needed(in, api.Env{})
		needed = append(needed, certain...)
		for _, a := range op.Actions {
			if a.Stateful && !containsAction(needed, a.Name) {
				needed = append(needed, a)
			}
		}
	} else {
		certain = op.Actions[:1]
		needed = op.Actions
	}
	if ad.Action == "" {
		ad.Inferred = true
		for _, a := range needed {
			ad.Candidates = append(ad.Candidates, a.Name)
		}
		ad.Action = ad.Candidates[0]
		for _, a := range certain {
			ad.grants = append(ad.grants, a.Name)
		}
	} else {
		ad.Candidates = []string{ad.Action}
	}
	if ad.Resource == "" {
		ad.Resource = resourceARN(op, in, kindOf(needed, ad.Action), region, account, partition)
	}
	ad.fix = buildFix(ad, op, in, region, account, partition)
	return ad
}

func containsAction(acts []api.Action, name string) bool {
	for _, a := range acts {
		if strings.EqualFold(a.Name, name) {
			return true
		}
	}
	return false
}

func kindOf(acts []api.Action, name string) api.ResourceKind {
	for _, a := range acts {
		if strings.EqualFold(a.Name, name) {
			return a.Resource
		}
	}
	return api.ResourceNone
}

// accountOf returns the account of an IAM or STS principal ARN.
func accountOf(principal string) string {
	parts := strings.SplitN(principal, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && parts[4] != "" {
		return parts[4]
	}
	return ""
}

// resourceARN builds the ARN an action is authorized against from what the
// request knows, with "*" for the parts it cannot know.
func resourceARN(op *api.Operation, in any, kind api.ResourceKind, region, account, partition string) string {
	if account == "" {
		account = "*"
	}
	if region == "" {
		region = "*"
	}
	orStar := func(s string) string {
		if s == "" {
			return "*"
		}
		return s
	}
	name := resourceName(op, in, kind)
	switch kind {
	case api.ResourceBroker:
		return api.BrokerARN(partition, region, account, "*", orStar(name))
	case api.ResourceConfiguration:
		return api.ConfigurationARN(partition, region, account, orStar(name))
	case api.ResourceTagged:
		return orStar(name)
	case api.ResourcePrimaryBroker:
		return orStar(name)
	case api.ResourceServiceLinkedRole:
		return "arn:" + partition + ":iam::" + account + ":role/" + api.ServiceLinkedRoleName
	case api.ResourceRole:
		return "arn:" + partition + ":iam::" + account + ":role/*"
	}
	return "*"
}

// ParseAccessDenied reads a denial as users meet it — a raw message, a JSON
// error body, an AWS CLI or Go SDK error line — and returns what it says,
// with the fix. operation may name the operation ("" to take it from the
// text, if it says). ok is false when the text is not an access denial.
func ParseAccessDenied(text, operation string) (ad *AccessDeniedError, ok bool) {
	d, ok := denial.Parse(text)
	if !ok {
		return nil, false
	}
	if operation == "" {
		operation = denial.Operation(text)
	}
	op := api.Lookup(operation)
	region, partition := "", "aws"
	if a, err := api.ParseARN(d.Resource); err == nil {
		region, partition = a.Region, a.Partition
	}
	ad = fromDenial(op, nil, d, region, accountOf(d.Principal), partition)
	if op == nil && operation != "" {
		ad.Operation = operation
	}
	if d.Code != "" {
		ad.Err = &APIError{Operation: ad.Operation, Code: d.Code, Message: d.Message}
	}
	return ad, true
}
